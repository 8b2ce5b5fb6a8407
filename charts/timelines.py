"""A timeline of durations: one bar per practice from its start to its end, on a year axis.

Dates have month precision (the first day of the month); an end month counts
whole. Shapes, not colours, tell the cases apart, so a black-and-white print
reads the same: a bar ends where the practice ended, an arrowhead means
ongoing, a ring means the end is not known.
"""

import datetime
from typing import NamedTuple

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from charts import svg
from charts.labels import estimated_width, practices_phrase, shorten
from charts.legend import LegendFlow

WIDTH = 360
FONT_SIZE = 13
LABEL_HEIGHT = 16
BAR_HEIGHT = 10
ROW_GAP = 9
ARROW_LENGTH = 8
PLOT_RIGHT = WIDTH - ARROW_LENGTH - 4  # room after the latest date for an arrowhead
BAR_FILL = "#0b4f8a"  # the site's brand blue, 8:1 on white
GRID = "#d5dae0"
TODAY_LINE = "#4f5862"
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)


class Span(NamedTuple):
    label: str
    start: datetime.date | None
    end: datetime.date | None
    ongoing: bool
    url: str | None  # where the row links to; None: drawn, not a link


def timeline(rows, *, title=None, today=None):
    """Rows of (label, start, end, ongoing, url) as bars on a year axis; SVG markup (a SafeString).

    Rows are drawn by start date. An ongoing row runs to today (or to its
    planned end, if later) and ends in an arrowhead; a row with a start but
    neither an end nor "ongoing" is a ring at its start. Rows without a start
    cannot be placed: they are left out and counted in a caption under the axis.
    """
    title = title or gettext("Practices over time")
    today = today or datetime.date.today()
    rows = [Span(str(label), start, end, bool(ongoing), url) for label, start, end, ongoing, url in rows]
    placed = sorted((row for row in rows if row.start), key=lambda row: (row.start, row.end or row.start, row.label))
    left_out = len(rows) - len(placed)

    legend = LegendFlow(left=0, right=WIDTH, top=0, font_size=FONT_SIZE)
    _draw_legend(legend, any(row.ongoing for row in placed))
    top = legend.height() + 4
    parts = [legend.markup()]
    if placed:
        axis = _YearAxis(placed, today)
        rows_top = top + LABEL_HEIGHT + 2
        y = rows_top
        drawn = []
        for row in placed:
            drawn.append(_row(row, y, axis, today))
            y += LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
        rows_bottom = y - ROW_GAP + 2
        parts += [
            axis.grid(rows_top - 2, rows_bottom, today),
            axis.labels(top + FONT_SIZE),
            *drawn,
            axis.labels(rows_bottom + FONT_SIZE + 2),
        ]
        y = rows_bottom + LABEL_HEIGHT + 4
    else:
        parts.append(svg.text(gettext("No practice has a start date."), x=0, y=top + FONT_SIZE, font_size=FONT_SIZE))
        y = top + LABEL_HEIGHT + 4
    if left_out:
        parts.append(svg.text(_left_out_caption(left_out), x=0, y=y + FONT_SIZE, font_size=FONT_SIZE,
                              fill=svg.MUTED_INK))  # fmt: skip
        y += LABEL_HEIGHT + 4
    return svg.document(
        width=WIDTH,
        height=y,
        label=title,
        description=_description(placed, left_out, today),
        css_class="chart chart-timeline",
        children=parts,
    )


def month_and_year(day):
    return date_format(day, "F Y")


def _next_month(day):
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


class _YearAxis:
    """Years from the first start to the last end (or today), in whole years, across the plot's width."""

    def __init__(self, placed, today):
        latest = max([today, *(_next_month(row.end) for row in placed if row.end)])
        self.first_year = min(row.start.year for row in placed)
        self.last_year = latest.year + 1 if (latest.month, latest.day) != (1, 1) else latest.year
        self.last_year = max(self.last_year, self.first_year + 1)
        span = self.last_year - self.first_year
        room_for = max(1, int(PLOT_RIGHT // (estimated_width("2000", FONT_SIZE) + 10)))
        self.step = next((step for step in YEAR_STEPS if span / step <= room_for), YEAR_STEPS[-1])

    def x(self, day):
        year = day.year + (day.month - 1) / 12 + (day.day - 1) / 365
        return (year - self.first_year) / (self.last_year - self.first_year) * PLOT_RIGHT

    def ticks(self):
        first = -(-self.first_year // self.step) * self.step
        return range(first, self.last_year + 1, self.step)

    def grid(self, top, bottom, today):
        lines = [
            svg.element("line", x1=self.x(datetime.date(year, 1, 1)), y1=top, x2=self.x(datetime.date(year, 1, 1)),
                        y2=bottom, stroke=GRID, stroke_width=1)
            for year in self.ticks()
        ]  # fmt: skip
        today_x = self.x(today)
        lines.append(
            svg.element("line", x1=today_x, y1=top, x2=today_x, y2=bottom, stroke=TODAY_LINE, stroke_width=1,
                        stroke_dasharray="3 3")
        )  # fmt: skip
        return svg.element("g", *lines, aria_hidden="true")

    def labels(self, baseline):
        labels = []
        for year in self.ticks():
            x = self.x(datetime.date(year, 1, 1))
            anchor = "start" if x < 16 else "end" if x > WIDTH - 16 else "middle"
            labels.append(svg.text(year, x=x, y=baseline, font_size=FONT_SIZE, text_anchor=anchor))
        return svg.element("g", *labels, aria_hidden="true", fill=svg.MUTED_INK)


def _row(row, top, axis, today):
    label = svg.text(shorten(row.label, WIDTH, FONT_SIZE), x=0, y=top + FONT_SIZE, font_size=FONT_SIZE)
    bar_top = top + LABEL_HEIGHT
    start_x = axis.x(row.start)
    end = row.end if row.end and row.end >= row.start else None
    if row.ongoing:
        end_x = max(axis.x(today), axis.x(_next_month(end)) if end else 0, start_x + 2)
        shapes = [
            svg.element("rect", x=start_x, y=bar_top, width=end_x - start_x, height=BAR_HEIGHT, fill=BAR_FILL),
            svg.element("path", d=_arrowhead(end_x, bar_top), fill=BAR_FILL),
        ]
        when = gettext("since %(start)s, ongoing") % {"start": month_and_year(row.start)}
        if end and end > today:
            when = gettext("since %(start)s, ongoing, planned to end %(end)s") % {
                "start": month_and_year(row.start),
                "end": month_and_year(end),
            }
    elif end:
        end_x = max(axis.x(_next_month(end)), start_x + 2)
        shapes = [svg.element("rect", x=start_x, y=bar_top, width=end_x - start_x, height=BAR_HEIGHT, fill=BAR_FILL)]
        when = gettext("%(start)s to %(end)s") % {"start": month_and_year(row.start), "end": month_and_year(end)}
    else:
        shapes = [svg.element("circle", cx=start_x + BAR_HEIGHT / 2, cy=bar_top + BAR_HEIGHT / 2,
                              r=BAR_HEIGHT / 2 - 1, fill="#ffffff", stroke=BAR_FILL, stroke_width=2)]  # fmt: skip
        when = gettext("from %(start)s, end not given") % {"start": month_and_year(row.start)}
    name = f"{row.label}: {when}"
    if row.url is not None:
        return svg.link(row.url, name, label, *shapes, class_="chart-timeline__span")
    return svg.element("g", svg.title(name), label, *shapes)


def _arrowhead(x, bar_top):
    """A triangle pointing right from x, a little taller than the bar: "goes on"."""
    return (
        f"M{svg.number(x)} {svg.number(bar_top - 3)}"
        f"L{svg.number(x + ARROW_LENGTH)} {svg.number(bar_top + BAR_HEIGHT / 2)}"
        f"L{svg.number(x)} {svg.number(bar_top + BAR_HEIGHT + 3)}Z"
    )


def _draw_legend(legend, any_ongoing):
    legend.start(gettext("Key:"), line_height=FONT_SIZE * 1.6)
    bar = svg.element("rect", width=16, height=BAR_HEIGHT, fill=BAR_FILL)
    legend.add(bar, 16, BAR_HEIGHT, gettext("start to end"))
    if any_ongoing:
        arrow = svg.element("g", svg.element("rect", width=10, height=BAR_HEIGHT, fill=BAR_FILL),
                            svg.element("path", d=_arrowhead(10, 0), fill=BAR_FILL))  # fmt: skip
        legend.add(arrow, 10 + ARROW_LENGTH, BAR_HEIGHT, gettext("ongoing"))
    ring = svg.element("circle", cx=BAR_HEIGHT / 2, cy=BAR_HEIGHT / 2, r=BAR_HEIGHT / 2 - 1, fill="#ffffff",
                       stroke=BAR_FILL, stroke_width=2)  # fmt: skip
    legend.add(ring, BAR_HEIGHT, BAR_HEIGHT, gettext("end not given"))
    today = svg.element("line", x1=1, y1=0, x2=1, y2=BAR_HEIGHT + 4, stroke=TODAY_LINE, stroke_width=1,
                        stroke_dasharray="3 3")  # fmt: skip
    legend.add(today, 2, BAR_HEIGHT + 4, gettext("today"))


def _left_out_caption(count):
    return ngettext(
        "%(count)s practice has no start date and is not shown.",
        "%(count)s practices have no start date and are not shown.",
        count,
    ) % {"count": count}


def _description(placed, left_out, today):
    parts = []
    if placed:
        first = min(row.start for row in placed)
        ongoing = sum(1 for row in placed if row.ongoing)
        parts.append(
            gettext("%(practices)s from %(first)s on; %(ongoing)s ongoing as of %(today)s.")
            % {
                "practices": practices_phrase(len(placed)),
                "first": month_and_year(first),
                "ongoing": ongoing,
                "today": month_and_year(today),
            }
        )
    if left_out:
        parts.append(_left_out_caption(left_out))
    return " ".join(parts) or gettext("No practices.")
