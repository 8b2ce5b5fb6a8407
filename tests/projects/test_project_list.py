"""/projects/: filters, search, facets, chips, paging and bad input, as a reader sees them."""

import pytest
from django.urls import reverse

from editorial.models import PublicationStatus
from tests import factories as base
from tests.projects import factories as make

LIST = reverse("projects:list")

pytestmark = pytest.mark.django_db


def acronyms(response):
    return [r.item.acronym for r in response.context["results"]]


def facet(response, key):
    return {v.value: v for f in response.context["facets"] if f.key == key for v in f.values}


@pytest.fixture
def projects():
    """LIAISON (finished), BRIDGES (running until 2099), FUTURE (not started), and a draft."""
    migration = make.category("migration", "Migration")
    dialogue = make.category("intercultural-dialogue", "Intercultural Dialogue")
    dialogue_area = base.area("intercultural-dialogue", "Intercultural dialogue")
    education = base.area("education", "Education")
    raci = make.programme()
    amif = make.programme("amif-dg-home", "AMIF call (DG HOME)", directorate="DG HOME")
    return {
        "liaison": make.project(
            "LIAISON", title="Mutual Learning for Intercultural Appreciation", categories=[migration, dialogue],
            areas=[dialogue_area], programme=raci, start=make.day(2020, 2, 3), end=make.day(2022, 4, 2),
            objectives=["To promote intercultural understanding among different groups."],
            activities=[("Participatory study", "a community-based participatory study")],
            resources=[("LIAISON VLOG", ""), ("Skill maps", "")],
            targets=[(500, "community members", "At least 500 community members reached")],
        ),
        "bridges": make.project(
            "BRIDGES", title="Schools as bridges", categories=[migration], areas=[education], programme=amif,
            start=make.day(2021, 1, 1), end=make.day(2099, 12, 31),
            objectives=["Schools welcome newcomers and their families."],
        ),
        "future": make.project(
            "FUTURE", title="A project not yet started", start=make.day(2098, 1, 1), end=make.day(2099, 6, 30),
            objectives=["Plan for later."],
        ),
        "draft": make.project("DRAFT", title="Work in progress", status=PublicationStatus.DRAFT, categories=[migration]),
    }  # fmt: skip


def test_lists_every_published_project_and_no_draft(client, projects):
    response = client.get(LIST)
    assert response.status_code == 200
    assert acronyms(response) == ["BRIDGES", "FUTURE", "LIAISON"]  # acronym order by default
    body = response.content.decode()
    assert 'aria-live="polite">3 projects</h2>' in body  # not "3 projects match": nothing is filtered
    filtered = client.get(LIST, {"category": "migration"}).content.decode()
    assert 'aria-live="polite">2 projects match</h2>' in filtered
    assert "Work in progress" not in body
    assert "Export these 3 projects as CSV" in body


def test_a_result_line_shows_dates_programme_categories_and_first_objective(client, projects):
    body = client.get(LIST, {"category": "intercultural-dialogue"}).content.decode()
    assert "LIAISON – Mutual Learning for Intercultural Appreciation" in body
    assert "Feb 2020 – Apr 2022" in body
    assert "REC-RACI action grant (DG JUST)" in body
    assert "Intercultural Dialogue, Migration" in body
    assert "To promote intercultural understanding among different groups." in body


def test_category_is_repeatable_and_values_are_alternatives(client, projects):
    assert acronyms(client.get(LIST, {"category": "intercultural-dialogue"})) == ["LIAISON"]
    assert acronyms(client.get(LIST, {"category": "migration"})) == ["BRIDGES", "LIAISON"]
    both = client.get(LIST + "?category=migration&category=intercultural-dialogue")
    assert acronyms(both) == ["BRIDGES", "LIAISON"]  # LIAISON once, though it has both


def test_area_and_programme(client, projects):
    assert acronyms(client.get(LIST, {"area": "education"})) == ["BRIDGES"]
    assert acronyms(client.get(LIST + "?area=education&area=intercultural-dialogue")) == ["BRIDGES", "LIAISON"]
    assert acronyms(client.get(LIST, {"programme": "amif-dg-home"})) == ["BRIDGES"]
    assert acronyms(client.get(LIST, {"programme": "rec-raci-action-grant-dg-just", "area": "education"})) == []


def test_status_as_of_today(client, projects):
    assert acronyms(client.get(LIST, {"status": "finished"})) == ["LIAISON"]
    assert acronyms(client.get(LIST, {"status": "active"})) == ["BRIDGES"]  # FUTURE has not started


def test_years_select_projects_running_in_them(client, projects):
    assert acronyms(client.get(LIST, {"year_from": 2021, "year_to": 2021})) == ["BRIDGES", "LIAISON"]
    assert acronyms(client.get(LIST, {"year_to": 2020})) == ["LIAISON"]
    assert acronyms(client.get(LIST, {"year_from": 2023})) == ["BRIDGES", "FUTURE"]
    assert acronyms(client.get(LIST, {"year_from": 2023, "year_to": 2097})) == ["BRIDGES"]
    make.project("UNDATED")
    assert "UNDATED" not in acronyms(client.get(LIST, {"year_from": 1990}))  # no dates, no period to overlap
    assert "UNDATED" in acronyms(client.get(LIST))


def test_search_covers_every_text_with_stemming_accents_and_a_prefix(client, projects):
    assert acronyms(client.get(LIST, {"q": "future"})) == ["FUTURE"]  # acronym, nowhere else
    assert acronyms(client.get(LIST, {"q": "appreciation"})) == ["LIAISON"]  # title
    assert acronyms(client.get(LIST, {"q": "newcomer"})) == ["BRIDGES"]  # objective, stemmed
    assert acronyms(client.get(LIST, {"q": "participatory"})) == ["LIAISON"]  # activity
    assert acronyms(client.get(LIST, {"q": "vlog"})) == ["LIAISON"]  # resource
    assert acronyms(client.get(LIST, {"q": "community members"})) == ["LIAISON"]  # impact target
    assert acronyms(client.get(LIST, {"q": "Écoles SCHOOL"})) == []  # every word must match
    assert acronyms(client.get(LIST, {"q": "schools famil"})) == ["BRIDGES"]  # prefix on the last word
    assert acronyms(client.get(LIST, {"q": "Fámilies"})) == ["BRIDGES"]  # accents folded


def test_summaries_are_searched_and_snippets_highlight_safely(client, projects):
    make.project("SAFE", summary="<script>alert(1)</script> Migrants meet **neighbours**.")
    response = client.get(LIST, {"q": "neighbours"})
    assert acronyms(response) == ["SAFE"]
    body = response.content.decode()
    assert "<mark>neighbours</mark>" in body
    assert "<script>alert" not in body


def test_relevance_is_the_default_order_of_a_search(client, projects):
    make.project("OTHER", title="Other", objectives=["Schools, schools and schools again."])
    response = client.get(LIST, {"q": "schools"})
    assert response.context["sort"] == "relevance"
    assert acronyms(response) == ["BRIDGES", "OTHER"]  # a title match weighs more than three in the text


def test_sorting(client, projects):
    assert acronyms(client.get(LIST, {"sort": "acronym"})) == ["BRIDGES", "FUTURE", "LIAISON"]
    assert acronyms(client.get(LIST, {"sort": "start"})) == ["LIAISON", "BRIDGES", "FUTURE"]
    assert acronyms(client.get(LIST, {"sort": "-start"})) == ["FUTURE", "BRIDGES", "LIAISON"]
    response = client.get(LIST, {"sort": "relevance"})
    assert "Sorting by relevance needs a search" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"category": "nope"}, "Unknown category “nope”"),
        ({"area": "no-such-area"}, "Unknown area “no-such-area”"),
        ({"programme": "esf"}, "Unknown funding programme “esf”"),
        ({"status": "maybe"}, "Use status=active or status=finished"),
        ({"year_from": "abc"}, "Enter a year such as 2022"),
        ({"year_to": "1066"}, "Years start at 1900"),
        ({"year_from": "2022", "year_to": "2020"}, "is after"),
        ({"sort": "colour"}, "Unknown sort order “colour”"),
        ({"page": "0"}, "Pages start at 1"),
        ({"page": "two"}, "The page must be a whole number"),
        ({"q": "x" * 201}, "limited to 200 characters"),
    ],
)
def test_bad_input_gets_a_visible_message_a_400_and_no_unfiltered_list(client, projects, params, message):
    response = client.get(LIST, params)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "These filters could not be applied" in body
    assert "Schools as bridges" not in body  # no list at all, not a silently unfiltered one
    assert "Export these" not in body


def test_the_error_page_offers_to_remove_the_bad_filter(client, projects):
    response = client.get(LIST, {"category": "nope", "area": "education"})
    assert response.context["error_fixes"] == [("Category", "?area=education")]


@pytest.mark.parametrize("query", ["q=liaison%00", "category=migration%00", "a%00=1", "status=active&q=%00"])
def test_a_null_byte_anywhere_in_the_query_is_a_400(client, projects, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert "The address contains a null character." in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page_with_a_message(client, projects):
    response = client.get(LIST, {"page": 9})
    assert response.status_code == 200
    assert response.context["page"].number == 1
    assert acronyms(response) == ["BRIDGES", "FUTURE", "LIAISON"]
    assert "There is no page 9; this is the last page, page 1." in response.content.decode()


def test_pages_hold_twenty_projects_and_link_to_the_next(client):
    for number in range(45):
        make.project(f"P{number:02d}")
    first = client.get(LIST)
    assert len(first.context["results"]) == 20
    assert first.context["next_url"] == "?page=2"
    third = client.get(LIST, {"page": 3})
    assert acronyms(third) == [f"P{n:02d}" for n in range(40, 45)]
    assert third.context["previous_url"] == "?page=2"


def test_facets_count_with_the_other_filters_and_toggle(client, projects):
    response = client.get(LIST, {"category": "migration"})
    categories = facet(response, "category")
    # The category facet ignores its own filter, so the other category stays reachable.
    assert {slug: v.count for slug, v in categories.items()} == {"migration": 2, "intercultural-dialogue": 1}
    assert categories["migration"].selected and categories["migration"].url == "?"
    assert categories["intercultural-dialogue"].url == "?category=migration&category=intercultural-dialogue"
    # The other facets count within Migration only.
    assert {slug: v.count for slug, v in facet(response, "area").items()} == {
        "education": 1,
        "intercultural-dialogue": 1,
    }
    programmes = facet(response, "programme")
    assert {slug: v.count for slug, v in programmes.items()} == {"amif-dg-home": 1, "rec-raci-action-grant-dg-just": 1}
    assert programmes["amif-dg-home"].url == "?category=migration&programme=amif-dg-home"
    assert {value: v.count for value, v in facet(response, "status").items()} == {"active": 1, "finished": 1}


def test_single_choice_facets_replace_their_value(client, projects):
    response = client.get(LIST, {"status": "active"})
    statuses = facet(response, "status")
    assert statuses["active"].selected and statuses["active"].url == "?"
    assert statuses["finished"].url == "?status=finished"  # not status=active&status=finished
    assert statuses["finished"].count == 1


def test_chips_remove_one_filter_each_and_clear_all(client, projects):
    response = client.get(LIST + "?category=migration&area=education&q=schools&status=active")
    chips = {chip.label: chip.url for chip in response.context["chips"]}
    assert chips == {
        "Search: “schools”": "?category=migration&area=education&status=active",
        "Category: Migration": "?area=education&q=schools&status=active",
        "Area of intervention: Education": "?category=migration&q=schools&status=active",
        "Status: Active": "?category=migration&area=education&q=schools",
    }
    assert 'href="/projects/">Clear all</a>' in response.content.decode()


def test_the_empty_state_says_what_to_loosen(client, projects):
    response = client.get(LIST, {"category": "intercultural-dialogue", "area": "education"})
    assert response.context["total"] == 0
    loosen = {s["label"]: (s["count"], s["url"]) for s in response.context["loosen"]}
    assert loosen == {
        "Category: Intercultural Dialogue": (1, "?area=education"),
        "Area of intervention: Education": (1, "?category=intercultural-dialogue"),
    }
    body = response.content.decode()
    assert "No project matches all of these filters." in body
    assert "Export these" not in body


def test_the_export_link_carries_the_same_query_without_the_page(client, projects):
    response = client.get(LIST, {"category": "migration", "page": 1})
    assert response.context["export_url"] == "/projects/export.csv?category=migration"
    assert "Export these 2 projects as CSV" in response.content.decode()


def test_result_links_remember_the_list_for_the_way_back(client, projects):
    response = client.get(LIST, {"category": "intercultural-dialogue"})
    expected = projects["liaison"].get_absolute_url() + "?back=category%3Dintercultural-dialogue"
    assert response.context["results"][0].url == expected


def _many(count):
    migration = make.category("migration", "Migration")
    education = base.area("education", "Education")
    programme = make.programme()
    for number in range(count):
        make.project(
            f"MIG{number}", categories=[migration], areas=[education], programme=programme,
            start=make.day(2020), end=make.day(2099), objectives=["Migrants and schools."],
        )  # fmt: skip


@pytest.mark.parametrize("count", [1, 5])
def test_query_count_is_the_same_whatever_the_data_size(client, django_assert_num_queries, count):
    _many(count)
    # Validating category, area and programme (3), the content generation, the facet index (first after a
    # change; 4 with its savepoint and time-out), the items the status and years keep, the status facet, the page.
    with django_assert_num_queries(11):
        response = client.get(
            LIST + "?category=migration&area=education&programme=rec-raci-action-grant-dg-just"
            "&status=active&year_from=2019&year_to=2030"
        )
    assert response.context["total"] == count
    # Validating the category, whether whole words match, the generation, the items matching, the status facet,
    # the page, its snippets.
    with django_assert_num_queries(7):
        response = client.get(LIST + "?q=migrants&category=migration")
    assert response.context["total"] == count
    # Unfiltered, first after a change: the kept counts (none), the content generation, the status facet,
    # keeping the counts (the rest from the index), the page.
    with django_assert_num_queries(5):
        client.get(LIST)
