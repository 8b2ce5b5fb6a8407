"""/api/v1/<list>/: the pages' filters and messages, facet counts, keyset pages, nothing unpublished."""

import pytest
from django.urls import reverse

from api.cursors import encode_cursor
from editorial.models import PublicationStatus
from tests import factories as make
from tests.academy import builders as build
from tests.projects import factories as make_project

pytestmark = pytest.mark.django_db

PRACTICES = reverse("api:practices")
PROJECTS = reverse("api:projects")
COURSES = reverse("api:courses")
MODULES = reverse("api:modules")


def slugs(response):
    return [item["slug"] for item in response.json()["results"]]


def facet(response, key):
    return {value["value"]: value for f in response.json()["facets"] if f["key"] == key for value in f["values"]}


@pytest.fixture
def europe():
    education, youth = make.area("education", "Education"), make.area("youth", "Youth")
    spain, italy = make.country("ES", "Spain"), make.country("IT", "Italy")
    return {
        "bilbao": make.practice("Anti-rumours strategy", slug="bilbao", place="Bilbao", country=spain,
                                areas=[education], tags=["anti-rumours"], start=make.month(2013), ongoing=True),
        "madrid": make.practice("Madrid youth forum", slug="madrid", place="Madrid", country=spain, areas=[youth],
                                level="regional", start=make.month(2019, 3), end=make.month(2021, 6)),
        "reggio": make.practice("Local Action Plan", slug="reggio", place="Reggio Emilia", country=italy,
                                areas=[education, youth]),
    }  # fmt: skip


def test_filters_as_on_the_page_with_counts_and_facets(client, europe):
    response = client.get(PRACTICES, {"country": "es"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == 2
    assert slugs(response) == ["bilbao", "madrid"]
    assert body["next"] is None
    # Each facet counted with the other filters applied, and without its own.
    assert {code: value["count"] for code, value in facet(response, "country").items()} == {"ES": 2, "IT": 1}
    assert facet(response, "country")["ES"]["selected"] is True
    assert facet(response, "area")["education"]["count"] == 1
    assert (
        facet(response, "area")["education"]["url"] == "http://testserver/api/v1/practices/?country=es&area=education"
    )
    assert facet(response, "country")["ES"]["url"] == "http://testserver/api/v1/practices/?"
    both = client.get(PRACTICES, {"country": "es", "area": ["education", "youth"], "ongoing": "1"})
    assert slugs(both) == ["bilbao"]


@pytest.mark.parametrize(
    "params",
    [
        {"country": "XX"},
        {"area": "no-such-area"},
        {"sort": "colour"},
        {"ongoing": "maybe"},
        {"q": "x" * 201},
        {"year_from": "2020", "year_to": "2010"},
        {"year_from": "1800"},
        {"country": "XX", "level": "planetary"},
    ],
)
def test_a_bad_filter_is_a_400_with_the_pages_own_messages(client, europe, params):
    page = client.get(reverse("practices:list"), params)
    answer = client.get(PRACTICES, params)
    assert page.status_code == answer.status_code == 400
    assert answer.json() == {"errors": page.context["errors"]}
    assert answer.json()["errors"]


def test_paging_parameters_are_checked_and_unknown_ones_refused(client, europe):
    assert client.get(PRACTICES, {"page_size": "0"}).json() == {"errors": ["page_size: Pages hold at least 1 item."]}
    assert client.get(PRACTICES, {"page_size": "101"}).json() == {
        "errors": ["page_size: Pages hold at most 100 items."]
    }
    assert client.get(PRACTICES, {"page_size": "ten"}).status_code == 400
    response = client.get(PRACTICES, {"page": "2", "contry": "ES"})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        "page: The API has no page numbers: follow each answer's `next` link.",
        "Unknown parameter “contry”: this address takes q, country, level, theme, area, type, tag, ongoing, place, "
        "year_from, year_to, sort, cursor, page_size.",
    ]


@pytest.mark.parametrize("sort", ["", "title", "start", "-start", "country", "relevance"])
def test_next_links_walk_every_item_once_in_the_lists_order(client, sort):
    spain, italy = make.country("ES", "Spain"), make.country("IT", "Italy")
    for number in range(23):
        # Ties on every key but the id, dates and countries missing on some: the order must stay total.
        make.practice(f"Practice {number % 5}", country=[spain, italy, None][number % 3],
                      start=make.month(2010 + number % 4) if number % 2 else None,
                      source_position=None if number % 4 else number, purpose="migrants")  # fmt: skip
    params = {"sort": sort, "q": "migrants"} if sort == "relevance" else {"sort": sort}
    expected = slugs(client.get(reverse("api:practices"), {**params, "page_size": 100}))
    page_list = [r.item.slug for r in client.get(reverse("practices:list"), {**params}).context["results"]]
    assert expected[:20] == page_list  # the page's order
    walked, url = [], PRACTICES + "?" + "&".join(f"{k}={v}" for k, v in params.items()) + "&page_size=4"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        assert response.json()["count"] == 23
        walked += slugs(response)
        url = response.json()["next"]
    assert walked == expected
    assert len(set(walked)) == 23


def test_a_next_page_starts_after_the_previous_pages_last_item_whatever_was_written_since(client):
    for number in range(30):
        make.practice(f"Practice {number:02d}", source_position=None)
    first = client.get(PRACTICES, {"sort": "title", "page_size": 3})
    assert [item["title"] for item in first.json()["results"]] == ["Practice 00", "Practice 01", "Practice 02"]
    # Written between two pages: one before where the reader stopped, one after.
    make.practice("Practice 00a", source_position=None)
    make.practice("Practice 02a", source_position=None)
    second = client.get(first.json()["next"])
    # No item seen twice, none skipped (page numbers would repeat "Practice 02").
    assert [item["title"] for item in second.json()["results"]] == ["Practice 02a", "Practice 03", "Practice 04"]


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "%%%",
        encode_cursor("title", ["Practice", "not a number"]),  # a value of the wrong type
        encode_cursor("title", ["Practice"]),  # too few values
        encode_cursor("start", [None, "Practice", 1]),  # another order's cursor
        encode_cursor("title", ["Prac\x00tice", 1]),  # PostgreSQL cannot compare a null character
        encode_cursor("title", ["Practice", 2**70]),  # beyond bigint
        encode_cursor("title", [{"date": "2020-13-01"}, 1]),
        "x" * 2001,
    ],
)
def test_a_cursor_the_api_did_not_give_is_a_400(client, europe, cursor):
    response = client.get(PRACTICES, {"sort": "title", "cursor": cursor})
    assert response.status_code == 400
    assert response.json()["errors"][0].startswith("cursor: ")


def test_drafts_and_archived_items_never_appear_nor_count(client, europe):
    make.practice("A draft", slug="draft", country=europe["bilbao"].country, status=PublicationStatus.DRAFT)
    make.practice("Archived", slug="archived", country=europe["bilbao"].country, status=PublicationStatus.ARCHIVED)
    response = client.get(PRACTICES, {"page_size": 100})
    assert sorted(slugs(response)) == ["bilbao", "madrid", "reggio"]
    assert response.json()["count"] == 3
    assert facet(response, "country")["ES"]["count"] == 2
    assert "draft" not in response.content.decode() and "Archived" not in response.content.decode()


def test_projects_courses_and_modules_lists(client):
    migration = make_project.category("migration", "Migration")
    make_project.project("BETA", categories=[migration], start=make_project.day(2020), end=make_project.day(2021))
    make_project.project("ALPHA", start=make_project.day(2030))
    make_project.project("DRAFT", status=PublicationStatus.DRAFT)
    projects = client.get(PROJECTS)
    assert [item["acronym"] for item in projects.json()["results"]] == ["ALPHA", "BETA"]
    assert facet(projects, "category")["migration"]["count"] == 1
    assert client.get(PROJECTS, {"status": "finished"}).json()["count"] == 1
    assert client.get(PROJECTS, {"status": "someday"}).json() == {
        "errors": ["Status: Use status=active or status=finished."]
    }

    education = make.area("education", "Education")
    academy = build.course("Academy", slug="academy", position=1)
    online = build.course("Online", slug="online", format="online-self-paced", position=2)
    hidden = build.course("Hidden", slug="hidden", status=PublicationStatus.DRAFT)
    build.module(academy, "Welcome", slug="welcome", areas=[education], position=2)
    build.module(academy, "Rumours", slug="rumours", position=1, kind="elective")
    build.module(online, "Online one", slug="online-one", summary="Anti-rumour work")
    build.module(academy, "Unready", slug="unready", status=PublicationStatus.DRAFT)
    build.module(hidden, "In a draft course", slug="hidden-module")
    courses = client.get(COURSES)
    assert slugs(courses) == ["academy", "online"]
    assert [m["slug"] for m in courses.json()["results"][0]["modules"]] == ["rumours", "welcome"]
    assert slugs(client.get(COURSES, {"area": "education"})) == ["academy"]

    modules = client.get(MODULES)
    assert slugs(modules) == ["rumours", "welcome", "online-one"]
    assert {k: v["count"] for k, v in facet(modules, "course").items()} == {"academy": 2, "online": 1}
    assert slugs(client.get(MODULES, {"course": "academy", "kind": "elective"})) == ["rumours"]
    assert slugs(client.get(MODULES, {"q": "rumour"})) == ["rumours", "online-one"]
    assert slugs(client.get(MODULES, {"area": "education"})) == ["welcome"]
    assert client.get(MODULES, {"course": "hidden"}).json() == {"errors": ["Course: Unknown course “hidden”."]}


def _many(count):
    education = make.area("education", "Education")
    for number in range(count):
        make.practice(f"Migrants practice {number}", areas=[education], tags=["migrants", f"tag-{number}"],
                      types=[make.practice_type()], references=[("A report", "https://example.org")],
                      start=make.month(2020), ongoing=True)  # fmt: skip


@pytest.mark.parametrize("count", [2, 25])
def test_query_count_is_the_same_whatever_the_data_size(client, django_assert_num_queries, count):
    _many(count)
    # The client's count (the rate limit), the generation (ETag, and the one counted in), the kept counts (none
    # after a change), the facet index (4: a savepoint, its time-out, the read, the release), keeping the counts,
    # the page, its types, areas, tags and references.
    with django_assert_num_queries(13):
        assert client.get(PRACTICES).status_code == 200
    # The client's count, the generation, validating the country and the area, whether the words match whole
    # words, the items matching them (the facets from the index), the page and its 4 relations.
    with django_assert_num_queries(11):
        assert client.get(PRACTICES, {"country": "ES", "area": "education", "q": "migrants"}).status_code == 200
    cursor = client.get(PRACTICES, {"page_size": 1}).json()["next"]
    # The client's count, the generation, the kept counts, the page and its 4 relations.
    with django_assert_num_queries(8):
        assert client.get(cursor).status_code == 200


@pytest.mark.parametrize("count", [1, 25])
def test_other_lists_query_counts_do_not_grow_with_the_data(client, django_assert_num_queries, count):
    for _ in range(count):
        make_project.project(objectives=["One"], activities=[("Two", "")], resources=[("Three", "")],
                                       targets=[(1, "people", "One person")], partners=[("Four", None, "")],
                                       tags=["x"], categories=[make_project.category()])  # fmt: skip
        course = build.course()
        module = build.module(course, tags=["y"], areas=[make.area()])
        build.question(module)
    # The client's count, generation, the kept counts (none after a change), the facet index (4, with its
    # time-out), the status facet, keeping the counts, page, and programme-free prefetches: 9 relations.
    with django_assert_num_queries(19):
        client.get(PROJECTS)
    # The client's count, generation, the kept counts (none after a change), the facet index (4), the area
    # facet, keeping the counts, page, modules.
    with django_assert_num_queries(11):
        client.get(COURSES)
    # The client's count, generation, kept counts (none), the facet index (4), keeping them, page, areas, tags,
    # questions, options.
    with django_assert_num_queries(13):
        client.get(MODULES)
