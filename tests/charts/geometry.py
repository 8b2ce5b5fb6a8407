"""Reading back what the charts drew: SVG parsed as XML, path data turned into rings."""

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")


def parse(markup):
    """The SVG's root element; fails the test if the markup is not well-formed XML."""
    return ET.fromstring(str(markup))  # noqa: S314 - our own output, parsed to check it


def links(root):
    """{accessible name: href} of every link in the picture."""
    return {link.get("aria-label"): link.get("href") for link in root.iter(f"{SVG}a")}


def rings(path_data):
    """The rings of a path written as relative `m … z` subpaths, as charts/data/build_outlines.py writes them."""
    found, pen = [], (0.0, 0.0)
    for subpath in re.findall(r"m([^z]*)z", path_data):
        numbers = [float(n) for n in _NUMBER.findall(subpath)]
        x, y = pen[0] + numbers[0], pen[1] + numbers[1]
        ring = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        found.append(ring)
        pen = ring[0]
    return found


def inside_or_near(x, y, path_data, tolerance):
    """Whether the point is inside the shape (even-odd) or within `tolerance` of its edge."""
    inside, nearest = False, float("inf")
    for ring in rings(path_data):
        for (ax, ay), (bx, by) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
            dx, dy = bx - ax, by - ay
            length = dx * dx + dy * dy
            t = 0 if length == 0 else max(0, min(1, ((x - ax) * dx + (y - ay) * dy) / length))
            nearest = min(nearest, ((x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2) ** 0.5)
    return inside or nearest <= tolerance
