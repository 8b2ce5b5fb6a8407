"""What every list's FilterSet shares: the search box, years, sorts, paging, and words for bad input.

One `BrowseFilterSet` subclass per list (in `<app>/filters.py`) declares its
filters and its `sorts`; this base validates the rest of the list's state
(`sort`, `page`), orders the results, and describes the active filters for
chips, facets and messages.
"""

import datetime
from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib.postgres.search import SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy, pgettext

from browse.links import link_without
from browse.ranking import Matches
from browse.search import TYPING_PARAMETER, can_be_a_prefix, search_query, text_searched_while_typing
from editorial.translation import ENGLISH, column, page_language

MAX_QUERY_LENGTH = 200
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_PAGE = 100_000
RELEVANCE = "relevance"


@dataclass(frozen=True)
class Sort:
    """An order a reader may pick: its `sort` value, its label, and the `order_by` it means."""

    key: str
    label: str
    order: tuple


def choice_errors(what):
    """Error messages naming the unknown `what` a URL asked for."""
    return {
        "invalid_choice": format_lazy(gettext_lazy("Unknown {what} “%(value)s”."), what=what),
        "invalid_pk_value": format_lazy(gettext_lazy("Unknown {what} “%(pk)s”."), what=what),
    }


# A label in lower case, in the language of the moment it is shown.
lower_lazy = lazy(lambda text: str(text).lower(), str)


def search_filter():
    """The `q` filter: the list's FilterSet searches with its `filter_search` method."""
    return django_filters.CharFilter(
        label=gettext_lazy("Search"), method="filter_search", max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": format_lazy(
                gettext_lazy("Searches are limited to {limit} characters."), limit=MAX_QUERY_LENGTH
            )
        },
    )  # fmt: skip


class YearFilter(django_filters.NumberFilter):
    """Items running in a year from (`bound="from"`) or to (`bound="to"`) one between MIN_YEAR and MAX_YEAR.

    The items' QuerySet says what running means: `running_after(day)` and `running_before(day)`.
    """

    field_class = forms.IntegerField

    def __init__(self, label, bound, **kwargs):
        super().__init__(
            label=label,
            min_value=MIN_YEAR,
            max_value=MAX_YEAR,
            error_messages={
                "invalid": gettext_lazy("Enter a year such as 2022."),
                "min_value": format_lazy(gettext_lazy("Years start at {year}."), year=MIN_YEAR),
                "max_value": format_lazy(gettext_lazy("Years stop at {year}."), year=MAX_YEAR),
            },
            **kwargs,
        )
        self.bound = bound

    def filter(self, queryset, year):
        if year is None:
            return queryset
        if self.bound == "from":
            return queryset.running_after(datetime.date(year, 1, 1))
        return queryset.running_before(datetime.date(year, 12, 31))


def running_years():
    """The `year_from` and `year_to` filters of a list of items with a period."""
    return YearFilter(gettext_lazy("From year"), "from"), YearFilter(gettext_lazy("To year"), "to")


class LinkedTermsFilter(django_filters.ModelMultipleChoiceFilter):
    """Items linked, through the many-to-many `links` model, to any of the terms named by slug.

    A subquery rather than a join, so an item linked to two of the terms is listed once.
    """

    def __init__(self, label, terms, links, term_field, item_field, what=None):
        super().__init__(
            label=label, queryset=terms, to_field_name="slug", error_messages=choice_errors(what or lower_lazy(label))
        )
        self.links, self.term_field, self.item_field = links, term_field, item_field

    def filter(self, queryset, terms):
        if not terms:
            return queryset
        linked = self.links.objects.filter(**{f"{self.term_field}__in": terms}).values(self.item_field)
        return queryset.filter(pk__in=linked)


class BrowseForm(forms.Form):
    """Validates what every list accepts besides its filters: `sort` and `page`."""

    sort_choices = [("", gettext_lazy("Default"))]

    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": gettext_lazy("The page must be a whole number."),
            "min_value": gettext_lazy("Pages start at 1."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort"] = forms.ChoiceField(
            required=False,
            choices=self.sort_choices,
            error_messages={"invalid_choice": gettext_lazy("Unknown sort order “%(value)s”.")},
        )

    def clean_q(self):
        """While typing, a last word too short to be a prefix is not searched yet. Cleaned here, so results,
        counts, chips and cache keys agree; the search box keeps what was typed (it shows the request's `q`)."""
        text = self.cleaned_data["q"] or ""
        return text_searched_while_typing(text) if self.data.get(TYPING_PARAMETER) == "1" else text


class YearRangeForm(BrowseForm):
    """The form of a list filtered by `year_from` and `year_to`, which must not be the wrong way round."""

    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from and year_to and year_from > year_to:
            raise forms.ValidationError(
                gettext("“From” year %(year_from)s is after “to” year %(year_to)s.")
                % {"year_from": year_from, "year_to": year_to}
            )
        return cleaned


class BrowseFilterSet(django_filters.FilterSet):
    """A list's filters, plus its sorts, its paging, and each filter's view of the others."""

    # The orders a reader may pick; the first is the default.
    sorts = ()
    # A search vector that ranks matches when searching (relevance is then offered and the default).
    rank_field = None
    # The vector searched on English pages; French pages search and rank by its French twin (`_fr`).
    search_field = "search_vector"
    # Whether the search in force matches prefixes, once known (see `search_by_prefix`).
    _search_by_prefix = None

    def get_form_class(self):
        """The list's form: its filters' fields, `sort` and `page`, and the year check where there are years."""
        fields = {name: filter_.field for name, filter_ in self.filters.items()}
        base = YearRangeForm if "year_from" in fields else BrowseForm
        return type(f"{type(self).__name__}Form", (base,), {**fields, "sort_choices": self.sort_choices()})

    def sort_choices(self):
        choices = [(sort.key, sort.label) for sort in self.sorts]
        if self.rank_field:
            choices.insert(1, (RELEVANCE, gettext_lazy("Relevance")))
        return choices

    def filter_queryset(self, queryset):
        return self.queryset_without()

    def queryset_without(self, *names):
        """The queryset with every valid filter applied except `names` (for facet counts)."""
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name in self.filters and name not in names:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def queryset_only(self, name):
        """The queryset with filter `name` alone applied."""
        return self.filters[name].filter(self.queryset.all(), self.form.cleaned_data[name])

    def filter_search(self, queryset, name, value):
        """Full-text search on the model's `search_vector`; words without letters or digits match nothing."""
        if not value.strip():
            return queryset
        query = self.clean_search_query()
        if query is None:
            return queryset.none()
        return queryset.filter(**{self.searched_vector(): query})

    def searched_vector(self):
        """The vector the page's language searches: the English one, or its French twin."""
        return column(self.search_field, page_language())

    def ranked_vector(self):
        """The vector matches are ranked by: `rank_field` in English, the French vector in French."""
        return self.rank_field if page_language() == ENGLISH else self.searched_vector()

    def clean_search_query(self):
        """The tsquery of the `q` parameter in force (whole words, or prefixes: `search_by_prefix`), or None."""
        text = self.value("q") or ""
        return search_query(text, prefix=self.search_by_prefix) if text.strip() else None

    @property
    def typing(self):
        """Whether this is the request the search box sends as the reader types."""
        return self.data.get(TYPING_PARAMETER) == "1"

    @property
    def search_by_prefix(self):
        """Whether the last word searched matches the beginning of words: while typing, or when whole words
        match no item at all (one query, once; `Listing.counts` keeps the answer with the counts)."""
        if self._search_by_prefix is None:
            self._search_by_prefix = self.typing or (
                can_be_a_prefix(self.value("q") or "") and not self._whole_words_match()
            )
        return self._search_by_prefix

    def remember_search_by_prefix(self, value):
        self._search_by_prefix = value

    def _whole_words_match(self):
        text = self.value("q") or ""
        whole = search_query(text) if text.strip() else None
        return whole is None or self.queryset.filter(**{self.searched_vector(): whole}).exists()

    @property
    def searching_prefixes_instead(self):
        """True when a submitted search found no whole word and matches beginnings of words instead."""
        return bool((self.value("q") or "").strip()) and not self.typing and self.search_by_prefix

    # Order ------------------------------------------------------------------

    def effective_sort(self):
        """The sort in force: the reader's, else relevance while searching a ranked list, else the default."""
        if self.sort:
            return self.sort
        if self.rank_field and self.clean_search_query() is not None:
            return RELEVANCE
        return self.sorts[0].key

    def ordered(self, queryset):
        """The filtered queryset in the order in force; relevance without a search falls back to the default."""
        default = self.sorts[0]
        sort = self.effective_sort()
        if sort == RELEVANCE:
            if not self.ranks_by_relevance():
                return queryset.order_by(*default.order)
            # Matches that tie (or match only outside the ranked vector) follow in the default order.
            return queryset.annotate(rank=self.rank()).order_by("-rank", *default.order)
        chosen = next((option for option in self.sorts if option.key == sort), default)
        return queryset.order_by(*chosen.order)

    def ranks_by_relevance(self):
        """Whether the order in force is a search's relevance."""
        return self.effective_sort() == RELEVANCE and self.clean_search_query() is not None

    def rank(self):
        """A match's relevance: its rank on the list's ranked vector."""
        return SearchRank(F(self.ranked_vector()), self.clean_search_query())

    def matches(self, *facets, ranked=True):
        """`Matches`: the items passing every filter but `facets` (those a facet index applies), with their ranks
        when ranked by relevance and `ranked` (a picture of them has no order: ranking is most of a search's
        time); read in one query, once per request."""
        read = self.__dict__.setdefault("_matches", {})
        ranked = ranked and self.ranks_by_relevance()
        key = (frozenset(facets), ranked)
        if key not in read:
            queryset = self.queryset_without(*facets).order_by()
            if ranked:
                read[key] = Matches(*_ids_and_ranks(queryset.annotate(rank=self.rank()).values_list("pk", "rank")))
            else:
                read[key] = Matches(list(queryset.values_list("pk", flat=True)), {})
        return read[key]

    # State ------------------------------------------------------------------

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
                messages.append(
                    gettext("%(filter)s: %(message)s") % {"filter": self.label(name), "message": error}
                    if name != "__all__"
                    else error
                )
        return messages

    def label(self, name):
        """What the form calls parameter `name` (its label), never the parameter's own name."""
        form_field = self.form.fields.get(name)
        return form_field.label if form_field is not None and form_field.label else name.replace("_", " ").capitalize()

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
            Chip(
                gettext("%(filter)s: %(value)s") % {"filter": self.filters[name].label, "value": text},
                link_without(query, name, raw),
                name,
            )
            for name, raw, text in self.active_values()
        ]

    def described(self):
        """The active filters in words, [(label, values)]: `("Country", "Spain or Italy")`."""
        by_filter = {}
        for name, _, text in self.active_values():
            by_filter.setdefault(self.filters[name].label, []).append(text)
        either = pgettext("between a filter's values: Spain or Italy", "or")
        return [(label, f" {either} ".join(texts)) for label, texts in by_filter.items()]

    def selected_values(self):
        """{filter name: {raw value: label}}, for facets to mark what is selected."""
        selected = {}
        for name, raw, text in self.active_values():
            selected.setdefault(name, {})[raw] = text.strip("“”") if name == "q" else text
        return selected

    def canonical_state(self):
        """The active filters as one string, the same for every URL that means the same list."""
        return "&".join(f"{name}={raw}" for name, raw, _ in sorted(self.active_values()))

    def search_state(self):
        """`canonical_state`, told apart while typing (the last word is then a prefix)."""
        state = self.canonical_state()
        return f"{state}&{TYPING_PARAMETER}=1" if self.typing and self.value("q") else state

    @staticmethod
    def _raw_and_text(filter_, item):
        to_field = filter_.extra.get("to_field_name")
        if to_field:
            return str(getattr(item, to_field)), str(item)
        choices = filter_.extra.get("choices")
        if choices:
            return str(item), str(dict(choices).get(item, item))
        return str(item), f"“{item}”" if isinstance(item, str) else str(item)


@dataclass
class Chip:
    label: str
    url: str
    name: str


def _ids_and_ranks(ranked):
    """([every id], {id: rank} of those ranked above 0) of `ranked`, (id, rank) rows, in one query. Each rank is
    computed once: aggregated straight from the rows, it would be computed again for each array it is in."""
    try:
        sql, params = ranked.query.get_compiler(ranked.db).as_sql()
    except EmptyResultSet:
        return [], {}  # the filters exclude everything before asking the database, as .aggregate() knew
    with connections[ranked.db].cursor() as cursor:
        # The ORM's own SQL, kept whole (OFFSET 0) so each row's rank is computed before it is aggregated; the
        # ranks read as the ORM reads them (double precision), so a cursor's rank compares equal.
        aggregated = (
            "SELECT COALESCE(ARRAY_AGG(id), '{}'), COALESCE(ARRAY_AGG(id) FILTER (WHERE rank > 0), '{}'), "  # noqa: S608
            "COALESCE(ARRAY_AGG(rank::double precision) FILTER (WHERE rank > 0), '{}') "
            f"FROM ({sql} OFFSET 0) AS matched (id, rank)"
        )
        cursor.execute(aggregated, params)
        ids, above, ranks = cursor.fetchone()
    return ids, dict(zip(above, ranks, strict=True))
