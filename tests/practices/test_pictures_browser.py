"""The map, the charts and the comparison in real headless Chromium, at a phone's width and a desktop's."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories as make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def practices():
    italy = make.country("IT", "Italy")
    education = make.area("education", "Education")
    made = [
        make.practice(f"Bilbao school project {n}", place="Bilbao", areas=[education], start=make.month(2015 + n))
        for n in range(3)
    ]
    made.append(make.practice("Reggio intercultural centre", place="Reggio Emilia", country=italy, ongoing=True,
                              start=make.month(2012)))  # fmt: skip
    return made


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [375, 1280])
def test_map_charts_and_comparison_fit_the_screen_and_pass_axe(page, practices, axe_violations, width):
    page.set_viewport_size({"width": width, "height": 900})
    pages = {
        "map": "/practices/map/",
        "charts": "/practices/charts/?area=education",
        "compare": f"/practices/compare/?p={practices[0].slug}&p={practices[3].slug}",
    }
    for name, path in pages.items():
        page.goto(page.base_url + path)
        assert fits(page), f"{name} scrolls sideways at {width} px"
        assert axe_violations(page) == [], name


def test_a_country_on_the_map_leads_to_its_practices_by_mouse_and_keyboard(page, practices):
    page.goto(page.base_url + "/practices/map/")
    page.locator('a[aria-label="Spain: 3 practices"] path').first.click()
    page.wait_for_url(re.compile(r"/practices/\?country=ES$"))
    expect(page.locator("#results-count")).to_have_text(re.compile(r"^3 practices"))
    page.go_back()
    page.locator('a[aria-label="Italy: 1 practice"]').first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/practices/\?country=IT$"))
    expect(page.locator("#results-count")).to_have_text(re.compile(r"^1 practice"))


def test_a_bar_leads_to_the_list_filtered_by_it_and_the_first_filter(page, practices):
    page.goto(page.base_url + "/practices/charts/?area=education")
    page.locator('#chart-country ~ svg a[aria-label="Spain: 3 practices"] rect').first.click()
    page.wait_for_url(re.compile(r"area=education&country=ES"))
    expect(page.locator("#results-count")).to_have_text(re.compile(r"^3 practices"))
