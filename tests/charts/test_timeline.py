"""charts.timeline: durations from start to end on a year axis, ongoing ones open-ended."""

import datetime

import pytest

from charts.timelines import PLOT_RIGHT, timeline
from tests.charts.geometry import SVG, links, parse

TODAY = datetime.date(2025, 6, 15)
ROWS = [
    ("Closed", datetime.date(2019, 1, 1), datetime.date(2020, 12, 1), False, "/practices/closed/"),
    ("Ongoing", datetime.date(2021, 3, 1), None, True, "/practices/ongoing/"),
    ("Open question", datetime.date(2016, 5, 1), None, False, "/practices/open-question/"),
    ("Undated", None, None, True, "/practices/undated/"),
    ("Also undated", None, datetime.date(2022, 1, 1), False, "/practices/also-undated/"),
]


def draw(rows=ROWS, today=TODAY):
    return parse(timeline(rows, title="Practices over time", today=today))


def row_link(root, starting):
    return next(link for link in root.iter(f"{SVG}a") if link.get("aria-label").startswith(starting))


def bar_span(link):
    bar = link.find(f"{SVG}rect")
    return float(bar.get("x")), float(bar.get("x")) + float(bar.get("width"))


def test_each_dated_practice_is_a_link_named_with_its_dates():
    assert links(draw()) == {
        "Open question: from May 2016, end not given": "/practices/open-question/",
        "Closed: January 2019 to December 2020": "/practices/closed/",
        "Ongoing: since March 2021, ongoing": "/practices/ongoing/",
    }


def test_rows_run_in_order_of_start():
    names = [link.get("aria-label").split(":")[0] for link in draw().iter(f"{SVG}a")]

    assert names == ["Open question", "Closed", "Ongoing"]


def test_practices_without_a_start_are_left_out_and_counted_in_a_caption():
    root = draw()
    texts = [text.text for text in root.iter(f"{SVG}text")]

    assert "2 practices have no start date and are not shown." in texts
    assert not any(name.startswith(("Undated", "Also undated")) for name in links(root))
    assert "2 practices have no start date" in root.findtext(f"{SVG}desc")


def test_a_closed_bar_runs_from_its_start_month_to_the_end_of_its_end_month():
    root = draw()
    start, end = bar_span(row_link(root, "Closed"))
    # The axis runs from 2016 (the first start) to 2026 (after today): ten years across the plot.
    year = PLOT_RIGHT / 10

    assert start == pytest.approx(3 * year, abs=0.1)
    assert end - start == pytest.approx(2 * year, abs=0.1)
    assert row_link(root, "Closed").find(f"{SVG}path") is None  # no arrowhead


def test_an_ongoing_bar_runs_to_today_and_ends_in_an_arrowhead():
    ongoing = row_link(draw(), "Ongoing")
    _, end = bar_span(ongoing)
    arrowhead = ongoing.find(f"{SVG}path")
    year = PLOT_RIGHT / 10

    assert end == pytest.approx((2025 + 5 / 12 + 14 / 365 - 2016) * year, abs=0.1)  # 15 June 2025
    assert arrowhead is not None
    assert float(arrowhead.get("d")[1:].split()[0]) == pytest.approx(end, abs=0.1)  # it starts where the bar stops


def test_an_ongoing_bar_reaches_a_planned_end_later_than_today():
    planned = [("Planned", datetime.date(2021, 3, 1), datetime.date(2027, 12, 1), True, "/p/")]
    link = row_link(draw(planned), "Planned")
    _, end = bar_span(link)

    # The axis runs from 2021 to 2028; the bar covers December 2027 whole.
    assert end == pytest.approx(PLOT_RIGHT, abs=0.1)
    assert link.get("aria-label") == "Planned: since March 2021, ongoing, planned to end December 2027"


def test_a_start_without_an_end_is_a_ring_not_a_bar():
    open_question = row_link(draw(), "Open question")

    assert open_question.find(f"{SVG}rect") is None
    assert open_question.find(f"{SVG}circle").get("fill") == "#ffffff"


def test_the_year_axis_and_the_key_are_written_so_print_in_black_and_white_reads_the_same():
    texts = [text.text for text in draw().iter(f"{SVG}text")]

    for year in ["2016", "2018", "2020", "2022", "2024", "2026"]:
        assert texts.count(year) == 2  # above and below the bars
    assert {"start to end", "ongoing", "end not given", "today"} <= set(texts)


def test_a_long_title_is_cut_on_screen_and_whole_in_the_link_name():
    title = "A practice whose title goes on and on " * 4
    link = next(draw([(title, datetime.date(2020, 1, 1), datetime.date(2021, 1, 1), False, "/p/")]).iter(f"{SVG}a"))

    assert link.find(f"{SVG}text").text.endswith("…")
    assert link.get("aria-label") == f"{title}: January 2020 to January 2021"


def test_a_hostile_title_is_escaped():
    hostile = "<script>alert(\"x\")</script> & 'quoted'"
    markup = timeline([(hostile, datetime.date(2020, 1, 1), None, True, "/p/?a=1&b=2")], today=TODAY)

    assert "<script" not in markup
    assert links(parse(markup)) == {f"{hostile}: since January 2020, ongoing": "/p/?a=1&b=2"}


def test_with_no_start_date_at_all_the_chart_says_so():
    root = draw([("Undated", None, None, True, "/p/")])
    texts = [text.text for text in root.iter(f"{SVG}text")]

    assert "No practice has a start date." in texts
    assert "1 practice has no start date and is not shown." in texts
    assert links(root) == {}
