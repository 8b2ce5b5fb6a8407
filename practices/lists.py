"""The practice list, declared once: its facets, its result lines, its export."""

from django.db.models import F, Func, TextField
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

import charts
from browse.columns import absolute_url, iso_month, joined, label_in_language, names_in_language, yes_no
from browse.facets import ConditionFacet, FieldFacet, GroupFacet, ItemOrder, LinkFacet
from browse.links import link_with, link_without
from browse.lists import Listing, OtherForm
from browse.search import headline_snippets, joined_texts
from editorial.translation import ENGLISH, columns, in_page_language, page_language, shown_excerpt
from practices.citations import CITATION_SOURCE
from practices.filters import BY_START, PracticeFilter
from practices.models import Level, Practice, PracticeQuerySet, TaggedPractice
from vocabulary.models import Area, PracticeType
from vocabulary.names import country_labels, country_name, names_of, term_labels


class PracticeList(Listing):
    key = "practices"
    filterset_class = PracticeFilter
    template_name = "practices/list.html"
    list_url_name = "practices:list"
    export_url_name = "practices:export"
    export_name = "practices"
    dictionary_url_name = "practices:export-columns"
    datapackage_url_name = "practices:datapackage"
    compare_url_name = "practices:compare"
    sources = ((CITATION_SOURCE, ""),)
    export_texts = _("Texts are plain text: a link is written “label (address)”.")
    other_forms = (
        OtherForm(_("As a spreadsheet (.xlsx)"), "practices:export_xlsx", most="SPREADSHEET_MAX_ROWS"),
        OtherForm(_("On a map"), "practices:map"),
        OtherForm(_("In charts"), "practices:charts"),
        OtherForm(_("As a PDF dossier"), "documents:dossier", most="DOSSIER_MAX_PRACTICES"),
        OtherForm(_("The whole compendium as PDF"), "documents:compendium", filtered=False),
    )
    noun, plural = _("practice"), _("practices")
    count_phrases = ngettext_lazy("%(number)s practice", "%(number)s practices", "count")
    match_phrases = ngettext_lazy("%(number)s practice matches", "%(number)s practices match", "count")
    title = _("Good practices")
    search_label = _("Search the practices")
    search_placeholder = _("e.g. anti-rumours, Roma, Neuchâtel")
    default_order = _("the compendium's order")
    facets = (
        FieldFacet("theme", _("Theme"), "theme__slug", "theme__title", relabel=names_of("themes")),
        FieldFacet("country", _("Country"), "country__code", "country__name", multiple=True, relabel=country_name),
        FieldFacet("level", _("Level of government"), "level", labels=dict(Level.choices)),
        LinkFacet(
            "area",
            _("Area of intervention"),
            Practice.areas.through,
            "practice",
            "area__slug",
            "area__name",
            relabel=names_of("areas"),
        ),
        LinkFacet(
            "type",
            _("Type"),
            Practice.types.through,
            "practice",
            "practicetype__slug",
            "practicetype__name",
            relabel=names_of("practice_types"),
        ),
        LinkFacet("tag", _("Tag"), TaggedPractice, "content_object", "tag__slug", "tag__name"),
        ConditionFacet("ongoing", _("Status"), [("1", _("Ongoing"), PracticeQuerySet.current)], always_shown=True),
    )
    # The map's places; the timeline's practices, by start.
    pictured_facets = (GroupFacet("places", ("place", "country_id"), PracticeQuerySet.placed),)
    pictured_orders = (ItemOrder("start", BY_START, PracticeQuerySet.dated),)

    def items(self):
        return Practice.objects.published()

    def rows(self, queryset):
        """Only what a result line shows."""
        return queryset.select_related("country", "theme").only(
            *columns(("title", "purpose")), "slug", "place", "level", "promoter", "ongoing", "start", "end",
            "status", "country__name", "country__code", "theme__title", "theme__slug",
        )  # fmt: skip

    def snippets(self, ids, query):
        # The plain-text renderings: a snippet never cuts through a link's Markdown. On French pages the
        # texts as the page shows them (the French where written), made plain by the same SQL function.
        if page_language() == ENGLISH:
            texts = ["purpose_plain", "rationale_plain", "process_plain", "impact_plain"]
        else:
            texts = [
                Func(in_page_language(field), function="markdown_plain", output_field=TextField())
                for field in ("purpose", "rationale", "process", "impact")
            ]
        document = joined_texts(*texts, "place", "promoter")
        return headline_snippets(Practice.objects.filter(pk__in=ids), document, query)

    def excerpt(self, practice):
        return shown_excerpt(practice, "purpose")

    def pictures_context(self, query, counts, filterset):
        """A small map of the listed practices by country, drawn from the country facet's counts (no query).

        The facet counts each country without the country filter; restricted to the countries chosen, those
        are the counts with every filter applied (a practice has one country). Without a country filter, the
        practices tied to no country are the total less the countries' counts.
        """
        chosen = {code.upper() for code in filterset.selected_values().get("country", {})}
        countries = [row for row in counts["country"] if not chosen or row[0].upper() in chosen]
        elsewhere = [] if chosen else [(None, "", counts["total"] - sum(n for _, _, n in countries))]
        list_url = reverse(self.list_url_name)
        small_map = charts.practice_map(
            countries + elsewhere, [], size="small", title="Where the practices listed are, by country",
            country_url=lambda code: list_url + link_with(query, "country", code),
            place_url=lambda place, code: list_url + link_with(query, "place", place, multiple=False),
        )  # fmt: skip
        return {"small_map": small_map, "map_url": reverse("practices:map") + link_without(query, "page")}

    def export_columns(self, request):
        # Long texts go out as plain text (links as "label (address)"), from the generated columns.
        # New columns are added at the end, so no column moves for a reader who reads them by place.
        # Labels (country, level, theme, types, areas, ongoing) in the page's language, under the same names.
        return [
            ("title", F("title")),
            ("url", absolute_url(request, "practices:detail", "slug")),
            ("country_code", F("country_id")),
            ("country", label_in_language(F("country_id"), country_labels(), F("country__name"))),
            ("place", F("place")),
            ("level", label_in_language(F("level"), dict(Level.choices))),
            ("theme", label_in_language(F("theme__slug"), term_labels("themes"), F("theme__title"))),
            ("types", joined(names_in_language(F("link_summary__type_names"), PracticeType))),
            ("areas", joined(names_in_language(F("link_summary__area_names"), Area))),
            ("tags", joined(F("link_summary__tag_names"))),
            ("promoter", F("promoter")),
            ("duration", F("duration_text")),
            ("start", iso_month("start")),
            ("end", iso_month("end")),
            ("ongoing", yes_no("ongoing")),
            ("purpose", F("purpose_plain")),
            ("rationale", F("rationale_plain")),
            ("process", F("process_plain")),
            ("impact", F("impact_plain")),
            ("references", joined(F("link_summary__reference_texts"))),
            ("further_information", F("further_information_plain")),
            ("type_as_submitted", F("type_text")),
            ("area_as_submitted", F("area_text")),
        ]

    # What each column of the export holds, in the export's order: the data dictionary's page.
    export_dictionary = (
        ("title", _("The practice's title, without the place or promoter that prefixes it in the compendium.")),
        ("url", _("The practice's page on this site.")),
        ("country_code", _("ISO 3166-1 alpha-2 code of the country; empty for a transnational organisation.")),
        ("country", _("The country's name in English; empty for a transnational organisation.")),
        ("place", _("The city or region, as written; empty for a practice of a whole country or network.")),
        ("level", _("Level of government: local, regional, national or european.")),
        ("theme", _("The compendium's section (theme) the practice is printed under.")),
        ("types", _("Types of practice from the shared vocabulary, separated by “; ”.")),
        ("areas", _("Areas of intervention from the shared vocabulary, separated by “; ”.")),
        ("tags", _("Tags, separated by “; ”.")),
        ("promoter", _("The organisation that promotes the practice, when it has no country or place.")),
        ("duration", _("The duration exactly as the contributor wrote it.")),
        ("start", _("First month of the period read from the duration (YYYY-MM); a year alone is its January.")),
        ("end", _("Last month of the period (YYYY-MM); a year alone is its December; empty when not known.")),
        ("ongoing", _("yes when the source says the practice goes on, no when it gives a period that ended or "
                    "will end, empty when the source does not say.")),
        ("purpose", _("Purpose, as plain text: links as “label (address)”, list items on their own lines.")),
        ("rationale", _("Stimulus and rationale (with the process when the source tells both at once), plain text.")),
        ("process", _("Process, plain text.")),
        ("impact", _("Impact and outcomes, plain text.")),
        ("references", _("Reference documents and links, each “label (address)”, separated by “; ”.")),
        ("further_information", _("Further information the source gives besides its links (partners, budgets, "
                                "leading authorities), plain text.")),
        ("type_as_submitted", _("The type exactly as the contributor wrote it.")),
        ("area_as_submitted", _("The area of intervention exactly as the contributor wrote it.")),
    )  # fmt: skip


PRACTICE_LIST = PracticeList()
