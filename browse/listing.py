"""What every browsable list shares: URL state, facets with toggle links, chips, paging.

A list's whole state lives in its query string. A `BrowseFilterSet` validates
it (filters, `sort`, `page`); the helpers here turn that state into the links
a reader clicks: a facet value adds or removes itself, a chip removes its
filter, a page link keeps everything else, a result link carries the list
back. The `…_context` functions give list views the template variables these
make.
"""

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import django_filters
from django import forms
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count
from django.utils.http import urlencode

from browse.search import search_query

PAGE_SIZE = 20
MAX_PAGE = 100_000


# Query-string links -------------------------------------------------------


def query_string(params):
    """`?a=1&b=2` from a list of (key, value) pairs; just `?` when empty."""
    return "?" + urlencode(params) if params else "?"


def _pairs(query, drop=("page",)):
    return [(key, value) for key in query for value in query.getlist(key) if key not in drop and value != ""]


def _same(pair, key, value):
    # Codes and slugs match whatever their case in the URL (country=es is ES).
    return pair[0] == key and pair[1].strip().casefold() == str(value).casefold()


def link_toggling(query, key, value, multiple=True):
    """The link that adds `value` to filter `key`, or removes it when already there."""
    pairs = _pairs(query)
    if any(_same(pair, key, value) for pair in pairs):
        pairs = [pair for pair in pairs if not _same(pair, key, value)]
    else:
        if not multiple:
            pairs = [(k, v) for k, v in pairs if k != key]
        pairs.append((key, value))
    return query_string(pairs)


def link_without(query, key, value=None):
    """The link without filter `key` (or only without its `value`)."""
    if value is None:
        return query_string([(k, v) for k, v in _pairs(query) if k != key])
    return query_string([pair for pair in _pairs(query) if not _same(pair, key, value)])


def link_replacing(query, key, value):
    """The link with `key` set to `value` alone (sort, page)."""
    pairs = [(k, v) for k, v in _pairs(query, drop=() if key == "page" else ("page",)) if k != key]
    if value not in (None, ""):
        pairs.append((key, str(value)))
    return query_string(pairs)


# Facets -----------------------------------------------------------------


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    key: str
    title: str
    values: list = field(default_factory=list)
    # How many values to show before "Show all".
    visible: int = 8

    @property
    def shown(self):
        return self.values[: self.visible]

    @property
    def more(self):
        return self.values[self.visible :]


def build_facet(query, key, title, counted, selected, multiple=True, visible=8):
    """A facet from `counted` = [(value, label, count)], keeping selected values even at zero.

    Values with no matching item are left out unless selected (a selected one
    stays, so it can be removed), so no facet link ever leads to an empty list.
    """
    counted = list(counted)
    present = {value for value, _, _ in counted}
    values = [
        FacetValue(value, label, count, value in selected, link_toggling(query, key, value, multiple))
        for value, label, count in counted
        if count > 0 or value in selected
    ]
    for value, label in selected.items():
        if value not in present:
            values.append(FacetValue(value, label, 0, True, link_toggling(query, key, value, multiple)))
    values.sort(key=lambda v: (not v.selected, -v.count, v.label.lower()))
    return Facet(key, title, values, visible)


def count_by(queryset, value_field, label_field=None):
    """[(value, label, count)] grouped on a column of `queryset` in one query."""
    label_field = label_field or value_field
    fields = [value_field] if label_field == value_field else [value_field, label_field]
    rows = queryset.order_by().values(*fields).annotate(n=Count("pk")).filter(n__gt=0)
    return [(str(row[value_field]), str(row[label_field]), row["n"]) for row in rows if row[value_field] is not None]


def count_through(through_queryset, owner_field, owner_queryset, value_field, label_field):
    """[(value, label, count)] over a many-to-many table, for the owners in `owner_queryset`."""
    rows = (
        through_queryset.filter(**{f"{owner_field}__in": owner_queryset.order_by().values("pk")})
        .order_by()
        .values(value_field, label_field)
        .annotate(n=Count("pk"))
    )
    return [(str(row[value_field]), str(row[label_field]), row["n"]) for row in rows]


# Filter sets --------------------------------------------------------------


class BrowseForm(forms.Form):
    """Validates what every list accepts besides its filters: `sort` and `page`."""

    sort_choices = [("", "Default")]

    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={"invalid": "The page must be a whole number.", "min_value": "Pages start at 1."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort"] = forms.ChoiceField(
            required=False,
            choices=self.sort_choices,
            error_messages={"invalid_choice": "Unknown sort order “%(value)s”."},
        )


class BrowseFilterSet(django_filters.FilterSet):
    """A FilterSet that also knows the list's non-filter state and each filter's other-filter view."""

    def filter_queryset(self, queryset):
        return self.queryset_without()

    def queryset_without(self, *names):
        """The queryset with every valid filter applied except `names` (for facet counts)."""
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name in self.filters and name not in names:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_search(self, queryset, name, value):
        """Full-text search on the model's `search_vector`; words without letters or digits match nothing."""
        if not value.strip():
            return queryset
        query = search_query(value)
        if query is None:
            return queryset.none()
        return queryset.filter(search_vector=query)

    def clean_search_query(self):
        """The tsquery of the `q` parameter, or None when there is no search."""
        text = self.value("q") or ""
        return search_query(text) if text.strip() else None

    @staticmethod
    def linked_to_any(queryset, links, term_field, owner_field, terms):
        """Items linked, in the `links` table, to any of `terms` (all items when none are given).

        A subquery rather than a join, so an item linked to two terms is listed once.
        """
        if not terms:
            return queryset
        return queryset.filter(pk__in=links.objects.filter(**{f"{term_field}__in": terms}).values(owner_field))

    def value(self, name):
        return self.form.cleaned_data.get(name) if self.is_bound and self.is_valid() else None

    @property
    def sort(self):
        return self.value("sort") or ""

    @property
    def page_number(self):
        return self.value("page") or 1

    def error_messages(self):
        """Each problem with the query, in words a reader can act on."""
        messages = []
        for name, errors in self.form.errors.items():
            for error in errors:
                messages.append(f"{self._label(name)}: {error}" if name != "__all__" else error)
        return messages

    def _label(self, name):
        form_field = self.form.fields.get(name)
        label = form_field.label if form_field is not None and form_field.label else name
        return f"{label} ({name})" if label.lower() != name else name

    def active_values(self):
        """[(filter name, raw value as in a URL, text for a reader)] for every active filter value."""
        active = []
        for name, filter_ in self.filters.items():
            value = self.form.cleaned_data.get(name) if self.is_valid() else None
            if value in (None, "", [], False) or (hasattr(value, "exists") and not value):
                continue
            items = list(value) if isinstance(value, (list, tuple)) or hasattr(value, "model") else [value]
            active += [(name, *self._raw_and_text(filter_, item)) for item in items]
        return active

    def chips(self, query):
        """One removable chip per active filter value, in the order of the filters."""
        return [
            Chip(f"{self.filters[name].label}: {text}", link_without(query, name, raw), name)
            for name, raw, text in self.active_values()
        ]

    def selected_values(self):
        """{filter name: {raw value: label}}, for facets to mark what is selected."""
        selected = {}
        for name, raw, text in self.active_values():
            selected.setdefault(name, {})[raw] = text.strip("“”") if name == "q" else text
        return selected

    def canonical_state(self):
        """The active filters as one string, the same for every URL that means the same list."""
        return "&".join(f"{name}={raw}" for name, raw, _ in sorted(self.active_values()))

    @staticmethod
    def _raw_and_text(filter_, item):
        to_field = filter_.extra.get("to_field_name")
        if to_field:
            return str(getattr(item, to_field)), str(item)
        choices = filter_.extra.get("choices")
        if choices:
            return str(item), str(dict(choices).get(item, item))
        return str(item), f"“{item}”" if isinstance(item, str) else str(item)


class RankedFilterSet(BrowseFilterSet):
    """A list that a search ranks by relevance, unless the reader picks another sort."""

    # The sort when neither the reader nor a search picks one.
    default_sort = ""

    def effective_sort(self):
        if self.sort:
            return self.sort
        return "relevance" if self.clean_search_query() is not None else self.default_sort


@dataclass
class Chip:
    label: str
    url: str
    name: str


# Paging -------------------------------------------------------------------


def paginate(queryset, page_number, per_page=PAGE_SIZE, count=None, fetch=None):
    """(page, corrected): the requested page, or the last one when asked past the end.

    With `fetch(ids) -> {id: row}`, a page is found by reading only the ids of
    the ordered queryset (an index-only scan, even deep down the list), then
    its rows are fetched by id: skipped rows are never read in full.
    """
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # computed already; saves a COUNT query
    try:
        page, corrected = paginator.page(page_number), False
    except EmptyPage:
        page, corrected = paginator.page(paginator.num_pages), True
    if fetch is not None:
        bottom = (page.number - 1) * per_page
        ids = list(queryset.values_list("pk", flat=True)[bottom : bottom + per_page])
        rows = fetch(ids)
        page.object_list = [rows[pk] for pk in ids if pk in rows]
    return page, corrected


def page_links(query, page, window=2):
    """Page numbers around the current one, with gaps, as (number, url) or (None, None)."""
    last = page.paginator.num_pages
    numbers = sorted({1, last, *range(max(1, page.number - window), min(last, page.number + window) + 1)})
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append((None, None))
        links.append((number, link_replacing(query, "page", number if number > 1 else None)))
        previous = number
    return links


def pagination_context(query, page):
    """The page links of `partials/pagination.html`: none for a single page."""
    return {
        "page_links": page_links(query, page) if page.paginator.num_pages > 1 else [],
        "previous_url": link_replacing(query, "page", page.previous_page_number()) if page.has_previous() else None,
        "next_url": link_replacing(query, "page", page.next_page_number()) if page.has_next() else None,
    }


# The list's forms ---------------------------------------------------------


def kept_parameters(query, *dropped):
    """The query's (key, value) pairs but `dropped` and `page`: hidden inputs of a form that sets `dropped`."""
    return [(key, value) for key in query for value in query.getlist(key) if key not in (*dropped, "page")]


def sort_context(filterset, query):
    """The sort form of `partials/results_head.html`."""
    return {
        "sort": filterset.sort,
        "sort_choices": filterset.form.fields["sort"].choices,
        "kept_for_sort": kept_parameters(query, "sort"),
    }


def ranked_sort_context(filterset, query, search):
    """The sort form of a list ranked while searching: relevance is offered only with a search."""
    return {
        "sort": filterset.effective_sort(),
        "sort_choices": [c for c in filterset.form.fields["sort"].choices if c[0] != "relevance" or search is not None],
        "relevance_without_search": filterset.sort == "relevance" and search is None,
        "kept_for_sort": kept_parameters(query, "sort"),
    }


def years_context(filterset, query):
    """The form of `partials/years_facet.html`."""
    return {
        "year_from": filterset.value("year_from"),
        "year_to": filterset.value("year_to"),
        "kept_for_years": kept_parameters(query, "year_from", "year_to"),
    }


# When the query is wrong or matches nothing -------------------------------


def invalid_filters_context(filterset, query):
    """The problems with an invalid query, and for each filter at fault a link to the list without it."""
    return {
        "errors": filterset.error_messages(),
        "error_fixes": [
            (name, link_without(query, name)) for name in filterset.form.errors if name in filterset.form.fields
        ],
    }


def loosening_suggestions(filterset, chips):
    """For an empty result: each active filter, with how many items there are without it."""
    suggestions = []
    for name in dict.fromkeys(chip.name for chip in chips):
        label = filterset.filters[name].label
        count = filterset.queryset_without(name).count()
        suggestions.append({"label": label, "count": count, "url": link_without(filterset.data, name)})
    return suggestions


# From a result to its page and back ---------------------------------------


def back_parameter(query):
    """`?back=…` for a result's link, carrying the list's query (empty for the unfiltered list)."""
    return "?" + urlencode({"back": query.urlencode()}) if query else ""


def back_link(list_url, back):
    """(url, came_from_list): the list a detail page was reached from, or the whole list.

    `back` is only ever read as a query string for the list, re-encoded, so it cannot point elsewhere.
    """
    pairs = [(k, v) for k, v in parse_qsl(back.lstrip("?"), keep_blank_values=False) if "\x00" not in k + v]
    back_query = urlencode(pairs[:100])
    return list_url + (f"?{back_query}" if back_query else ""), bool(back_query)
