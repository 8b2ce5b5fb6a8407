"""/academy/: the courses with format, length and audience; filters, search, facets, chips, bad input."""

import pytest
from django.urls import reverse

from tests import factories as make
from tests.academy import builders as build

LIST = reverse("academy:list")

pytestmark = pytest.mark.django_db


def titles(response):
    return [result.item.title for result in response.context["results"]]


def facet(response, key):
    return {value.value: value for f in response.context["facets"] if f.key == key for value in f.values}


@pytest.fixture
def courses():
    business = make.area("business-and-employment", "Business and employment")
    narratives = make.area("inclusive-and-alternative-narratives-and-communication",
                           "Inclusive and alternative narratives and communication")  # fmt: skip
    academy = build.course(
        "Intercultural Integration Academy", format="in-person-intensive", length="5 days",
        audience="- The Mayor and members of his/her cabinet;\n- key policy officers", position=1,
    )  # fmt: skip
    build.module(academy, "Introduction and discussion with stakeholders", day=1,
                 summary="A general discussion with stakeholders.")  # fmt: skip
    build.module(academy, "Anti-rumour Strategy", kind="elective", areas=[narratives], tags=["anti-rumours"])
    build.module(academy, "Diversity in business", kind="elective", areas=[business])
    build.module(academy, "Hidden draft module", areas=[business], status="draft")
    online = build.course(
        "The intercultural city step by step: online course", format="online-self-paced",
        length="30 to 120 minutes per module", audience="It is intended primarily for cities.", position=2,
    )  # fmt: skip
    build.module(online, "Welcoming policies", areas=[narratives], summary="How cities *welcome* newcomers.")
    build.course("A draft course", status="draft")
    return {"academy": academy, "online": online, "business": business, "narratives": narratives}


def test_lists_published_courses_with_format_length_and_audience(client, courses):
    response = client.get(LIST)
    assert response.status_code == 200
    assert titles(response) == [
        "Intercultural Integration Academy",
        "The intercultural city step by step: online course",
    ]
    body = response.content.decode()
    for text in ["In-person intensive", "5 days", "Online self-paced", "30 to 120 minutes per module",
                 "<li>The Mayor and members of his/her cabinet;</li>", "It is intended primarily for cities."]:  # fmt: skip
        assert text in body, text
    assert "A draft course" not in body
    assert 'aria-live="polite">2 courses</h2>' in body
    assert [result.item.module_count for result in response.context["results"]] == [3, 1]


def test_format_filter_and_its_facet(client, courses):
    response = client.get(LIST, {"format": "online-self-paced"})
    assert titles(response) == ["The intercultural city step by step: online course"]
    assert 'aria-live="polite">1 course matches</h2>' in response.content.decode()
    formats = facet(response, "format")
    assert formats["online-self-paced"].selected and formats["online-self-paced"].count == 1
    assert formats["in-person-intensive"].count == 1  # counted without the format filter itself
    assert formats["in-person-intensive"].url == "?format=in-person-intensive"


def test_area_filter_means_a_published_module_in_that_area(client, courses):
    assert titles(client.get(LIST, {"area": "business-and-employment"})) == ["Intercultural Integration Academy"]
    both = client.get(
        LIST + "?area=business-and-employment&area=inclusive-and-alternative-narratives-and-communication"
    )
    assert len(titles(both)) == 2
    areas = facet(client.get(LIST), "area")
    assert {slug: value.count for slug, value in areas.items()} == {
        "inclusive-and-alternative-narratives-and-communication": 2,
        "business-and-employment": 1,
    }
    # The draft module's area counts for nothing.
    courses["online"].modules.update(status="draft")
    assert facet(client.get(LIST), "area")["inclusive-and-alternative-narratives-and-communication"].count == 1


def test_search_covers_course_and_module_titles_and_summaries(client, courses):
    assert titles(client.get(LIST, {"q": "stakeholders"})) == ["Intercultural Integration Academy"]
    assert titles(client.get(LIST, {"q": "welcome newcomers"})) == [
        "The intercultural city step by step: online course"
    ]
    assert titles(client.get(LIST, {"q": "ANTI-RUMOUR"})) == ["Intercultural Integration Academy"]
    assert titles(client.get(LIST, {"q": "hidden draft"})) == []
    empty = client.get(LIST, {"q": "zebra"})
    assert empty.status_code == 200
    assert "No course matches this filter." in empty.content.decode()


def test_chips_remove_one_filter_and_keep_the_rest(client, courses):
    response = client.get(LIST, {"format": "in-person-intensive", "area": "business-and-employment", "q": "business"})
    chips = {chip.label: chip.url for chip in response.context["chips"]}
    assert chips["Format: In-person intensive"] == "?area=business-and-employment&q=business"
    assert chips["Area of intervention: Business and employment"] == "?format=in-person-intensive&q=business"
    assert chips["Search: “business”"] == "?format=in-person-intensive&area=business-and-employment"


def test_the_export_link_carries_the_same_query(client, courses):
    response = client.get(LIST, {"format": "in-person-intensive", "page": "1"})
    assert response.context["export_url"] == "/academy/export.csv?format=in-person-intensive"
    assert "Export the modules as CSV" in response.content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ({"format": "evening-class"}, "Unknown format “evening-class”."),
        ({"area": "astrology"}, "Unknown area “astrology”."),
        ({"sort": "random"}, "Unknown sort order “random”."),
        ({"page": "two"}, "The page must be a whole number."),
        ({"q": "x" * 201}, "Searches are limited to 200 characters."),
    ],
)
def test_bad_input_is_answered_with_a_visible_message_and_400(client, courses, query, message):
    response = client.get(LIST, query)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "These filters could not be applied" in body
    assert "course-facts" not in body and "results" not in response.context  # never a silently unfiltered list


def test_a_null_byte_is_refused_before_the_view(client, courses):
    assert client.get(LIST + "?q=a%00b").status_code == 400


@pytest.mark.parametrize("modules", [1, 5])
def test_query_count_does_not_grow_with_modules(client, django_assert_num_queries, modules):
    area = make.area("business-and-employment", "Business and employment")
    for number in range(2):
        course = build.course(f"Course {number}")
        for _ in range(modules):
            build.module(course, areas=[area], tags=["anti-rumours"])
    # Unfiltered: the kept counts and the page of courses (as counted by the first request after a change).
    client.get(LIST)
    with django_assert_num_queries(2):
        response = client.get(LIST)
    assert response.status_code == 200
    # Validating the area slug, the content generation, the courses in the area, the area facet, the page
    # (the format facet from the index the first request built).
    with django_assert_num_queries(5):
        assert len(titles(client.get(LIST, {"area": "business-and-employment"}))) == 2
