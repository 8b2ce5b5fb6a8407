"""The practice list, declared once: its facets, its result lines, its export."""

from django.db.models import F, TextField, Value
from django.db.models.functions import Concat

from browse.columns import absolute_url, iso_month, joined, yes_no
from browse.facets import ComputedFacet, FieldFacet, LinkFacet
from browse.lists import Listing
from browse.search import headline_snippets
from editorial.markdown import excerpt
from practices.filters import PracticeFilter
from practices.models import Level, Practice, TaggedPractice


def count_ongoing(practices):
    return [("1", "Ongoing", practices.filter(ongoing=True).count())]


class PracticeList(Listing):
    key = "practices"
    filterset_class = PracticeFilter
    template_name = "practices/list.html"
    list_url_name = "practices:list"
    export_url_name = "practices:export"
    export_name = "practices"
    noun, plural = "practice", "practices"
    title = "Good practices"
    search_label = "Search the practices"
    search_placeholder = "e.g. anti-rumours, Roma, Neuchâtel"
    default_order = "the compendium's order"
    facets = (
        FieldFacet("theme", "Theme", "theme__slug", "theme__title"),
        FieldFacet("country", "Country", "country__code", "country__name", multiple=True),
        FieldFacet("level", "Level of government", "level", labels=dict(Level.choices)),
        LinkFacet("area", "Area of intervention", Practice.areas.through, "practice", "area__slug", "area__name"),
        LinkFacet("type", "Type", Practice.types.through, "practice", "practicetype__slug", "practicetype__name"),
        LinkFacet("tag", "Tag", TaggedPractice, "content_object", "tag__slug", "tag__name"),
        ComputedFacet("ongoing", "Status", count_ongoing),
    )

    def items(self):
        return Practice.objects.published()

    def rows(self, queryset):
        """Only what a result line shows."""
        return queryset.select_related("country", "theme").only(
            "title", "slug", "place", "level", "promoter", "duration_text", "ongoing", "start", "end", "purpose",
            "status", "country__name", "country__code", "theme__title", "theme__slug",
        )  # fmt: skip

    def snippets(self, ids, query):
        document = Concat(
            "purpose", Value(" "), "rationale", Value(" "), "process", Value(" "), "impact", Value(" "),
            "place", Value(" "), "promoter", output_field=TextField(),
        )  # fmt: skip
        return headline_snippets(Practice.objects.filter(pk__in=ids), document, query)

    def excerpt(self, practice):
        return excerpt(practice.purpose)

    def export_columns(self, request):
        return [
            ("title", F("title")),
            ("url", absolute_url(request, "practices:detail", "slug")),
            ("country_code", F("country_id")),
            ("country", F("country__name")),
            ("place", F("place")),
            ("level", F("level")),
            ("theme", F("theme__title")),
            ("types", joined(F("link_summary__type_names"))),
            ("areas", joined(F("link_summary__area_names"))),
            ("tags", joined(F("link_summary__tag_names"))),
            ("promoter", F("promoter")),
            ("duration", F("duration_text")),
            ("start", iso_month("start")),
            ("end", iso_month("end")),
            ("ongoing", yes_no("ongoing")),
            # Long texts go out as the Markdown editors wrote, so links keep their addresses.
            ("purpose", F("purpose")),
            ("rationale", F("rationale")),
            ("process", F("process")),
            ("impact", F("impact")),
            ("references", joined(F("link_summary__reference_texts"))),
        ]


PRACTICE_LIST = PracticeList()
