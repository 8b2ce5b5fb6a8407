"""The practice map: countries shaded by their number of practices, cities and regions as circles.

Every count in the rows given is visible somewhere: a country on the map is
shaded (its count written on it in the full size), a country beyond the map
(Canada) and practices tied to no country are listed under the map as links.
"""

import logging
import math
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.translation import gettext, ngettext

from charts import svg
from charts.gazetteer import locate_places
from charts.labels import estimated_width, practices_phrase
from charts.legend import LegendFlow
from charts.outlines import europe_outlines

logger = logging.getLogger(__name__)


class CountryCount(NamedTuple):
    code: str | None  # ISO 3166-1 alpha-2; None for practices tied to no country (transnational)
    name: str
    count: int


class PlaceCount(NamedTuple):
    place: str  # a city or region as practices write it
    country_code: str
    count: int


# Colours. Contrast (WCAG 2.1 non-text, 3:1) is checked in tests/charts/test_map.py.
SEA = "#f3f5f8"
LAND = "#e3e3e3"  # a country without practices
LAND_OUTLINE = "#767676"
CLASS_FILLS = ("#4292c6", "#2171b5", "#08519c", "#08306b")  # ColorBrewer "Blues", lightest to darkest
CLASS_OUTLINE = "#ffffff"
POINT_FILL = "#f2a900"
POINT_OUTLINE = svg.INK
HALO = "#ffffff"

SMALL_COUNTRY_AREA = 150  # map units²: below this (Luxembourg, Andorra, Malta) a country also gets a marker


@dataclass(frozen=True)
class MapSize:
    """What one size of the map draws, in map units (the frame is 1000 wide)."""

    font_size: float
    coarse_outlines: bool
    writes_country_counts: bool
    point_radius_for_one: float
    largest_point_radius: float
    smallest_point_radius: float
    marker_size: float
    legend_lists_points: bool
    credits_source: bool


SIZES = {
    # The page of its own, about 60–75 rem wide: counts on countries, a full legend.
    "full": MapSize(
        font_size=16, coarse_outlines=False, writes_country_counts=True, point_radius_for_one=5,
        largest_point_radius=24, smallest_point_radius=3, marker_size=10, legend_lists_points=True,
        credits_source=True,
    ),
    # Beside the list, a third of that: bigger type and points for the smaller scale, no counts on countries.
    "small": MapSize(
        font_size=36, coarse_outlines=True, writes_country_counts=False, point_radius_for_one=10,
        largest_point_radius=40, smallest_point_radius=6, marker_size=22, legend_lists_points=False,
        credits_source=False,
    ),
}  # fmt: skip


def practice_map(
    country_counts,
    place_counts,
    *,
    country_url,
    place_url,
    transnational_url=None,
    size="full",
    title=None,
):
    """The map as SVG markup (a SafeString), scaled to its container's width.

    country_counts: rows of (ISO code, name, count), CountryCount or plain
        tuples; a row whose code is None counts practices tied to no country.
    place_counts: rows of (place, country code, count) for cities and regions;
        places without known coordinates are not drawn (their country still
        counts them).
    country_url(code) and place_url(place, country_code): where each country
        and point links to; transnational_url: where the transnational entry
        links to (None: not a link).
    size: "full" for the map page, "small" beside the list.
    """
    title = title or gettext("Practices by country, city and region")
    style = SIZES[size]
    outlines = europe_outlines()
    frame = outlines.frame
    countries, transnational = _country_rows(country_counts)
    classes = count_classes([row.count for row in countries])
    names = {row.code: row.name for row in countries}
    on_map = [row for row in countries if row.code in outlines.countries]
    elsewhere = [
        (row.name, row.count, country_url(row.code)) for row in countries if row.code not in outlines.countries
    ]
    if transnational:
        elsewhere.insert(0, ("Transnational", transnational, transnational_url))
    points = _points(place_counts, frame, style)

    country_links = [_country_link(row, outlines.countries[row.code], classes, country_url, style) for row in on_map]
    point_links = [
        svg.link(
            place_url(point.place, point.country_code),
            _place_name(point, names),
            svg.element("circle", cx=point.x, cy=point.y, r=point.radius),
            class_="chart-map__place",
        )
        for point in sorted(points, key=lambda point: -point.count)  # small ones on top, to stay clickable
    ]
    count_labels = _count_labels(on_map, outlines.countries, points, style) if style.writes_country_counts else ""
    legend, legend_height = _legend(classes, points, elsewhere, frame, style)
    # A nested <svg> clips what lies beyond the frame (outlines run on past it) without a clip path's id,
    # which would clash when a page holds two maps.
    map_area = svg.element(
        "svg",
        svg.element("rect", width=frame.width, height=frame.height, fill=SEA),
        _plain_land(outlines, {row.code for row in on_map}, style),
        svg.element(
            "g", *country_links, stroke=CLASS_OUTLINE, stroke_width=0.8, stroke_linejoin="round", fill_rule="evenodd"
        )
        if country_links
        else "",
        svg.element("g", *point_links, fill=POINT_FILL, stroke=POINT_OUTLINE, stroke_width=1.5) if point_links else "",
        count_labels,
        _credit(outlines, style),
        width=frame.width,
        height=frame.height,
        viewBox=f"0 0 {frame.width} {frame.height}",
    )
    return svg.document(
        width=frame.width,
        height=frame.height + legend_height,
        label=title,
        description=_description(classes, on_map, points, elsewhere),
        css_class=f"chart chart-map chart-map--{size}",
        children=[map_area, legend],
    )


def count_classes(counts, most=4):
    """Class boundaries for shading counts, as [(lowest, highest)], at most `most` classes.

    Counts are skewed (one country has many, most have few), so the upper
    bounds grow geometrically to the largest count: 17 gives 1–2, 3–4, 5–8, 9–17.
    """
    largest = max(counts, default=0)
    if largest < 1:
        return []
    number_of_classes = min(most, largest)
    highs = []
    for step in range(1, number_of_classes + 1):
        high = largest if step == number_of_classes else math.floor(largest ** (step / number_of_classes))
        highs.append(max(high, highs[-1] + 1 if highs else 1))
    lows = [1, *(high + 1 for high in highs[:-1])]
    return list(zip(lows, highs, strict=True))


def class_label(low, high):
    return str(low) if low == high else f"{low}–{high}"


def _class_index(count, classes):
    return next(index for index, (_, high) in enumerate(classes) if count <= high)


# Which of the four colours a map of one to four classes uses: as far apart as they go.
_FILLS_FOR_CLASSES = {1: (2,), 2: (1, 3), 3: (0, 2, 3), 4: (0, 1, 2, 3)}


def _class_fill(count, classes):
    return CLASS_FILLS[_FILLS_FOR_CLASSES[len(classes)][_class_index(count, classes)]]


def _country_rows(country_counts):
    """Countries with practices (codes upper-cased, counts of a code added up) and the transnational count."""
    counts, names, transnational = {}, {}, 0
    for code, name, count in country_counts:
        count = int(count)
        if count < 0:
            raise ValueError(f"A count cannot be negative: {name} {count}")
        if code is None:
            transnational += count
        elif count:
            code = code.upper()
            counts[code] = counts.get(code, 0) + count
            names[code] = name
    rows = [CountryCount(code, names[code], count) for code, count in counts.items()]
    return sorted(rows, key=lambda row: (-row.count, row.name)), transnational


@dataclass(frozen=True)
class _Point:
    place: str
    country_code: str
    count: int
    x: float
    y: float
    radius: float


def _points(place_counts, frame, style):
    rows = [
        PlaceCount(place, (country_code or "").upper(), int(count))
        for place, country_code, count in place_counts
        if place and int(count) > 0
    ]
    located = locate_places((row.place, row.country_code) for row in rows)
    drawn = []
    for row in rows:
        coordinates = located[(row.place, row.country_code)]
        if coordinates is None:
            logger.warning("No coordinates for %s (%s): add it to fixtures/places.json", row.place, row.country_code)
            continue
        x, y = frame.project(*coordinates)
        if frame.contains(x, y):  # a place beyond the frame is counted with its country, listed under the map
            drawn.append((row, x, y))
    largest = max((row.count for row, _, _ in drawn), default=1)
    unit = min(style.point_radius_for_one, style.largest_point_radius / math.sqrt(largest))
    return [
        _Point(row.place, row.country_code, row.count, x, y, point_radius(row.count, unit, style))
        for row, x, y in drawn
    ]


def _place_name(point, country_names):
    country = country_names.get(point.country_code, point.country_code)
    return f"{point.place} ({country}): {practices_phrase(point.count)}"


def point_radius(count, unit, style):
    """Area proportional to the count, with a floor so the smallest point can still be seen and clicked."""
    return max(style.smallest_point_radius, unit * math.sqrt(count))


def _plain_land(outlines, shaded, style):
    """Countries without practices: grey, outlined, hidden from assistive technology, not links."""
    return svg.element(
        "g",
        *(svg.element("path", d=_path(outline, style)) for code, outline in outlines.countries.items()
          if code not in shaded),
        fill=LAND, stroke=LAND_OUTLINE, stroke_width=0.6, stroke_linejoin="round", fill_rule="evenodd",
        aria_hidden="true",
    )  # fmt: skip


def _credit(outlines, style):
    if not style.credits_source:
        return ""
    return svg.text(
        gettext("Outlines: %(source)s") % {"source": outlines.source.split(",")[0]},
        x=outlines.frame.width - 8, y=outlines.frame.height - 8,
        font_size=style.font_size * 0.75, text_anchor="end", fill=svg.MUTED_INK,
    )  # fmt: skip


def _path(outline, style):
    return outline.coarse_path if style.coarse_outlines else outline.path


def _country_link(row, outline, classes, country_url, style):
    fill = _class_fill(row.count, classes)
    shapes = [svg.element("path", d=_path(outline, style), fill=fill)]
    if outline.area < SMALL_COUNTRY_AREA:
        side = style.marker_size
        shapes.append(
            svg.element(
                "rect", x=outline.label_x - side / 2, y=outline.label_y - side / 2, width=side, height=side,
                fill=fill, stroke=POINT_OUTLINE, stroke_width=1.2,
            )
        )  # fmt: skip
    return svg.link(
        country_url(row.code), f"{row.name}: {practices_phrase(row.count)}", *shapes, class_="chart-map__country"
    )


def _count_labels(on_map, outlines, points, style):
    """Each country's count written inside it, moved aside when a point sits where it would go."""
    font_size = style.font_size
    labels = []
    for row in on_map:
        outline = outlines[row.code]
        written = str(row.count)
        width, height = estimated_width(written, font_size), font_size
        step = font_size * 1.2
        if outline.area < SMALL_COUNTRY_AREA:  # beside the marker
            candidates = [(style.marker_size / 2 + 2 + width / 2, 0), (-(style.marker_size / 2 + 2 + width / 2), 0)]
        else:
            candidates = [(0, 0), (0, -step), (0, step), (step, 0), (-step, 0), (step, -step), (-step, step)]
        x, y = outline.label_x, outline.label_y
        for dx, dy in candidates:
            if not any(_box_touches_circle(x + dx, y + dy, width, height, point) for point in points):
                x, y = x + dx, y + dy
                break
        labels.append(
            svg.text(
                written, x=x, y=y + font_size * 0.35, text_anchor="middle", font_size=font_size, font_weight="700",
            )
        )  # fmt: skip
    return svg.element(
        "g", *labels, stroke=HALO, stroke_width=3, paint_order="stroke", stroke_linejoin="round",
        pointer_events="none", aria_hidden="true",
    ) if labels else ""  # fmt: skip


def _box_touches_circle(centre_x, centre_y, width, height, point, gap=1.5):
    nearest_x = min(max(point.x, centre_x - width / 2), centre_x + width / 2)
    nearest_y = min(max(point.y, centre_y - height / 2), centre_y + height / 2)
    return math.hypot(point.x - nearest_x, point.y - nearest_y) < point.radius + gap


def _legend(classes, points, elsewhere, frame, style):
    """The band under the map: what the shades and circles mean, and what the map cannot show."""
    font_size = style.font_size
    swatch_width, swatch_height = font_size * 1.2, font_size * 0.9
    flow = LegendFlow(left=font_size * 0.75, right=frame.width - font_size * 0.75, top=frame.height,
                       font_size=font_size)  # fmt: skip

    if classes:
        flow.start(gettext("Practices per country:"), line_height=font_size * 1.9)
        shades = [(_class_fill(high, classes), None, class_label(low, high)) for low, high in classes]
        for fill, stroke, label in [*shades, (LAND, LAND_OUTLINE, gettext("none"))]:
            swatch = svg.element("rect", width=swatch_width, height=swatch_height, fill=fill, stroke=stroke,
                                 stroke_width=0.8 if stroke else None)  # fmt: skip
            flow.add(swatch, swatch_width, swatch_height, label)
    if points and style.legend_lists_points:
        counts = sorted({point.count for point in points})
        shown = sorted({counts[0], counts[len(counts) // 2], counts[-1]})
        unit = min(style.point_radius_for_one, style.largest_point_radius / math.sqrt(counts[-1]))
        radii = {count: point_radius(count, unit, style) for count in shown}
        flow.start(
            gettext("Per city or region:"), line_height=max(font_size * 1.9, 2 * max(radii.values()) + font_size * 0.5)
        )
        for count, radius in radii.items():
            circle = svg.element("circle", cx=radius, cy=radius, r=radius, fill=POINT_FILL, stroke=POINT_OUTLINE,
                                 stroke_width=1.5)  # fmt: skip
            flow.add(circle, radius * 2, radius * 2, str(count))
    if elsewhere:
        flow.start(gettext("Not on the map:"), line_height=font_size * 1.9)
        for name, count, url in elsewhere:
            written = f"{name}: {count}"
            if url is None:
                flow.add_text(written)
            else:
                flow.add_text(
                    written, url=url, name=f"{name}: {practices_phrase(count)}", css_class="chart-map__elsewhere"
                )
    return flow.markup(), flow.height() + font_size * 0.5


def _description(classes, on_map, points, elsewhere):
    parts = []
    if classes:
        parts.append(
            ngettext(
                "%(countries)s countries shaded by their number of practices, in %(classes)s class "
                "from %(lowest)s to %(highest)s.",
                "%(countries)s countries shaded by their number of practices, in %(classes)s classes "
                "from %(lowest)s to %(highest)s.",
                len(classes),
            )
            % {
                "countries": len(on_map),
                "classes": len(classes),
                "lowest": class_label(*classes[0]),
                "highest": class_label(*classes[-1]),
            }
        )
    else:
        parts.append(gettext("No country has practices."))
    if points:
        parts.append(
            gettext("%(count)s cities and regions drawn as circles, their area proportional to their practices.")
            % {"count": len(points)}
        )
    if elsewhere:
        listed = "; ".join(f"{name}: {count}" for name, count, _ in elsewhere)
        parts.append(gettext("Not on the map: %(listed)s.") % {"listed": listed})
    return " ".join(parts)
