"""The country outlines the portal ships: what they cover, where borders run, how big the file is."""

import json

from charts.outlines import OUTLINES_FILE, europe_outlines
from tests.charts.geometry import inside_or_near, rings

COUNCIL_OF_EUROPE_MEMBERS = {
    "AD", "AL", "AM", "AT", "AZ", "BA", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GE",
    "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MD", "ME", "MK", "MT", "NL", "NO", "PL", "PT",
    "RO", "RS", "SE", "SI", "SK", "SM", "TR", "UA",
}  # fmt: skip


def inside(code, latitude, longitude):
    outlines = europe_outlines()
    x, y = outlines.frame.project(latitude, longitude)
    return inside_or_near(x, y, outlines.countries[code].path, tolerance=0)


def test_every_member_state_of_the_council_of_europe_is_drawn():
    assert len(COUNCIL_OF_EUROPE_MEMBERS) == 46
    assert COUNCIL_OF_EUROPE_MEMBERS - set(europe_outlines().countries) == set()


def test_countries_natural_earth_codes_minus_99_have_their_iso_codes():
    countries = europe_outlines().countries

    assert inside("FR", 48.85, 2.35)  # Paris
    assert inside("NO", 59.91, 10.75)  # Oslo
    assert inside("XK", 42.66, 21.17)  # Pristina
    assert "-99" not in countries and "" not in countries


def test_crimea_is_drawn_in_ukraine_and_northern_cyprus_in_cyprus_without_a_border_between():
    simferopol, kyiv, moscow, north_nicosia = (44.95, 34.10), (50.45, 30.52), (55.75, 37.62), (35.19, 33.36)

    assert inside("UA", *simferopol) and inside("UA", *kyiv)
    assert not inside("RU", *simferopol) and inside("RU", *moscow)
    assert inside("CY", *north_nicosia)
    # The merged island is one ring: no line left where Natural Earth drew the de facto border.
    assert len([ring for ring in rings(europe_outlines().countries["CY"].path) if len(ring) > 10]) == 1


def test_canada_and_places_beyond_the_frame_are_not_in_the_file():
    countries = europe_outlines().countries

    assert "CA" not in countries and "US" not in countries
    assert "ES" in countries  # positive control


def test_every_label_point_lies_inside_its_country():
    outlines = europe_outlines()
    for code, outline in outlines.countries.items():
        assert inside_or_near(outline.label_x, outline.label_y, outline.path, tolerance=0.5), code


def test_the_file_is_small_and_names_its_source():
    size = OUTLINES_FILE.stat().st_size
    data = json.loads(OUTLINES_FILE.read_text(encoding="utf-8"))

    assert 50_000 < size < 300_000
    assert "Natural Earth" in data["source"]["data"] and "public domain" in data["source"]["data"]
    assert data["source"]["package"] == "world-atlas@2.0.2"


def test_every_country_has_a_coarser_outline_for_the_small_map():
    countries = europe_outlines().countries
    fine = sum(len(outline.path) for outline in countries.values())
    coarse = sum(len(outline.coarse_path) for outline in countries.values())

    assert all(rings(outline.coarse_path) for outline in countries.values())
    assert coarse < fine / 2
