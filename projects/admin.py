from django.contrib import admin, messages
from reversion.admin import VersionAdmin

from compendium.csv_export import csv_response
from compendium.models import PublicationStatus
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
from projects.search import refresh_search_vectors
from projects.selectors import export_columns


class ChildInline(admin.TabularInline):
    """A project's ordered children: the `position` number sets their order."""

    extra = 0
    ordering = ["position", "id"]


class ObjectiveInline(ChildInline):
    model = Objective
    fields = ["position", "text"]


class ActivityInline(ChildInline):
    model = Activity
    fields = ["position", "name", "description"]


class ResourceInline(ChildInline):
    model = Resource
    fields = ["position", "title", "url"]


class ImpactTargetInline(admin.StackedInline):
    model = ImpactTarget
    extra = 0
    ordering = ["position", "id"]
    fields = [("position", "number", "counts"), "wording", ("achieved", "achieved_source")]


class PartnerInline(ChildInline):
    model = Partner
    fields = ["position", "organisation", "country", "role"]
    autocomplete_fields = ["country"]


class SocialLinkInline(ChildInline):
    model = SocialLink
    fields = ["position", "label", "url"]


@admin.register(Project)
class ProjectAdmin(VersionAdmin):
    list_display = ["acronym", "title", "start", "end", "programme", "status", "updated"]
    list_filter = ["status", "categories", "programme", "areas"]
    list_select_related = ["programme"]
    search_fields = ["acronym", "title", "summary", "coordinator", "project_number"]
    autocomplete_fields = ["programme", "categories", "areas"]
    prepopulated_fields = {"slug": ["acronym"]}
    inlines = [ObjectiveInline, ActivityInline, ResourceInline, ImpactTargetInline, PartnerInline, SocialLinkInline]
    actions = ["publish", "unpublish", "export_csv"]
    fieldsets = [
        (None, {"fields": ["acronym", "title", "slug", "status"]}),
        ("Funding and dates", {"fields": ["programme", "project_number", "start", "end"]}),
        ("Who and where to ask", {"fields": ["coordinator", "contact_email", "website"]}),
        ("Classification", {"fields": ["categories", "areas", "tags"]}),
        ("Summary (Markdown)", {"fields": ["summary"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        if request.user.has_perm("projects.publish_project"):
            return []
        return ["status"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_search_vectors([form.instance.pk])

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("projects.publish_project"):
            actions.pop("publish", None)
            actions.pop("unpublish", None)
        return actions

    @admin.action(description="Publish the selected projects")
    def publish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.PUBLISHED)

    @admin.action(description="Unpublish the selected projects (back to draft)")
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.DRAFT)

    @admin.action(description="Export the selected projects as CSV")
    def export_csv(self, request, queryset):
        return csv_response(queryset.order_by("acronym", "pk"), export_columns(request), "projects-selection")

    def _set_status(self, request, queryset, status):
        changed = 0
        for project in queryset.exclude(status=status):
            project.status = status
            project.save(update_fields=["status", "updated"])
            self.log_change(request, project, f"Status set to {status}.")
            changed += 1
        self.message_user(request, f"{changed} project(s) set to {status}.", messages.SUCCESS)


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
