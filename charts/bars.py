"""Horizontal bar charts: one labelled bar per row, its count written at its end, each bar a link.

Labels sit above their bars rather than beside them, so a chart 360 units
wide stays readable on a 375 px phone: the label gets the whole width.
"""

from typing import NamedTuple

from django.utils.translation import gettext

from charts import svg
from charts.labels import fit_lines, practices_phrase

WIDTH = 360
FONT_SIZE = 13
LINE_HEIGHT = 16
LABEL_LINES = 2
BAR_HEIGHT = 14
ROW_GAP = 10
COUNT_ROOM = 44  # after the longest bar, for its count
BAR_FILL = "#0b4f8a"  # the site's brand blue, 8:1 on white
AXIS = "#767676"


class Bar(NamedTuple):
    label: str
    count: int
    url: str | None  # where the bar links to; None: drawn, not a link


def bar_chart(rows, *, title):
    """Rows of (label, count, url) as horizontal bars, in the order given; SVG markup (a SafeString).

    A bar's length is proportional to its count; the count is written at its
    end. A label too long for two lines is cut with "…"; its full text stays
    in the link's name and tooltip. A row with count 0 is listed, with no bar
    and no link.
    """
    rows = [Bar(str(label), int(count), url) for label, count, url in rows]
    if any(row.count < 0 for row in rows):
        raise ValueError("A count cannot be negative")
    largest = max((row.count for row in rows), default=0)
    scale = (WIDTH - COUNT_ROOM) / largest if largest else 0

    drawn, y = [], ROW_GAP / 2
    for row in rows:
        markup, height = _row(row, y, scale)
        drawn.append(markup)
        y += height + ROW_GAP
    if not rows:
        drawn.append(
            svg.text(gettext("Nothing to count."), x=0, y=y + FONT_SIZE, font_size=FONT_SIZE, fill=svg.MUTED_INK)
        )
        y += LINE_HEIGHT + ROW_GAP
    height = y - ROW_GAP / 2
    axis = svg.element("line", x1=0.5, y1=0, x2=0.5, y2=height, stroke=AXIS, stroke_width=1, aria_hidden="true")
    return svg.document(
        width=WIDTH,
        height=height,
        label=title,
        description=_description(rows),
        css_class="chart chart-bars",
        children=[*drawn, axis] if rows else drawn,
    )


def _row(row, top, scale):
    lines = fit_lines(row.label, WIDTH - 6, FONT_SIZE, LABEL_LINES)
    ink = svg.INK if row.count else svg.MUTED_INK
    parts = [
        svg.text(line, x=6, y=top + FONT_SIZE + index * LINE_HEIGHT, font_size=FONT_SIZE, fill=ink)
        for index, line in enumerate(lines)
    ]
    bar_top = top + len(lines) * LINE_HEIGHT + 3
    length = max(row.count * scale, 2) if row.count else 0
    if length:
        parts.append(svg.element("rect", x=1, y=bar_top, width=length, height=BAR_HEIGHT, fill=BAR_FILL))
    parts.append(
        svg.text(
            row.count, x=1 + length + 5, y=bar_top + BAR_HEIGHT - 3, font_size=FONT_SIZE, font_weight="700", fill=ink
        )
    )
    height = bar_top + BAR_HEIGHT - top
    name = f"{row.label}: {practices_phrase(row.count)}"
    if row.count and row.url is not None:
        return svg.link(row.url, name, *parts, class_="chart-bars__bar"), height
    return svg.element("g", svg.title(name), *parts), height


def _description(rows):
    counted = [row for row in rows if row.count]
    if not counted:
        return gettext("No practices to count.")
    largest = max(counted, key=lambda row: row.count)
    smallest = min(counted, key=lambda row: row.count)
    return gettext("%(bars)s bars; the longest: %(longest)s, %(most)s; the shortest: %(shortest)s, %(least)s.") % {
        "bars": len(rows),
        "longest": largest.label,
        "most": largest.count,
        "shortest": smallest.label,
        "least": smallest.count,
    }
