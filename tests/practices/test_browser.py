"""A reader in real headless Chromium: filter, read, come back, download; by mouse and by keyboard."""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from editorial.models import PublicationStatus
from tests import factories as make
from tests.keyboard import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def practices():
    education, youth = make.area("education", "Education"), make.area("youth", "Youth")
    spain, italy = make.country("ES", "Spain"), make.country("IT", "Italy")
    for number in range(23):
        make.practice(f"Spanish school project {number:02d}", place="Bilbao", country=spain, areas=[education],
                      purpose="Pupils meet.", tags=["schools"])  # fmt: skip
    for number in range(4):
        make.practice(f"Spanish youth club {number}", place="Madrid", country=spain, areas=[youth])
    make.practice("Italian school project", place="Reggio Emilia", country=italy, areas=[education])
    make.practice("Spanish draft school", country=spain, areas=[education], status=PublicationStatus.DRAFT)


def csv_rows(download):
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def count_in(page):
    return int(re.match(r"(\d+) practice", page.locator("#results-count").inner_text()).group(1))


def expect_count(page, number):
    """The list updates in place after the URL changes: wait for the count, not the URL."""
    expect(page.locator("#results-count")).to_have_text(re.compile(rf"^{number} practices? "))


def test_filter_open_come_back_and_download_exactly_those_rows(page, practices, axe_violations):
    page.goto(page.base_url + "/practices/")
    assert count_in(page) == 28
    page.get_by_role("link", name=re.compile(r"^Spain \(")).click()  # the facet's value, not the small map's country
    page.wait_for_url(re.compile(r"country=ES"))
    expect_count(page, 27)
    page.get_by_role("link", name=re.compile(r"^Education")).click()
    page.wait_for_url(re.compile(r"area=education"))
    expect_count(page, 23)
    filtered_url = page.url

    page.get_by_role("link", name="Spanish school project 00").click()
    page.wait_for_url(re.compile(r"/practices/practice-\d+/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Spanish school project 00"
    page.get_by_role("link", name=re.compile("Back to your filtered list")).click()
    page.wait_for_url(filtered_url)
    assert count_in(page) == 23

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export these 23 practices as CSV").click()
    download = download_info.value
    assert re.fullmatch(r"practices-filtered-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    rows = csv_rows(download)
    assert len(rows) == 23
    assert {row["country"] for row in rows} == {"Spain"}
    assert {row["areas"] for row in rows} == {"Education"}


def test_the_same_filter_with_the_keyboard_only(page, practices):
    page.goto(page.base_url + "/practices/")
    tab_to(page, "#facet-country-es")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"country=ES"))
    expect_count(page, 27)
    tab_to(page, "#facet-area-education")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"area=education"))
    expect_count(page, 23)
    # Focus stayed on the control the reader used, so the next Tab carries on from there.
    expect(page.locator("#facet-area-education")).to_be_focused()

    page.keyboard.press("Shift+Tab")  # the search box is before the facets
    for _ in range(80):
        if page.evaluate("document.activeElement.id") == "practice-search":
            break
        page.keyboard.press("Shift+Tab")
    page.keyboard.type("youth")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=youth"))
    expect_count(page, 0)
    expect(page.get_by_text("No practice matches all of these filters.")).to_be_visible()


@pytest.mark.parametrize("width", [375, 1280])
def test_pages_fit_the_screen_and_pass_axe(page, practices, axe_violations, width):
    page.set_viewport_size({"width": width, "height": 900})
    ARTIFACTS.mkdir(exist_ok=True)
    checked = {
        "home": "/",
        "list": "/practices/?country=ES",
        "list-empty": "/practices/?country=IT&area=youth",
        "list-error": "/practices/?country=XX",
        "detail": "/practices/?q=Italian",
    }
    for name, path in checked.items():
        page.goto(page.base_url + path)
        if name == "detail":
            page.get_by_role("link", name="Italian school project").click()
            page.wait_for_url(re.compile(r"/practices/practice-\d+/"))
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
        page.screenshot(path=ARTIFACTS / f"practices-{name}-{width}.png", full_page=True)
        assert axe_violations(page) == [], name
    if width == 375:
        # On a phone the results come before the facets.
        page.goto(page.base_url + "/practices/")
        results_top = page.locator("#results-count").bounding_box()["y"]
        facets_top = page.locator("#filters-title").bounding_box()["y"]
        assert results_top < facets_top


@pytest.mark.parametrize("width", [375, 1280])
def test_tick_two_practices_and_compare_them_by_keyboard(page, practices, axe_violations, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.base_url + "/practices/?country=ES&q=youth")
    expect_count(page, 4)
    # Each box is named for its practice.
    first = page.get_by_role("checkbox", name="Compare Spanish youth club 0")
    second = page.get_by_role("checkbox", name="Compare Spanish youth club 2")
    first.focus()
    page.keyboard.press("Space")
    second.check()
    expect(first).to_be_checked()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Compare selected").press("Enter")
    page.wait_for_url(re.compile(r"/practices/compare/\?"))
    assert page.url.count("p=") == 2
    expect(page.get_by_role("columnheader", name="Spanish youth club 0")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Spanish youth club 2")).to_be_visible()
    assert axe_violations(page) == []
    # The way back is the list as it was.
    page.get_by_role("link", name=re.compile("Back to your filtered list")).click()
    page.wait_for_url(re.compile(r"/practices/\?country=ES&q=youth$"))
    expect_count(page, 4)


def test_the_small_map_leads_to_the_map_with_the_same_filters(page, practices):
    page.goto(page.base_url + "/practices/?area=youth")
    expect(page.locator(".chart--small-map").get_by_role("link", name="Spain: 4 practices")).to_be_visible()
    page.get_by_role("link", name="Open the map").click()
    page.wait_for_url(re.compile(r"/practices/map/\?area=youth$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Map of the good practices")


def test_on_a_phone_a_link_leads_from_the_results_to_the_filters(page, practices):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.base_url + "/practices/")
    page.get_by_role("link", name="Filters ↓").click()
    expect(page.locator("#filters-title")).to_be_in_viewport()
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.get_by_role("link", name="Filters ↓")).to_be_hidden()
