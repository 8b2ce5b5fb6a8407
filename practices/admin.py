from django.contrib import admin
from reversion.admin import VersionAdmin

from browse.csv_export import csv_response
from editorial.publication import PublicationAdminMixin
from practices.models import Practice, ReferenceLink
from practices.search import forget_cached_counts, refresh_search_vectors
from practices.selectors import export_columns


class ReferenceLinkInline(admin.TabularInline):
    model = ReferenceLink
    extra = 0
    fields = ["position", "label", "url"]


@admin.register(Practice)
class PracticeAdmin(PublicationAdminMixin, VersionAdmin):
    publish_permission = "practices.publish_practice"
    list_display = ["title", "country", "place", "level", "theme", "status", "updated"]
    list_filter = ["status", "theme", "level", "country", "areas", "types", "place"]
    list_select_related = ["country", "theme"]
    search_fields = ["title", "place", "promoter", "purpose"]
    autocomplete_fields = ["country", "theme", "types", "areas"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ReferenceLinkInline]
    actions = [*PublicationAdminMixin.publication_actions, "export_csv"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status"]}),
        ("Where and who", {"fields": ["theme", "country", "place", "level", "promoter"]}),
        ("Classification", {"fields": ["types", "type_text", "areas", "area_text", "tags"]}),
        ("When", {"fields": ["duration_text", "start", "end", "ongoing"]}),
        ("Texts (Markdown)", {"fields": ["purpose", "rationale", "process", "impact", "further_information"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_search_vectors([form.instance.pk])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        forget_cached_counts()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        forget_cached_counts()

    @admin.action(description="Export the selected practices as CSV")
    def export_csv(self, request, queryset):
        return csv_response(queryset.order_by("title", "pk"), export_columns(request), "practices-selection")

    def status_changed(self):
        forget_cached_counts()
