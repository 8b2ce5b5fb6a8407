"""charts.bar_chart: labelled bars with their counts, each a link into the filtered list."""

import pytest

from charts.bars import bar_chart
from tests.charts.geometry import SVG, links, parse

ROWS = [
    ("Spain", 17, "/practices/?country=ES"),
    ("France", 4, "/practices/?country=FR"),
    ("Andorra", 0, "/practices/?country=AD"),
]
PHONE_CONTENT_WIDTH = 375 - 32  # the page's 1 rem padding on each side


def bar_widths(root):
    return {
        link.get("aria-label"): float(link.find(f"{SVG}rect").get("width"))
        for link in root.iter(f"{SVG}a")
        if link.find(f"{SVG}rect") is not None
    }


def test_each_bar_is_a_link_named_with_its_label_and_count():
    assert links(parse(bar_chart(ROWS, title="By country"))) == {
        "Spain: 17 practices": "/practices/?country=ES",
        "France: 4 practices": "/practices/?country=FR",
    }


def test_bars_are_proportional_to_their_counts_and_the_counts_are_written():
    root = parse(bar_chart(ROWS, title="By country"))
    widths = bar_widths(root)
    texts = [text.text for text in root.iter(f"{SVG}text")]

    assert widths["Spain: 17 practices"] / widths["France: 4 practices"] == pytest.approx(17 / 4, rel=0.01)
    assert texts == ["Spain", "17", "France", "4", "Andorra", "0"]  # in the order given


def test_a_row_with_no_practices_is_listed_without_a_bar_or_a_link():
    root = parse(bar_chart(ROWS, title="By country"))
    andorra = next(group for group in root.iter(f"{SVG}g") if group.findtext(f"{SVG}title") == "Andorra: 0 practices")

    assert andorra.find(f"{SVG}rect") is None
    assert "Andorra: 0 practices" not in links(root)


def test_a_long_label_is_cut_on_screen_and_whole_in_the_link_name_and_tooltip():
    label = "Promoting active citizenship and participation of migrants, refugees and everyone else " * 3
    root = parse(bar_chart([(label, 3, "/practices/?theme=x")], title="By theme"))
    link = next(root.iter(f"{SVG}a"))
    shown = [text.text for text in link.iter(f"{SVG}text")]

    assert len(shown) == 3  # two lines of label, then the count
    assert shown[1].endswith("…") and shown[2] == "3"
    assert link.get("aria-label") == link.findtext(f"{SVG}title") == f"{label}: 3 practices"


def test_a_hostile_label_and_address_are_escaped_and_a_script_address_refused():
    hostile = "<script>alert('x')</script> \"quoted\" & more"
    markup = bar_chart([(hostile, 2, '/practices/?q="><script>x</script>')], title=hostile)
    root = parse(markup)

    assert "<script" not in markup
    assert links(root) == {f"{hostile}: 2 practices": '/practices/?q="><script>x</script>'}
    assert root.get("aria-label") == hostile
    with pytest.raises(ValueError):
        bar_chart([("Spain", 1, " JavaScript:alert(1)")], title="By country")


def test_text_stays_readable_on_a_375_pixel_phone():
    root = parse(bar_chart(ROWS, title="By country"))
    view_box_width = float(root.get("viewBox").split()[2])
    scale = PHONE_CONTENT_WIDTH / view_box_width

    assert root.get("width") == "100%"
    assert min(float(text.get("font-size")) for text in root.iter(f"{SVG}text")) * scale >= 12


def test_nothing_to_count_is_said_not_drawn_as_an_empty_box():
    root = parse(bar_chart([], title="By country"))

    assert [text.text for text in root.iter(f"{SVG}text")] == ["Nothing to count."]
    assert links(root) == {}


def test_the_title_and_a_summary_name_the_chart_for_assistive_technology():
    root = parse(bar_chart(ROWS, title="Practices by country"))

    assert root.get("role") == "group"
    assert root.findtext(f"{SVG}title") == "Practices by country"
    assert root.findtext(f"{SVG}desc") == "3 bars; the longest: Spain, 17; the shortest: France, 4."
