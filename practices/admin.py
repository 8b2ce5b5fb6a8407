from django.contrib import admin

from browse.csv_export import csv_response
from editorial.history import EditorialVersionAdmin
from editorial.publication import PublicationAdminMixin
from practices.lists import PRACTICE_LIST
from practices.models import Practice, ReferenceLink


class ReferenceLinkInline(admin.TabularInline):
    model = ReferenceLink
    extra = 0
    fields = ["position", "label", "url"]


@admin.register(Practice)
class PracticeAdmin(PublicationAdminMixin, EditorialVersionAdmin):
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

    @admin.action(description="Export the selected practices as CSV")
    def export_csv(self, request, queryset):
        return csv_response(
            queryset.order_by("title", "pk"), PRACTICE_LIST.export_columns(request), "practices-selection"
        )
