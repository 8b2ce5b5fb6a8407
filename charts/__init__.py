"""Pictures of the compendium's data as server-rendered SVG: a map, bar charts and a timeline.

Plain functions from rows to markup; the views query, these draw. Each
returns a SafeString, ready for a template: every label and address in it was
escaped here, and only site-relative or http(s) addresses are linked.

    practice_map(country_counts, place_counts, *, country_url, place_url, transnational_url=None, size="full")
    bar_chart(rows, *, title)             rows of (label, count, url)
    timeline(rows, *, title, today=None)  rows of (label, start, end, ongoing, url)
    place_coordinates(place, country_code) → (latitude, longitude) or None
"""

from charts.bars import Bar, bar_chart
from charts.gazetteer import locate_places, place_coordinates
from charts.maps import CountryCount, PlaceCount, practice_map
from charts.timelines import Span, timeline

__all__ = [
    "Bar",
    "CountryCount",
    "PlaceCount",
    "Span",
    "bar_chart",
    "locate_places",
    "place_coordinates",
    "practice_map",
    "timeline",
]
