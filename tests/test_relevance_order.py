"""A search's page in relevance order, read from the matches' ranks and the facet index's default order,
is the page `ORDER BY rank DESC, <default order>` gives: many searches, first, second and last pages.
"""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.utils import translation

from browse.facets import _indexes
from browse.paging import PAGE_SIZE
from practices.lists import PRACTICE_LIST
from tests.compendium_data import compendium  # noqa: F401 - the module's fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("compendium")]

SEARCHES = [
    "q=migrants", "q=roma", "q=intercultural cities", "q=anti rumour", "q=integration&country=ES&country=IT",
    "q=city&area=education", "q=migr", "q=cities&year_from=2018", "q=intercultural&level=local&tag=migrants",
    "q=nothingmatchesthis",
]  # fmt: skip


def page_in_sql_order(listing, query, number):
    filterset = listing.filterset(query)
    assert filterset.is_valid(), filterset.errors
    listing.counts(filterset)  # decides whole words or prefixes, as the page does
    ordered = filterset.ordered(filterset.qs).values_list("pk", flat=True)
    return list(ordered[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])


def page_shown(client, path, query, number):
    response = client.get(path, QueryDict(query + f"&page={number}"))
    assert response.status_code == 200
    return [result.item.pk for result in response.context["results"]], response.context["total"]


# English pages rank on the practices' heading (most matches tie, in the default order); French pages on the
# whole French vector (every match ranked).
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_of_a_search_is_in_the_order_sql_gives(language):
    listing = PRACTICE_LIST
    client = Client()
    prefix = "" if language == "en" else "/fr"
    path = prefix + "/practices/"
    pages_seen = 0
    for query in SEARCHES:
        _, total = page_shown(client, path, query, 1)
        last = max(1, -(-total // PAGE_SIZE))
        for number in sorted({1, min(2, last), last}):
            with translation.override(language):
                expected = page_in_sql_order(listing, QueryDict(query), number)
            assert page_shown(client, path, query, number)[0] == expected, (query, number)
            pages_seen += bool(expected)
    assert pages_seen >= 5


def test_a_practice_written_after_the_index_was_read_is_listed_last():
    """An item the index does not know yet (written since the index was read, for a request that read the
    generation before the write) is still listed, once, after the others."""
    client = Client()
    _, total = page_shown(client, "/practices/", "q=migrants", 1)
    _, day, index = _indexes["practices"]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO practices_practice (title, slug, status, level, place, promoter, type_text, area_text, "
            "duration_text, purpose, rationale, process, impact, further_information, created, updated, "
            "imported_values, theme_id) SELECT 'Migrants welcome late', 'migrants-welcome-late', 'published', "
            "'local', '', '', '', '', '', 'For migrants.', '', '', '', '', now(), now(), '{}', theme_id "
            "FROM practices_practice LIMIT 1 RETURNING id"
        )
        newest = cursor.fetchone()[0]
        cursor.execute("SELECT token FROM content_generation")
        new_token = cursor.fetchone()[0]
    _indexes["practices"] = (new_token, day, index)  # as if read just before the write
    _, new_total = page_shown(client, "/practices/", "q=migrants", 1)
    assert new_total == total + 1
    last = -(-new_total // PAGE_SIZE)
    every = [pk for number in range(1, last + 1) for pk in page_shown(client, "/practices/", "q=migrants", number)[0]]
    assert len(every) == len(set(every)) == new_total
    assert every[-1] == newest


def test_the_api_pages_a_search_in_the_order_sql_gives_cursor_after_cursor():
    client = Client()
    for query in ("q=cities", "q=intercultural cities", "q=migrants&country=ES&country=IT"):
        slugs, url = [], f"/api/v1/practices/?{query}&page_size=3"
        while url:
            answer = client.get(url).json()
            slugs += [item["slug"] for item in answer["results"]]
            url = answer["next"]
        filterset = PRACTICE_LIST.filterset(QueryDict(query))
        assert filterset.is_valid()
        PRACTICE_LIST.counts(filterset)
        assert slugs == list(filterset.ordered(filterset.qs).values_list("slug", flat=True)), query
        assert len(slugs) > 3, query  # more than one page


def test_a_search_bitmap_of_a_million_practices_fits_in_the_connections_work_mem():
    """A common word at a million practices matches hundreds of thousands: with PostgreSQL's default 4 MB the
    bitmap of their rows turns lossy, each row of a lossy page is checked again, and the search took 2.8 s."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        assert cursor.fetchone()[0] == "32MB"


def test_a_search_over_no_items_at_all_matches_nothing():
    """A list whose queryset the ORM knows to be empty (compiling it raises EmptyResultSet) has no matches."""
    filterset = PRACTICE_LIST.filterset_class(QueryDict("q=migrants"), queryset=PRACTICE_LIST.items().none())
    assert filterset.is_valid() and filterset.ranks_by_relevance()
    matches = filterset.matches()
    assert (matches.ids, matches.ranks) == ([], {})
