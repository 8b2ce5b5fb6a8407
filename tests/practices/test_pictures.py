"""/practices/map/ and /practices/charts/: the practices a list's query selects, pictured, each part a link."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests import factories as make

pytestmark = pytest.mark.django_db
MAP, CHARTS = reverse("practices:map"), reverse("practices:charts")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def practices():
    italy = make.country("IT", "Italy")
    education = make.area()
    return [
        make.practice("Bilbao one", place="Bilbao", areas=[education], start=make.month(2013), ongoing=True),
        make.practice("Bilbao two", place="Bilbao", start=make.month(2019), end=make.month(2021, 6)),
        make.practice("Reggio", place="Reggio Emilia", country=italy, areas=[education]),
        make.practice("Network", country=None, promoter="Assembly of European Regions", level="european"),
    ]


def svg_links(body, marker):
    """{accessible name: href} of the links inside the first <svg> after `marker` in the page."""
    start = body.index("<svg", body.index(marker))
    end = body.index("</svg>", start)
    depth, position = 1, start + 4
    while depth:  # the map nests an <svg> in its <svg>
        next_open, next_close = body.find("<svg", position), body.find("</svg>", position)
        if next_open != -1 and next_open < next_close:
            depth, position = depth + 1, next_open + 4
        else:
            depth, position, end = depth - 1, next_close + 6, next_close
    tree = ET.fromstring(body[start : end + 6])  # noqa: S314 - our own page
    return {link.get("aria-label"): link.get("href") for link in tree.iter(f"{SVG}a")}


def test_the_map_links_every_country_and_place_with_practices_into_the_list(client, practices):
    response = client.get(MAP)
    assert response.status_code == 200
    body = response.content.decode()
    links = svg_links(body, 'class="chart chart--map"')
    assert links["Spain: 2 practices"] == "/practices/?country=ES"
    assert links["Italy: 1 practice"] == "/practices/?country=IT"
    assert links["Bilbao (Spain): 2 practices"] == "/practices/?place=Bilbao"
    assert not any(name.startswith("France") for name in links if name)  # no practices: not a link
    # The same numbers in a table, the transnational network apart.
    assert '<a href="/practices/?country=ES">Spain</a></th><td class="number">2</td>' in body
    assert 'Tied to no country</th><td class="number">1</td>' in body


def test_the_map_follows_the_lists_filters_and_its_links_keep_them(client, practices):
    response = client.get(MAP, {"area": "education"})
    links = svg_links(response.content.decode(), 'class="chart chart--map"')
    assert links["Spain: 1 practice"] == "/practices/?area=education&country=ES"
    assert links["Italy: 1 practice"] == "/practices/?area=education&country=IT"
    assert response.context["pictures"]["total"] == 2


def test_a_place_link_filters_the_list_by_that_place(client, practices):
    response = client.get(reverse("practices:list"), {"place": "bilbao"})
    assert sorted(result.item.title for result in response.context["results"]) == ["Bilbao one", "Bilbao two"]


def test_charts_draw_each_facet_as_linked_bars_and_a_timeline(client, practices):
    response = client.get(CHARTS, {"country": "ES"})
    assert response.status_code == 200
    body = response.content.decode()
    area_links = svg_links(body, 'id="chart-area"')
    assert area_links == {"Education: 1 practice": "/practices/?country=ES&area=education"}
    level_links = svg_links(body, 'id="chart-level"')
    assert level_links == {"Local: 2 practices": "/practices/?country=ES&level=local"}
    timeline = svg_links(body, 'id="chart-timeline"')
    assert set(timeline.values()) == {practices[0].get_absolute_url(), practices[1].get_absolute_url()}
    assert "<td>Jan 2013</td><td>ongoing</td>" in body
    assert "<td>Jan 2019</td><td>Jun 2021</td>" in body


def test_bad_filters_are_a_400_with_the_reason_not_a_picture_of_everything(client, practices):
    for page in (MAP, CHARTS):
        response = client.get(page, {"country": "XX"})
        assert response.status_code == 400
        assert "Unknown country code" in response.content.decode()
        assert "pictures" not in response.context


@pytest.mark.parametrize("count", [1, 6])
def test_query_counts_do_not_grow_with_the_practices(client, django_assert_num_queries, count):
    for number in range(count):
        make.practice(f"Practice {number}", place=f"Place {number}", start=make.month(2020))
    # The content generation, the facet index (first after a change; 4 with its savepoint and time-out: the
    # charted facets, the total, the countries, the places, how many are dated and which start first come from
    # it), the timeline's practices; then the same less the index.
    with django_assert_num_queries(6):
        client.get(MAP)
    with django_assert_num_queries(2):
        client.get(CHARTS)
