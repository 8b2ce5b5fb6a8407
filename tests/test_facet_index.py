"""The facet index counts what the filters themselves select: every facet, every list, many combinations.

Each count from the index is checked against the facet counted the slow way, in SQL through the filters
(`FacetSpec.count` over the items with every filter but the facet's own), on the real sources.
"""

import random

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client

from academy.lists import COURSE_LIST, MODULE_LIST
from browse.facets import FacetIndex
from browse.long_reads import long_read
from practices.lists import PRACTICE_LIST
from projects.lists import PROJECT_LIST
from tests.compendium_data import compendium  # noqa: F401 - the module's fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("compendium")]

LISTS = [PRACTICE_LIST, PROJECT_LIST, COURSE_LIST, MODULE_LIST]


def counted_the_slow_way(listing, filterset):
    counts = {"total": filterset.qs.count()}
    for spec in listing.facets:
        counts[spec.key] = {value: n for value, _, n in spec.count(filterset.queryset_without(spec.key)) if n}
    return counts


def counted_by_the_index(listing, filterset):
    counts = listing.counts(filterset)
    return {"total": counts["total"]} | {
        spec.key: {value: n for value, _, n in counts[spec.key] if n} for spec in listing.facets
    }


def facet_values(listing):
    """{facet key: [its values]} of the unfiltered list, as a reader could pick them."""
    counts = listing.counts(listing.filterset(QueryDict()))
    return {spec.key: [value for value, _, _ in counts[spec.key]] for spec in listing.facets}


def combinations(listing, seed, how_many=25):
    """Query strings of one to four facets, one to three values each, some with a search or years too."""
    rng = random.Random(seed)
    values = {key: found for key, found in facet_values(listing).items() if found}
    extras = [{}, {}, {"q": "migrants"}, {"q": "roma"}, {"year_from": "2018"}, {"year_to": "2021"}]
    for _ in range(how_many):
        query = QueryDict(mutable=True)
        for key in rng.sample(sorted(values), rng.randint(1, min(4, len(values)))):
            spec = next(spec for spec in listing.facets if spec.key == key)
            how_many_values = rng.randint(1, min(3, len(values[key]))) if spec.multiple else 1
            query.setlist(key, rng.sample(values[key], how_many_values))
        for name, value in rng.choice(extras).items():
            if name in listing.filterset_class.base_filters:
                query[name] = value
        yield query


@pytest.mark.parametrize("listing", LISTS, ids=lambda listing: listing.key)
def test_every_facet_counts_what_the_filters_select(listing):
    for query in combinations(listing, seed=listing.key):
        filterset = listing.filterset(query)
        assert filterset.is_valid(), (query.urlencode(), filterset.errors)
        assert counted_by_the_index(listing, filterset) == counted_the_slow_way(listing, filterset), query.urlencode()


def test_a_write_by_plain_sql_is_counted_on_the_next_request():
    """The index is kept per content generation: a write however made is in the next count."""
    client = Client()
    before = client.get("/practices/", {"country": "ES", "level": "local"}).context["total"]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE practices_practice SET level = 'local' WHERE country_id = 'ES' AND level <> 'local' "
            "AND status = 'published'"
        )
        moved = cursor.rowcount
    assert moved > 0
    after = client.get("/practices/", {"country": "ES", "level": "local"}).context["total"]
    assert after == before + moved


@pytest.mark.parametrize("listing", LISTS, ids=lambda listing: listing.key)
def test_with_every_filter_applied_each_facet_counts_what_the_list_shows(listing):
    """The charts' bars: each facet counted with its own filter too."""
    indexed = [spec for spec in listing.facets if spec.indexed]
    for query in combinations(listing, seed=f"{listing.key}-every", how_many=10):
        filterset = listing.filterset(query)
        counted = listing.indexed_counts(filterset, every_filter=True)
        assert counted["total"] == filterset.qs.count(), query.urlencode()
        for spec in indexed:
            slow = {value: n for value, _, n in spec.count(filterset.qs) if n}
            assert {value: n for value, _, n in counted[spec.key] if n} == slow, (spec.key, query.urlencode())


def test_the_pictures_places_and_timeline_are_what_the_filters_select():
    """The map's places, the practices with a start and the timeline's first ones, from the index, are what
    SQL through the filters gives, for any selection (a few or many practices)."""
    pictured_facets, (by_start,) = PRACTICE_LIST.pictured_facets, PRACTICE_LIST.pictured_orders
    for query in [QueryDict(), *combinations(PRACTICE_LIST, seed="pictures", how_many=10)]:
        filterset = PRACTICE_LIST.filterset(query)
        index, selected = PRACTICE_LIST.selection(filterset)
        counted = index.count(selected, {}, pictured_facets)
        for spec in pictured_facets:
            slow = {value: n for value, _, n in spec.count(filterset.qs)}
            assert {value: n for value, _, n in counted[spec.key]} == slow, (spec.key, query.urlencode())
        dated = by_start.narrowing(filterset.qs)
        assert (selected & index.placed_by(by_start.key)).bit_count() == dated.count(), query.urlencode()
        for limit in (1, 5, 1000):
            first = list(dated.order_by(*by_start.order).values_list("pk", flat=True)[:limit])
            assert index.first(by_start.key, selected, limit) == first, (limit, query.urlencode())


def test_the_index_is_read_even_when_it_takes_longer_than_a_page_query_may():
    """At a million items the index's one query takes seconds: it may run as long as an export does."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        pages_timeout = cursor.fetchone()[0]
        cursor.execute("SELECT set_config('statement_timeout', '1', false)")  # a page's queries: 1 ms
        try:
            index = FacetIndex.build(PRACTICE_LIST.items(), PRACTICE_LIST.indexed_facets(), ("title", "pk"))
        finally:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [pages_timeout])
    assert index.everything.bit_count() == PRACTICE_LIST.items().count() > 80


def test_a_pages_queries_start_no_parallel_workers_and_the_index_read_may():
    """Pages' queries are many and short on few cores: workers only queue behind each other's (a search's
    matches handed back by two workers took twice as long as read by one). A long read may start them."""

    def workers():
        with connection.cursor() as cursor:
            cursor.execute("SHOW max_parallel_workers_per_gather")
            return int(cursor.fetchone()[0])

    assert workers() == 0
    with long_read(connection.alias):  # (a test's own transaction keeps the setting after it: not checked)
        assert workers() == 2
