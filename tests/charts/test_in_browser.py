"""The three pictures in real headless Chromium: what axe finds, what Tab reaches, what a click opens."""

import datetime
import re

import pytest

from charts import bar_chart, practice_map, timeline
from tests.keyboard import tab_to

pytestmark = pytest.mark.browser

SITE = "http://127.0.0.1:9"  # never reached: every request is answered by the test's route below


def page_of(*pictures):
    """A page laid out as the site's: 1 rem of padding each side, figures without margins."""
    figures = "".join(f"<figure>{picture}</figure>" for picture in pictures)
    style = "<style>body { margin: 0; padding: 0 1rem; } figure { margin: 0 0 1rem; }</style>"
    return (
        f'<!doctype html><html lang="en"><head><title>Charts</title>{style}</head>'
        f"<body><main>{figures}</main></body></html>"
    )


@pytest.fixture
def tab(browser):
    """A browser tab at a 375 px phone's width, its requests answered here: the picture's page, or "list"."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.content_for_root = ""

    def answer(route):
        if route.request.url == f"{SITE}/":
            route.fulfill(status=200, content_type="text/html", body=tab.content_for_root)
        else:
            route.fulfill(status=200, content_type="text/html", body=page_of("list"))

    tab.route("**/*", answer)
    yield tab
    context.close()


def show(tab, *pictures):
    tab.content_for_root = page_of(*pictures)
    tab.goto(f"{SITE}/")


def draw_map(size="full"):
    return practice_map(
        [("ES", "Spain", 17), ("FR", "France", 4), ("AD", "Andorra", 1), ("CA", "Canada", 1), (None, "", 2)],
        [("Bilbao", "ES", 5), ("Fuenlabrada", "ES", 4), ("Paris", "FR", 2)],
        country_url=lambda code: f"/practices/?country={code}",
        place_url=lambda place, country: f"/practices/?country={country}&place={place}",
        transnational_url="/practices/?transnational=1",
        size=size,
    )


def draw_bars():
    return bar_chart([("Ensuring equality", 24, "/practices/?theme=a"), ("Valuing diversity", 17, "/practices/?theme=b")],
                     title="Practices by theme")  # fmt: skip


def draw_timeline():
    return timeline(
        [("Anti-rumours strategy", datetime.date(2013, 1, 1), None, True, "/practices/anti-rumours/"),
         ("Citizen Coin", datetime.date(2019, 5, 1), datetime.date(2021, 4, 1), False, "/practices/citizen-coin/")],
        today=datetime.date(2025, 6, 15),
    )  # fmt: skip


def test_axe_finds_nothing_serious_in_the_three_pictures(tab, axe_violations):
    show(tab, draw_map(), draw_map("small"), draw_bars(), draw_timeline())

    assert axe_violations(tab) == []


def test_links_are_exposed_by_name_and_reached_with_tab(tab):
    show(tab, draw_map(), draw_bars(), draw_timeline())

    for name in ["Spain: 17 practices", "Bilbao (Spain): 5 practices", "Canada: 1 practice",
                 "Valuing diversity: 17 practices", "Citizen Coin: May 2019 to April 2021"]:  # fmt: skip
        assert tab.get_by_role("link", name=name, exact=True).count() == 1, name
    tab_to(tab, 'a[aria-label="Andorra: 1 practice"]')


def test_clicking_a_country_where_its_count_is_written_opens_its_list(tab):
    show(tab, draw_map())
    box = tab.locator("svg text", has_text=re.compile(r"^17$")).bounding_box()

    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    tab.wait_for_url(f"{SITE}/practices/?country=ES")


def test_clicking_a_point_opens_the_list_of_its_place(tab):
    show(tab, draw_map())

    tab.get_by_role("link", name="Bilbao (Spain): 5 practices").click()

    tab.wait_for_url(f"{SITE}/practices/?country=ES&place=Bilbao")


def test_text_of_the_bars_and_timeline_is_at_least_12_pixels_on_a_phone(tab):
    show(tab, draw_bars(), draw_timeline())

    smallest = tab.evaluate(
        """() => Math.min(...[...document.querySelectorAll('svg text')].map(
            text => parseFloat(text.getAttribute('font-size')) * text.getScreenCTM().a))"""
    )
    assert smallest >= 12
