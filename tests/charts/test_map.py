"""charts.practice_map: what a reader sees and what a screen reader hears on the map."""

import itertools
import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charts import gazetteer
from charts.maps import (
    CLASS_FILLS,
    CLASS_OUTLINE,
    HALO,
    LAND,
    LAND_OUTLINE,
    POINT_FILL,
    POINT_OUTLINE,
    SEA,
    count_classes,
    practice_map,
)
from charts.outlines import europe_outlines
from charts.svg import INK
from tests.charts.geometry import SVG, links, parse

COUNTRIES = [
    ("ES", "Spain", 17),
    ("FR", "France", 4),
    ("AD", "Andorra", 1),
    ("CA", "Canada", 1),
    (None, "", 2),
]
PLACES = [("Bilbao", "ES", 5), ("Paris", "FR", 2), ("Nantes", "FR", 1)]


def country_url(code):
    return f"/practices/?country={code}"


def place_url(place, country):
    return f"/practices/?country={country}&place={place}"


def draw(countries=COUNTRIES, places=PLACES, **options):
    options.setdefault("transnational_url", "/practices/?transnational=1")
    return practice_map(countries, places, country_url=country_url, place_url=place_url, **options)


def parents(root):
    return {child: parent for parent in root.iter() for child in parent}


def is_inside_link(element, parent_of):
    while element in parent_of:
        element = parent_of[element]
        if element.tag == f"{SVG}a":
            return True
    return False


def circles(root):
    """{accessible name of the point's link: radius}."""
    return {
        link.get("aria-label"): float(link.find(f"{SVG}circle").get("r"))
        for link in root.iter(f"{SVG}a")
        if link.find(f"{SVG}circle") is not None
    }


def test_every_country_with_practices_is_a_link_named_with_its_count():
    found = links(parse(draw()))

    assert found["Spain: 17 practices"] == "/practices/?country=ES"
    assert found["France: 4 practices"] == "/practices/?country=FR"
    assert found["Andorra: 1 practice"] == "/practices/?country=AD"


def test_countries_without_practices_are_drawn_plain_and_are_not_links():
    outlines = europe_outlines().countries
    root = parse(draw())
    parent_of = parents(root)
    paths = {path.get("d"): path for path in root.iter(f"{SVG}path")}

    germany = paths[outlines["DE"].path]
    assert not is_inside_link(germany, parent_of)
    assert parent_of[germany].get("fill") == LAND
    assert parent_of[germany].get("aria-hidden") == "true"
    assert is_inside_link(paths[outlines["ES"].path], parent_of)  # positive control
    drawn_as_links = [path for path in root.iter(f"{SVG}path") if is_inside_link(path, parent_of)]
    assert len(drawn_as_links) == 3  # Spain, France, Andorra


def test_a_country_given_zero_practices_is_not_a_link():
    found = links(parse(draw(countries=[("ES", "Spain", 17), ("DE", "Germany", 0)])))

    assert "Germany: 0 practices" not in found
    assert "Spain: 17 practices" in found


def test_countries_are_shaded_by_class_and_the_legend_gives_the_class_boundaries():
    root = parse(draw())
    fill_of = {
        link.get("aria-label"): link.find(f"{SVG}path").get("fill")
        for link in root.iter(f"{SVG}a")
        if link.find(f"{SVG}path") is not None
    }
    texts = [text.text for text in root.iter(f"{SVG}text")]

    assert count_classes([17, 4, 1, 1]) == [(1, 2), (3, 4), (5, 8), (9, 17)]
    assert fill_of["Spain: 17 practices"] == CLASS_FILLS[3]
    assert fill_of["France: 4 practices"] == CLASS_FILLS[1]
    assert fill_of["Andorra: 1 practice"] == CLASS_FILLS[0]
    for boundaries in ["1–2", "3–4", "5–8", "9–17", "none"]:
        assert boundaries in texts


def test_counts_are_written_on_the_full_map_so_no_meaning_rests_on_colour_alone():
    full = [text.text for text in parse(draw()).iter(f"{SVG}text")]
    small = [text.text for text in parse(draw(size="small")).iter(f"{SVG}text")]

    assert {"17", "4", "1"} <= set(full)
    assert "17" not in small


def test_a_tiny_country_also_gets_a_marker_big_enough_to_see_and_click():
    root = parse(draw())
    andorra = next(link for link in root.iter(f"{SVG}a") if link.get("aria-label") == "Andorra: 1 practice")
    spain = next(link for link in root.iter(f"{SVG}a") if link.get("aria-label") == "Spain: 17 practices")

    marker = andorra.find(f"{SVG}rect")
    assert marker is not None and float(marker.get("width")) >= 8
    assert spain.find(f"{SVG}rect") is None


def test_places_are_points_linking_to_their_list_and_their_area_grows_with_the_count():
    root = parse(draw())
    radius = circles(root)

    assert links(root)["Bilbao (Spain): 5 practices"] == "/practices/?country=ES&place=Bilbao"
    assert radius["Bilbao (Spain): 5 practices"] > radius["Paris (France): 2 practices"]
    assert radius["Paris (France): 2 practices"] > radius["Nantes (France): 1 practice"]
    # Area, not radius, is proportional to the count (radii are written to a tenth).
    assert (radius["Bilbao (Spain): 5 practices"] / radius["Nantes (France): 1 practice"]) ** 2 == pytest.approx(
        5, rel=0.03
    )


def test_points_stay_readable_when_one_place_has_very_many_practices():
    radius = circles(parse(draw(places=[("Bilbao", "ES", 900), ("Paris", "FR", 1)])))

    assert radius["Bilbao (Spain): 900 practices"] <= 24
    assert radius["Paris (France): 1 practice"] >= 3


def test_the_point_sits_where_the_gazetteer_puts_the_place():
    frame = europe_outlines().frame
    root = parse(draw())
    bilbao = next(link for link in root.iter(f"{SVG}a") if link.get("aria-label").startswith("Bilbao"))
    x, y = frame.project(*gazetteer.place_coordinates("Bilbao", "ES"))

    assert float(bilbao.find(f"{SVG}circle").get("cx")) == pytest.approx(x, abs=0.1)
    assert float(bilbao.find(f"{SVG}circle").get("cy")) == pytest.approx(y, abs=0.1)


def test_a_place_without_coordinates_is_not_drawn_and_is_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="charts.maps"):
        root = parse(draw(places=[("Atlantis", "ES", 3), ("Bilbao", "ES", 5)]))

    assert set(circles(root)) == {"Bilbao (Spain): 5 practices"}
    assert "Atlantis" in caplog.text
    assert "Spain: 17 practices" in links(root)  # its country still counts it


def test_transnational_practices_and_countries_beyond_the_map_are_listed_under_it_as_links():
    root = parse(draw())
    found = links(root)
    outlines = europe_outlines().countries

    assert found["Transnational: 2 practices"] == "/practices/?transnational=1"
    assert found["Canada: 1 practice"] == "/practices/?country=CA"
    assert "CA" not in outlines  # shown apart, not by stretching the map
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "Not on the map:" in texts and "Canada: 1" in texts


def test_transnational_practices_without_an_address_are_still_counted_under_the_map():
    root = parse(draw(transnational_url=None))

    assert "Transnational: 2" in [text.text for text in root.iter(f"{SVG}text")]
    assert "Transnational: 2 practices" not in links(root)


def test_hostile_names_are_escaped_and_hostile_addresses_refused(monkeypatch):
    hostile = "<script>alert(\"x\")</script> & 'quoted'"
    monkeypatch.setitem(gazetteer._located, (hostile, "ES"), (40.4, -3.7))
    markup = practice_map(
        [("ES", hostile, 3)], [(hostile, "ES", 1)],
        country_url=lambda code: '/practices/?q="><script>alert(1)</script>&country=ES',
        place_url=lambda place, country: "/practices/?q=a&b=<c>",
    )  # fmt: skip
    root = parse(markup)

    assert "<script" not in markup
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
    assert links(root)[f"{hostile}: 3 practices"] == '/practices/?q="><script>alert(1)</script>&country=ES'
    assert links(root)[f"{hostile} ({hostile}): 1 practice"] == "/practices/?q=a&b=<c>"
    with pytest.raises(ValueError, match="javascript"):
        practice_map([("ES", "Spain", 1)], [], country_url=lambda code: "javascript:alert(1)", place_url=place_url)


def test_the_picture_is_self_contained_and_named_for_assistive_technology():
    root = parse(draw(title="Practices by country"))
    hrefs = {link.get("href") for link in root.iter(f"{SVG}a")}

    assert root.get("role") == "group" and root.get("aria-label") == "Practices by country"
    assert root.find(f"{SVG}title").text == "Practices by country"
    assert "Not on the map: Transnational: 2; Canada: 1." in root.find(f"{SVG}desc").text
    assert root.get("width") == "100%" and root.get("viewBox").startswith("0 0 1000 ")
    assert all(href.startswith("/practices/") for href in hrefs)
    for element in root.iter():
        assert element.tag.split("}")[-1] not in ("script", "image", "foreignObject", "style", "use")
        assert not any(name.startswith("on") for name in element.attrib)


def test_the_small_map_is_the_same_map_with_fewer_details_and_lighter_outlines():
    full, small = parse(draw()), parse(draw(size="small"))
    outlines = europe_outlines().countries
    small_paths = {path.get("d") for path in small.iter(f"{SVG}path")}

    assert links(small) == links(full)
    assert "chart-map--small" in small.get("class")
    assert outlines["DE"].coarse_path in small_paths and outlines["DE"].path not in small_paths
    # Beside the list on every list page: kept light. The map page's may be heavier.
    assert len(draw(size="small")) < 70_000
    assert len(draw()) < 150_000


def test_an_empty_selection_draws_a_plain_map():
    root = parse(practice_map([], [], country_url=country_url, place_url=place_url))

    assert links(root) == {}
    assert "No country has practices." in root.find(f"{SVG}desc").text


@given(st.lists(st.integers(min_value=0, max_value=10_000), max_size=30))
def test_classes_cover_every_count_from_one_to_the_largest_without_gaps(counts):
    classes = count_classes(counts)
    positive = [count for count in counts if count > 0]

    assert len(classes) <= 4
    if not positive:
        assert classes == []
        return
    assert classes[0][0] == 1 and classes[-1][1] == max(positive)
    for (low, high), (next_low, _) in itertools.pairwise(classes):
        assert low <= high and next_low == high + 1


# WCAG 2.1 non-text contrast (1.4.11): 3:1 where shapes meet what is around them.


def luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    lighter, darker = sorted([luminance(first), luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_shaded_countries_stand_out_from_the_sea_and_from_their_white_outlines():
    for fill in CLASS_FILLS:
        assert contrast(fill, SEA) >= 3, fill
        assert contrast(fill, CLASS_OUTLINE) >= 3, fill


def test_plain_countries_outlines_stand_out_from_their_fill_and_the_sea():
    assert contrast(LAND_OUTLINE, LAND) >= 3
    assert contrast(LAND_OUTLINE, SEA) >= 3


def test_points_stand_out_from_whatever_they_sit_on_by_their_fill_or_their_outline():
    for background in [SEA, LAND, *CLASS_FILLS]:
        assert max(contrast(POINT_FILL, background), contrast(POINT_OUTLINE, background)) >= 3, background


def test_written_counts_are_legible_text_on_their_halo():
    assert contrast(INK, HALO) >= 4.5


def test_the_classes_stay_apart_in_black_and_white():
    lightness = [luminance(fill) for fill in CLASS_FILLS]

    assert lightness == sorted(lightness, reverse=True)
    assert all(darker / lighter < 0.7 for lighter, darker in itertools.pairwise(lightness))
