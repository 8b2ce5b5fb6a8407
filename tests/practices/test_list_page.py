"""/practices/: filters, search, facets, chips, paging and bad input, as a reader sees them."""

import re

import pytest
from django.urls import reverse
from taggit.models import Tag

from editorial.models import PublicationStatus
from tests import factories as make

LIST = reverse("practices:list")

pytestmark = pytest.mark.django_db


def titles(response):
    return [r.item.title for r in response.context["results"]]


def facet(response, key):
    return {v.value: v for f in response.context["facets"] if f.key == key for v in f.values}


@pytest.fixture
def europe():
    """Three practices in Spain, Italy and Switzerland with different areas, types, dates."""
    education, youth = make.area("education", "Education"), make.area("youth", "Youth")
    project, policy = make.practice_type("project", "Project"), make.practice_type("policy", "Policy")
    spain, italy = make.country("ES", "Spain"), make.country("IT", "Italy")
    switzerland = make.country("CH", "Switzerland")
    return {
        "bilbao": make.practice(
            "Anti-rumours strategy", place="Bilbao", country=spain, areas=[education], types=[project],
            tags=["anti-rumours"], start=make.month(2013), ongoing=True, purpose="Fighting **rumours** about migrants.",
        ),
        "reggio": make.practice(
            "Local Action Plan against racial discrimination", place="Reggio Emilia", country=italy,
            areas=[youth], types=[policy], start=make.month(2019, 1), end=make.month(2021, 6),
            purpose="A plan against discrimination.",
        ),
        "neuchatel": make.practice(
            "Roadmap for an Administration that is Open to Diversity", place="Canton of Neuchâtel",
            country=switzerland, level="regional", areas=[education, youth], types=[policy],
            purpose="Diversity in the administration of Türkiye and elsewhere.",
        ),
    }  # fmt: skip


def test_lists_every_published_practice_and_no_draft(client, europe):
    make.practice("A draft nobody may see", status=PublicationStatus.DRAFT)
    response = client.get(LIST)
    assert response.status_code == 200
    assert response.context["total"] == 3
    assert "A draft nobody may see" not in response.content.decode()
    assert "3 practices" in response.content.decode()


def test_country_filter_is_case_insensitive_and_repeatable(client, europe):
    assert titles(client.get(LIST, {"country": "es"})) == ["Anti-rumours strategy"]
    both = client.get(LIST + "?country=ES&country=it")
    assert sorted(titles(both)) == ["Anti-rumours strategy", "Local Action Plan against racial discrimination"]


def test_filters_combine_level_area_type_theme_and_tag(client, europe):
    assert titles(client.get(LIST, {"level": "regional"})) == [
        "Roadmap for an Administration that is Open to Diversity"
    ]
    assert len(titles(client.get(LIST, {"area": "education"}))) == 2
    assert titles(client.get(LIST, {"area": "education", "type": "policy"})) == [
        "Roadmap for an Administration that is Open to Diversity"
    ]
    assert titles(client.get(LIST, {"tag": "anti-rumours"})) == ["Anti-rumours strategy"]
    assert len(titles(client.get(LIST, {"theme": "ensuring-equality"}))) == 3


def test_ongoing_and_year_overlap(client, europe):
    assert titles(client.get(LIST, {"ongoing": "1"})) == ["Anti-rumours strategy"]
    # Reggio ran 2019-2021; Bilbao runs since 2013 to today; Neuchâtel has no dates.
    assert sorted(titles(client.get(LIST, {"year_from": 2020, "year_to": 2020}))) == [
        "Anti-rumours strategy",
        "Local Action Plan against racial discrimination",
    ]
    assert titles(client.get(LIST, {"year_from": 2022})) == ["Anti-rumours strategy"]
    assert titles(client.get(LIST, {"year_to": 2012})) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"country": "XX"}, "Unknown country code “XX”"),
        ({"year_from": "abc"}, "Enter a year such as 2022"),
        ({"year_from": "2022", "year_to": "2020"}, "is after"),
        ({"level": "galactic"}, "Unknown level"),
        ({"area": "no-such-area"}, "Unknown area"),
        ({"sort": "colour"}, "Unknown sort order"),
        ({"page": "0"}, "Pages start at 1"),
        ({"ongoing": "maybe"}, "ongoing=1"),
        ({"q": "x" * 201}, "limited to 200 characters"),
    ],
)
def test_bad_input_gets_a_visible_message_a_400_and_no_unfiltered_list(client, europe, params, message):
    response = client.get(LIST, params)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "These filters could not be applied" in body
    assert "Anti-rumours strategy" not in body  # no list at all, not a silently unfiltered one


@pytest.mark.parametrize("query", ["q=Bilbao%00", "country=ES%00", "a%00=1", "area=education&q=%00"])
def test_a_null_byte_anywhere_in_the_query_is_a_400(client, europe, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert "The address contains a null character." in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page_with_a_message(client, europe):
    response = client.get(LIST, {"page": 9})
    assert response.status_code == 200
    assert response.context["page"].number == 1
    assert "There is no page 9" in response.content.decode()


def test_pages_hold_twenty_practices_and_link_to_the_next(client):
    for number in range(45):
        make.practice(f"Practice {number:02d}")
    first = client.get(LIST, {"sort": "title"})
    assert len(first.context["results"]) == 20
    assert first.context["next_url"] == "?sort=title&page=2"
    third = client.get(LIST, {"sort": "title", "page": 3})
    assert titles(third) == [f"Practice {n:02d}" for n in range(40, 45)]


def test_search_is_accent_insensitive_prefix_matching_and_highlighted(client, europe):
    assert titles(client.get(LIST, {"q": "Neuchatel"})) == ["Roadmap for an Administration that is Open to Diversity"]
    assert titles(client.get(LIST, {"q": "Turkiye"})) == ["Roadmap for an Administration that is Open to Diversity"]
    assert titles(client.get(LIST, {"q": "rumo"})) == ["Anti-rumours strategy"]
    response = client.get(LIST, {"q": "migrants"})
    assert titles(response) == ["Anti-rumours strategy"]
    assert re.search(r"<mark>migrants</mark>", response.content.decode())


def test_search_ranks_title_matches_first(client, europe):
    make.practice("A plan for cities", purpose="Diversity, diversity and more diversity in every paragraph.")
    make.practice("Diversity charter for employers", purpose="Employers sign a charter.")
    response = client.get(LIST, {"q": "diversity"})
    assert response.context["sort"] == "relevance"
    assert len(titles(response)) == 3
    assert titles(response)[-1] == "A plan for cities"  # three mentions in the text weigh less than one in a title


def test_snippets_never_let_html_through(client):
    make.practice("Harmless title", purpose="<script>alert('x')</script> migrants <b>bold</b>")
    body = client.get(LIST, {"q": "migrants"}).content.decode()
    assert "<script>alert" not in body
    assert "<b>bold</b>" not in body


def test_facets_count_with_the_other_filters_and_toggle(client, europe):
    response = client.get(LIST, {"country": "ES"})
    countries = facet(response, "country")
    # The country facet ignores its own filter, so other countries stay reachable.
    assert {code: v.count for code, v in countries.items()} == {"ES": 1, "IT": 1, "CH": 1}
    assert countries["ES"].selected and countries["ES"].url == "?"
    assert countries["IT"].url == "?country=ES&country=IT"
    # Other facets count within Spain only.
    assert {slug: v.count for slug, v in facet(response, "area").items()} == {"education": 1}
    assert facet(response, "level")["local"].url == "?country=ES&level=local"


def test_zero_count_values_are_not_links(client, europe):
    response = client.get(LIST, {"tag": "anti-rumours"})
    assert "youth" not in facet(response, "area")  # no anti-rumours practice in youth: not shown at all
    Tag.objects.create(name="unused", slug="unused")
    assert "unused" not in facet(client.get(LIST), "tag")


def test_chips_remove_one_filter_each_and_clear_all(client, europe):
    response = client.get(LIST + "?country=ES&area=education&q=rumours")
    chips = {chip.label: chip.url for chip in response.context["chips"]}
    assert chips == {
        "Search: “rumours”": "?country=ES&area=education",
        "Country: Spain": "?area=education&q=rumours",
        "Area of intervention: Education": "?country=ES&q=rumours",
    }
    assert 'href="/practices/">Clear all</a>' in response.content.decode()


def test_the_empty_state_says_what_to_loosen(client, europe):
    response = client.get(LIST, {"country": "IT", "area": "education"})
    assert response.context["total"] == 0
    loosen = {s["label"]: (s["count"], s["url"]) for s in response.context["loosen"]}
    assert loosen == {"Country: Italy": (2, "?area=education"), "Area of intervention: Education": (1, "?country=IT")}
    assert "Without Country: Italy</a>: 2 practices" in response.content.decode()


def test_the_export_link_carries_the_same_query(client, europe):
    response = client.get(LIST, {"country": "ES", "page": 1})
    assert response.context["export_url"] == "/practices/export.csv?country=ES"
    assert "Export this practice as CSV" in response.content.decode()


def test_result_links_remember_the_list_for_the_way_back(client, europe):
    response = client.get(LIST, {"country": "ES"})
    assert response.context["results"][0].url == f"{europe['bilbao'].get_absolute_url()}?back=country%3DES"


def test_sorting(client, europe):
    assert titles(client.get(LIST, {"sort": "title"}))[0] == "Anti-rumours strategy"
    assert titles(client.get(LIST, {"sort": "start"}))[:2] == [
        "Anti-rumours strategy",
        "Local Action Plan against racial discrimination",
    ]
    assert titles(client.get(LIST, {"sort": "-start"}))[0] == "Local Action Plan against racial discrimination"
    assert titles(client.get(LIST, {"sort": "country"}))[0] == "Local Action Plan against racial discrimination"


def _many(count):
    education = make.area("education", "Education")
    for number in range(count):
        make.practice(f"Migrants practice {number}", areas=[education], tags=["migrants"], start=make.month(2020),
                      ongoing=True)  # fmt: skip


@pytest.mark.parametrize("count", [1, 25])
def test_query_count_is_the_same_whatever_the_data_size(client, django_assert_num_queries, count):
    _many(count)
    # Validating each vocabulary filter (2), the content generation, the facet index (first after a change; 4:
    # a savepoint, its time-out, the read, the release), the items the year filter keeps, the page; then, the
    # index kept, the same less the index.
    with django_assert_num_queries(9):
        client.get(LIST + "?country=ES&area=education&ongoing=1&year_from=2019")
    with django_assert_num_queries(5):
        client.get(LIST + "?country=ES&area=education&ongoing=1&year_from=2019")
    # Validating the area, whether whole words match, the generation, the items matching, the page, its snippets.
    with django_assert_num_queries(6):
        client.get(LIST + "?q=migrants&area=education")
    # Unfiltered, first after a change: the kept counts (none), the content generation, keeping the counts
    # (from the index), the page; then while nothing changes: the kept counts and the page.
    with django_assert_num_queries(4):
        client.get(LIST)
    with django_assert_num_queries(2):
        client.get(LIST)


def test_the_other_forms_of_the_list_carry_its_filters(client, europe):
    response = client.get(LIST, {"country": "ES", "page": 1})
    body = response.content.decode()
    export = body[body.index('<div class="export">') : body.index('<form class="compare-form"')]
    for address in [
        "/practices/export.csv?country=ES",
        "/practices/export.xlsx?country=ES",
        "/practices/map/?country=ES",
        "/practices/charts/?country=ES",
        "/practices/dossier.pdf?country=ES",
        "/practices/export/datapackage.json?country=ES",
    ]:
        assert f'href="{address}"' in export, address
    # The whole compendium is the whole compendium, whatever the list shows.
    assert 'href="/practices/compendium.pdf" hx-boost="false">The whole compendium as PDF</a>' in export
    assert 'href="/practices/export/columns/"' in export


def test_a_list_too_long_for_a_dossier_offers_none(client, europe, settings):
    settings.DOSSIER_MAX_PRACTICES = 2
    assert "/practices/dossier.pdf" not in client.get(LIST).content.decode()
    assert 'href="/practices/dossier.pdf?country=ES"' in client.get(LIST, {"country": "ES"}).content.decode()


def test_each_result_can_be_ticked_for_the_comparison_without_javascript(client, europe):
    body = client.get(LIST, {"area": "education"}).content.decode()
    form = body[body.index('<form class="compare-form"') : body.index("</form>", body.index('class="compare-form"'))]
    assert 'method="get" action="/practices/compare/"' in form
    # The list it came from rides along, so the comparison leads back to it.
    assert '<input type="hidden" name="back" value="area=education">' in form
    for practice in (europe["bilbao"], europe["neuchatel"]):
        assert (
            f'<input type="checkbox" name="p" value="{practice.slug}" id="compare-{practice.slug}"> '
            f'<label for="compare-{practice.slug}">Compare <span class="visually-hidden">{practice.title}</span>'
            "</label>"
        ) in form
    assert europe["reggio"].slug not in form
    assert '<button type="submit" class="button--secondary">Compare selected</button>' in form


def test_the_ticked_practices_are_compared_and_lead_back_to_the_list(client, europe):
    bilbao, neuchatel = europe["bilbao"], europe["neuchatel"]
    response = client.get(reverse("practices:compare"), {"back": "area=education", "p": [bilbao.slug, neuchatel.slug]})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<a href="/practices/?area=education">‹ Back to your filtered list</a>' in body
    assert f">{bilbao.title}</a></th>" in body and f">{neuchatel.title}</a></th>" in body
    # One ticked is not a comparison: the page says so, and how to choose.
    one = client.get(reverse("practices:compare"), {"back": "area=education", "p": [bilbao.slug]})
    assert one.status_code == 400
    assert "Choose from 2 to 4 practices to compare; 1 chosen." in one.content.decode()
    assert '<a href="/practices/?area=education">the list</a>, then choose “Compare selected”' in one.content.decode()


def test_the_small_map_follows_the_filters_and_links_to_the_filtered_list(client, europe):
    body = client.get(LIST, {"country": "ES"}).content.decode()
    small_map = body[body.index('<figure class="chart chart--small-map"') : body.index("</figure>")]
    assert "chart-map--small" in small_map
    # Spain is shaded and links to the list filtered by it; Italy and Switzerland are plain land.
    assert 'href="/practices/?country=ES" aria-label="Spain: 1 practice"' in small_map
    assert "Italy" not in small_map and "Switzerland" not in small_map
    assert '<a href="/practices/map/?country=ES" hx-boost="false">Open the map</a>' in small_map


def test_the_small_map_of_the_whole_list_shades_every_country_and_counts_the_transnational(client, europe):
    make.practice("A network of cities", country=None, promoter="Eurocities", place="")
    body = client.get(LIST, {"level": "local"}).content.decode()
    small_map = body[body.index('<figure class="chart chart--small-map"') : body.index("</figure>")]
    assert 'href="/practices/?level=local&amp;country=ES" aria-label="Spain: 1 practice"' in small_map
    assert 'href="/practices/?level=local&amp;country=IT" aria-label="Italy: 1 practice"' in small_map
    assert "Switzerland" not in small_map  # a regional practice
    assert "Transnational: 1" in small_map


@pytest.mark.parametrize("params", [{"q": "-"}, {"q": "—", "country": "ES"}, {"q": "-", "typing": "1"}])
def test_a_search_of_no_word_finds_nothing_and_says_so(client, params):
    make.practice("One")
    response = client.get(reverse("practices:list"), params)
    assert response.status_code == 200
    assert response.context["total"] == 0
    assert all(value.count == 0 for facet in response.context["facets"] for value in facet.values)
