from django.contrib import admin, messages
from reversion.admin import VersionAdmin

from compendium.csv_export import csv_response
from compendium.models import PublicationStatus
from practices.models import Practice, ReferenceLink
from practices.search import forget_cached_counts, refresh_search_vectors
from practices.selectors import export_columns


class ReferenceLinkInline(admin.TabularInline):
    model = ReferenceLink
    extra = 0
    fields = ["position", "label", "url"]


@admin.register(Practice)
class PracticeAdmin(VersionAdmin):
    list_display = ["title", "country", "place", "level", "theme", "status", "updated"]
    list_filter = ["status", "theme", "level", "country", "areas", "types", "place"]
    list_select_related = ["country", "theme"]
    search_fields = ["title", "place", "promoter", "purpose"]
    autocomplete_fields = ["country", "theme", "types", "areas"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ReferenceLinkInline]
    actions = ["publish", "unpublish", "export_csv"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status"]}),
        ("Where and who", {"fields": ["theme", "country", "place", "level", "promoter"]}),
        ("Classification", {"fields": ["types", "type_text", "areas", "area_text", "tags"]}),
        ("When", {"fields": ["duration_text", "start", "end", "ongoing"]}),
        ("Texts (Markdown)", {"fields": ["purpose", "rationale", "process", "impact", "further_information"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        if request.user.has_perm("practices.publish_practice"):
            return []
        return ["status"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_search_vectors([form.instance.pk])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        forget_cached_counts()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        forget_cached_counts()

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("practices.publish_practice"):
            actions.pop("publish", None)
            actions.pop("unpublish", None)
        return actions

    @admin.action(description="Publish the selected practices")
    def publish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.PUBLISHED)

    @admin.action(description="Unpublish the selected practices (back to draft)")
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.DRAFT)

    @admin.action(description="Export the selected practices as CSV")
    def export_csv(self, request, queryset):
        return csv_response(queryset.order_by("title", "pk"), export_columns(request), "practices-selection")

    def _set_status(self, request, queryset, status):
        changed = 0
        for practice in queryset.exclude(status=status):
            practice.status = status
            practice.save(update_fields=["status", "updated"])
            self.log_change(request, practice, f"Status set to {status}.")
            changed += 1
        forget_cached_counts()
        self.message_user(request, f"{changed} practice(s) set to {status}.", messages.SUCCESS)
