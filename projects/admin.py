from django.contrib import admin
from django.utils import timezone

from browse.csv_export import csv_response
from editorial.editing import OrderedInline, in_french
from editorial.history import EditorialVersionAdmin
from editorial.publication import PublicationAdminMixin
from projects.lists import PROJECT_LIST
from projects.models import (
    Activity,
    Category,
    FundingProgramme,
    ImpactTarget,
    Objective,
    Partner,
    Project,
    Resource,
    SocialLink,
)


class ChildInline(OrderedInline):
    """A project's ordered children: the `position` number sets their order."""


class ObjectiveInline(ChildInline):
    model = Objective
    fields = ["position", "text", "text_fr"]


class ActivityInline(ChildInline):
    model = Activity
    fields = ["position", "name", "description", "name_fr", "description_fr"]


class ResourceInline(ChildInline):
    model = Resource
    fields = ["position", "title", "url"]


class ImpactTargetInline(ChildInline):
    model = ImpactTarget
    fields = ["position", "number", "counts", "wording", "achieved", "achieved_source"]


class PartnerInline(ChildInline):
    model = Partner
    fields = ["position", "organisation", "country", "role"]
    autocomplete_fields = ["country"]


class SocialLinkInline(ChildInline):
    model = SocialLink
    fields = ["position", "label", "url"]


@admin.register(Project)
class ProjectAdmin(PublicationAdminMixin, EditorialVersionAdmin):
    publish_permission = "projects.publish_project"
    list_display = ["acronym", "title", "start", "end", "programme", "status", "updated"]
    list_filter = ["status", "categories", "programme", "areas"]
    list_select_related = ["programme"]
    search_fields = ["acronym", "title", "summary", "coordinator", "project_number"]
    autocomplete_fields = ["programme", "categories", "areas"]
    prepopulated_fields = {"slug": ["acronym"]}
    inlines = [ObjectiveInline, ActivityInline, ResourceInline, ImpactTargetInline, PartnerInline, SocialLinkInline]
    actions = [*PublicationAdminMixin.publication_actions, "export_csv"]
    fieldsets = [
        (None, {"fields": ["acronym", "title", "slug", "status"]}),
        ("Funding and dates", {"fields": ["programme", "project_number", "start", "end"]}),
        ("Who and where to ask", {"fields": ["coordinator", "contact_email", "website"]}),
        ("Classification", {"fields": ["categories", "areas", "tags"]}),
        ("Summary (Markdown)", {"fields": ["summary"]}),
        in_french(Project),
    ]

    @admin.action(description="Export the selected projects as CSV")
    def export_csv(self, request, queryset):
        projects = queryset.order_by("acronym", "pk").with_running_status(timezone.localdate())
        return csv_response(projects, PROJECT_LIST.export_columns(request), "projects-selection")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "directorate", "slug"]
    search_fields = ["name", "directorate", "full_wording"]
    prepopulated_fields = {"slug": ["name"]}
