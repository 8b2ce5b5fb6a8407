"""One list machinery for every browsable list: the page, its CSV export, declared once per list.

An app declares a `Listing` (in `<app>/lists.py`): its FilterSet, its facets,
what a result line shows and what the export writes. `list_page` and
`export_csv` serve every list from that declaration, so the three lists
behave alike and a change to one is a change to all.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext_lazy
from django.views.decorators.http import require_safe

from browse.cache import cached_read, content_generation, kept_read
from browse.csv_export import csv_chunks, csv_response, invalid_export_response
from browse.datapackage import data_package
from browse.facets import facet_index
from browse.filters import RELEVANCE
from browse.kept_exports import WRITING_WAIT, BeingWritten, kept_csv_response
from browse.links import back_parameter, back_value, kept_parameters, link_without
from browse.paging import paginate, pagination_context
from browse.ranking import RelevanceOrder
from browse.read_ahead import reading_ahead
from browse.search import SEARCH_WORD
from browse.spreadsheet import xlsx_response
from clients.addresses import client_address
from clients.limits import Rate, first_refusal, too_many_requests, try_again_later
from editorial.translation import ShownText, untranslated_titles


@dataclass(frozen=True)
class OtherForm:
    """A link beside the CSV's: the same items in another form (a spreadsheet, a map, a PDF).

    `filtered`: the link carries the list's query (the whole compendium does not); `most`: the setting
    that bounds how many items it takes, above which the link is left out (the dossier).
    """

    label: str
    url_name: str
    filtered: bool = True
    most: str = ""

    def link(self, filters_query, total):
        if self.most and total > getattr(settings, self.most):
            return None
        return reverse(self.url_name) + (filters_query if self.filtered else "")


@dataclass
class Result:
    """One line of a list: the item, its search snippet or excerpt, its link carrying the list back."""

    item: object
    snippet: list
    excerpt: str
    url: str


class Listing:
    """What one list declares; subclasses set the attributes and override the item hooks."""

    key = ""  # names its cached counts
    filterset_class = None
    template_name = ""
    list_url_name = ""
    export_url_name = ""
    export_name = ""  # the export file's name before its date
    noun, plural = "item", "items"
    # How a count of the list's items is said, each plural form in each language (browse/templatetags/counting.py).
    count_phrases = ngettext_lazy("%(number)s item", "%(number)s items", "count")
    match_phrases = ngettext_lazy("%(number)s item matches", "%(number)s items match", "count")
    facets = ()
    # What the facet index also holds for the list's pictures, never shown on the list nor filtered by:
    # `GroupFacet`s (the practices' places) and `ItemOrder`s (the practices by start).
    pictured_facets = ()
    pictured_orders = ()
    # Words on the page.
    title = ""
    search_label = ""
    search_placeholder = ""
    search_help = gettext_lazy(
        "Search matches whole words; only when none does, words that begin with the last word you typed."
    )
    default_order = gettext_lazy("their usual order")
    export_label = ""  # the export link's text, when it does not export the listed items themselves
    # (column, what it holds) for every export column, in order: the data dictionary's page.
    export_dictionary = ()
    dictionary_url_name = ""
    datapackage_url_name = ""  # the export's Frictionless data package (browse/datapackage.py)
    export_noun, export_plural = "", ""  # what one row of the export is, when not the listed item
    sources = ()  # (title, address or "") of each document the items come from
    export_texts = ""  # how the export writes long texts, for its data dictionary
    other_forms = ()  # OtherForm links beside the CSV's
    compare_url_name = ""  # a list whose results can be ticked and compared: where the ticks go

    def counted(self, count, *, matching=False):
        """ "3 practices" ("3 practices match"), the number grouped as the page's language writes it."""
        phrases = self.match_phrases if matching else self.count_phrases
        return phrases % {"count": count, "number": number_format(count, force_grouping=True)}

    def items(self):
        """Every item the list may show (the published ones)."""
        raise NotImplementedError

    def rows(self, queryset):
        """`queryset` (one page of items, in order) with what a result line shows."""
        return queryset

    def snippets(self, ids, query):
        """{id: [(text, is_match)]} where each item matches the search `query`."""
        return {}

    def excerpt(self, item):
        """The text a result line shows when there is no search snippet."""
        return ""

    def export_items(self, filterset):
        """The items the export writes, in order."""
        return filterset.ordered(filterset.qs)

    def export_columns(self, request):
        """[(header, SQL expression)] of the export, in order."""
        raise NotImplementedError

    def search_context(self, filterset):
        """What a search shows besides the list's items (the academy: the modules that match)."""
        return {}

    def pictures_context(self, query, counts, filterset):
        """What the page draws from the counts it already has (the practices: a small map)."""
        return {}

    def filterset(self, query):
        return self.filterset_class(query, queryset=self.items())

    def index(self, filterset, ranked=True):
        """(the list's FacetIndex, {facet key: selected values} of the facets it applies, the bits of the items
        passing every other filter (a search, years): all of them when none is active). A search's matches are
        read with their ranks (for the page's order) unless not `ranked`."""
        indexed = self.indexed_facets()
        index = self.facet_index()
        selected = {}
        for name, raw, _ in filterset.active_values():
            selected.setdefault(name, []).append(raw)
        toggled = {spec.key: selected[spec.key] for spec in indexed if spec.key in selected}
        others = selected.keys() - toggled.keys()
        items = filterset.matches(*toggled, ranked=ranked).bits if others else index.everything
        return index, toggled, items

    def facet_index(self):
        """The list's FacetIndex for the current content generation: every item's facet values, built on first use."""
        default_order = self.filterset_class.sorts[0].order
        return facet_index(
            self.key, self.items(), [*self.indexed_facets(), *self.pictured_facets], content_generation(),
            default_order, self.pictured_orders,
        )  # fmt: skip

    def indexed_facets(self):
        return [spec for spec in self.facets if spec.indexed]

    def indexed_counts(self, filterset, every_filter=False):
        """The total and the indexed facets' counts (`FacetIndex.count`) of what `filterset` selects."""
        if every_filter:  # a chart's bars: each facet over the items selected
            index, selected = self.selection(filterset)
            return index.count(selected, {}, self.indexed_facets())
        index, toggled, items = self.index(filterset)
        return index.count(items, toggled, self.indexed_facets())

    def selection(self, filterset):
        """(the list's FacetIndex, the bits of the items `filterset` selects): what a picture of them reads."""
        index, toggled, items = self.index(filterset, ranked=False)
        return index, items & index.having(toggled)

    def relevance_order(self, filterset):
        """The search's matches in relevance order (`RelevanceOrder`), from the ranks read with the matches (the
        facet counts' query) and the index's default order: no query of its own."""
        index, toggled, _ = self.index(filterset)
        matches = filterset.matches(*toggled)
        if toggled:
            matches = matches.within(index.having(toggled))
        return RelevanceOrder(matches, index)

    def counts(self, filterset):
        """{"total": n, facet key: [(value, label, count)]}, each facet counted without its own filter; cached."""

        def count():
            # Whether whole words matched decides what every count below counts.
            counts = {"search_by_prefix": filterset.search_by_prefix}
            counts.update(self.indexed_counts(filterset))
            for spec in self.facets:
                if not spec.indexed:
                    counts[spec.key] = spec.count(filterset.queryset_without(spec.key))
            return counts

        state = filterset.search_state()
        if not state:  # the unfiltered list: counted once per change, kept in the database
            # Per language: a label may be a word of the page's language (a level's).
            kept_key = f"{self.key}-counts-{get_language()}"
            counts = cached_read(f"{self.key}-counts", state, lambda: kept_read(kept_key, count))
        else:
            counts = cached_read(f"{self.key}-counts", state, count)
        filterset.remember_search_by_prefix(counts["search_by_prefix"])
        return counts


@require_safe
def list_page(request, listing):
    query = request.GET
    filterset = listing.filterset(query)
    list_url = reverse(listing.list_url_name)
    context = {
        "listing": listing,
        "filterset": filterset,
        "q": query.get("q", ""),
        "query": query,
        "list_url": list_url,
    }
    if not filterset.is_valid():
        context.update(invalid_filters_context(filterset, query))
        return render(request, listing.template_name, context, status=400)

    counts = listing.counts(filterset)
    total = counts["total"]
    page_ids = listing.relevance_order(filterset).page if filterset.ranks_by_relevance() else None
    page, corrected = paginate(filterset.ordered(filterset.qs), filterset.page_number, total, listing.rows, page_ids)
    items = list(page.object_list)
    search = filterset.clean_search_query()
    # A search's snippets are answered while the rest of the page is drawn (browse/read_ahead.py).
    with reading_ahead():
        snippets = listing.snippets([item.pk for item in items], search) if search is not None else {}
        back = back_parameter(query)
        # Both read the snippets: made when the template reaches them, the snippets read ahead meanwhile.
        results = SimpleLazyObject(lambda: [
            Result(item, snippets.get(item.pk), "" if item.pk in snippets else listing.excerpt(item),
                   item.get_absolute_url() + back)
            for item in items
        ])  # fmt: skip
        untranslated = SimpleLazyObject(lambda: untranslated_titles(items) or any(
            isinstance(result.excerpt, ShownText) and result.excerpt.is_other_language for result in results
        ))  # fmt: skip
        selected = filterset.selected_values()
        chips = filterset.chips(query)
        filters_query = link_without(query, "page")
        context.update(
            **pagination_context(query, page),
            **sort_context(filterset, query, search),
            total=total,
            page=page,
            corrected_page=corrected,
            results=results,
            untranslated_results=untranslated,
            facets=[spec.build(query, counts[spec.key], selected.get(spec.key, {})) for spec in listing.facets],
            chips=chips,
            loosen=loosening_suggestions(filterset, chips) if total == 0 and len(chips) > 1 else [],
            export_url=reverse(listing.export_url_name) + filters_query,
            dictionary_url=reverse(listing.dictionary_url_name) if listing.dictionary_url_name else "",
            datapackage_url=reverse(listing.datapackage_url_name) + filters_query
            if listing.datapackage_url_name
            else "",
            other_forms=[(form.label, url) for form in listing.other_forms if (url := form.link(filters_query, total))],
            compare_url=reverse(listing.compare_url_name) if listing.compare_url_name else "",
            back_value=back_value(query),
            **listing.pictures_context(query, counts, filterset),
            kept_for_search=kept_parameters(query, "q"),
            search_words=SEARCH_WORD.findall(context["q"]),
            years=years_context(filterset, query) if "year_from" in filterset.filters else None,
            **(listing.search_context(filterset) if search is not None or filterset.value("q") else {}),
        )
        return render(request, listing.template_name, context)


@require_safe
def export_csv(request, listing):
    """The list's CSV: the whole list kept as a file per content change; a filtered one made on demand, so often."""
    filterset = listing.filterset(request.GET)
    if not filterset.is_valid():
        return invalid_export_response(filterset.error_messages())
    items, columns = listing.export_items(filterset), listing.export_columns(request)
    if not filterset.active_values() and not filterset.sort:
        # Per language: its labels are words of the page's language.
        kept_key = f"{listing.key}-all-{get_language()}"
        try:
            return kept_csv_response(request, kept_key, lambda: csv_chunks(items, columns), listing.export_name)
        except BeingWritten:
            what = gettext("The whole list is being written to a file after a change to the content.")
            return try_again_later(request, 503, gettext("Being prepared"), what, WRITING_WAIT)
    wait = first_refusal([
        (Rate("filtered-exports", settings.FILTERED_EXPORTS_PER_CLIENT, 60), client_address(request)),
        (Rate("filtered-exports", settings.FILTERED_EXPORTS_OVERALL, 60), "everyone"),
    ])  # fmt: skip
    if wait:
        return too_many_requests(
            request, wait, gettext("Filtered exports are made on demand and limited; the whole list is not.")
        )
    return csv_response(items, columns, export_file_name(listing.export_name, filterset))


def export_file_name(name, filterset):
    """What the file holds, before its date: "practices", "practices-greece" (one value of one filter),
    "practices-filtered" (anything else)."""
    active = filterset.active_values()
    if not active:
        return name
    if len(active) == 1 and active[0][0] != "q":
        return f"{name}-{slugify(active[0][2]) or 'filtered'}"
    return f"{name}-filtered"


@require_safe
def data_dictionary_page(request, listing):
    """What each column of a list's export holds, for anyone who reads the CSV."""
    context = {
        "listing": listing,
        "list_url": reverse(listing.list_url_name),
        "export_url": reverse(listing.export_url_name),
        "datapackage_url": reverse(listing.datapackage_url_name) if listing.datapackage_url_name else "",
    }
    return render(request, "browse/data_dictionary.html", context)


@require_safe
def export_datapackage(request, listing):
    """The export's Frictionless data package: the CSV with the same filters, its columns, sources and filters."""
    filterset = listing.filterset(request.GET)
    if not filterset.is_valid():
        return invalid_export_response(filterset.error_messages())
    filters_query = link_without(request.GET, "page")
    columns = listing.export_columns(request)
    package = data_package(
        listing=listing,
        name=export_file_name(listing.export_name, filterset),
        columns=columns,
        query=listing.export_items(filterset).query,
        csv_url=request.build_absolute_uri(reverse(listing.export_url_name) + filters_query),
        list_url=request.build_absolute_uri(reverse(listing.list_url_name) + filters_query),
        filters=filterset.described(),
    )
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_safe
def export_xlsx(request, listing):
    """The CSV's rows and columns as a spreadsheet; refused, pointing to the CSV, above a stated number of rows."""
    filterset = listing.filterset(request.GET)
    if not filterset.is_valid():
        return invalid_export_response(filterset.error_messages())
    items = listing.export_items(filterset)
    limit = settings.SPREADSHEET_MAX_ROWS
    rows = items.count()
    if rows > limit:
        csv_url = reverse(listing.export_url_name) + link_without(request.GET, "page")
        context = {"listing": listing, "rows": rows, "limit": limit, "csv_url": csv_url,
                   "list_url": reverse(listing.list_url_name) + link_without(request.GET, "page")}  # fmt: skip
        # 422: the query is valid; its answer is more than a spreadsheet is built for here.
        return render(request, "browse/spreadsheet_too_large.html", context, status=422)
    return xlsx_response(items, listing.export_columns(request), export_file_name(listing.export_name, filterset))


# The parts of a list page -------------------------------------------------


def sort_context(filterset, query, search):
    """The sort form of `partials/results_head.html`: relevance is offered only with a search."""
    return {
        "sort": filterset.effective_sort(),
        "sort_choices": [
            choice for choice in filterset.form.fields["sort"].choices if choice[0] != RELEVANCE or search is not None
        ],
        "relevance_without_search": filterset.sort == RELEVANCE and search is None,
        "kept_for_sort": kept_parameters(query, "sort"),
    }


def years_context(filterset, query):
    """The form of `partials/years_facet.html`."""
    return {
        "year_from": filterset.value("year_from"),
        "year_to": filterset.value("year_to"),
        "kept": kept_parameters(query, "year_from", "year_to"),
    }


def invalid_filters_context(filterset, query):
    """The problems with an invalid query, and for each filter at fault a link to the list without it."""
    return {
        "errors": filterset.error_messages(),
        "error_fixes": [
            (filterset.label(name), link_without(query, name))
            for name in filterset.form.errors
            if name in filterset.form.fields
        ],
    }


def loosening_suggestions(filterset, chips):
    """For an empty result: each active filter (its values named), with how many items there are without it."""
    suggestions = []
    for name in dict.fromkeys(chip.name for chip in chips):
        label = "; ".join(chip.label for chip in chips if chip.name == name)
        count = filterset.queryset_without(name).count()
        suggestions.append({"label": label, "count": count, "url": link_without(filterset.data, name)})
    return suggestions
