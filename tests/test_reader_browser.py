"""Issue 12 in real headless Chromium: text before the fact box on a phone, sorting on change, printing."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories as make
from tests.academy import builders as academy
from tests.projects import factories as projects

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TEXT = "\n\n".join(f"Paragraph {number} of what the practice is for, in several sentences." for number in range(6))


@pytest.fixture
def pages():
    """A practice, a project and an academy module, each with facts and a text."""
    practice = make.practice(
        "Anti-rumours strategy", place="Bilbao", purpose=LONG_TEXT, process="The city trains agents.",
        areas=[make.area()], types=[make.practice_type()], tags=["anti-rumours"], duration_text="2013 - ongoing",
        start=make.month(2013), ongoing=True,
    )  # fmt: skip
    project = projects.project("LIAISON", summary=LONG_TEXT, areas=[make.area()], tags=["anti-rumours"])
    course = academy.course("Intercultural Integration Academy")
    module = academy.module(course, "Anti-rumour Strategy", summary=LONG_TEXT, kind="elective", areas=[make.area()])
    return {"practice": practice.get_absolute_url(), "project": project.get_absolute_url(),
            "module": module.get_absolute_url()}  # fmt: skip


def top(page, selector):
    return page.locator(selector).first.bounding_box()["y"]


@pytest.mark.parametrize("kind", ["practice", "project", "module"])
def test_on_a_phone_the_text_comes_before_the_fact_box(page, pages, axe_violations, kind):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(page.base_url + pages[kind])
    text_top, facts_top = top(page, ".detail__body .prose"), top(page, ".factsheet")
    assert text_top < facts_top, f"the text starts at {text_top} px, the facts at {facts_top} px"
    assert text_top < 800, "the text starts below the first screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page) == []


def test_on_a_wide_screen_the_fact_box_stands_beside_the_text(page, pages, axe_violations):
    page.goto(page.base_url + pages["practice"])
    text, facts = page.locator(".detail__body").bounding_box(), page.locator(".factsheet").bounding_box()
    assert facts["x"] > text["x"] + text["width"] - 1 and abs(facts["y"] - text["y"]) < 200
    assert axe_violations(page) == []


def test_a_print_button_prints_and_the_printout_closes_with_title_source_address_and_date(page, pages):
    page.goto(page.base_url + pages["practice"])
    button = page.get_by_role("button", name="Print this page")
    expect(button).to_be_visible()
    page.evaluate("window.print = () => { window.printed = true; }")
    button.click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    colophon = page.locator(".print-colophon")
    expect(colophon).to_be_visible()
    expect(colophon).to_contain_text("Anti-rumours strategy")
    expect(colophon).to_contain_text("CDADI(2024)39")
    expect(colophon).to_contain_text(page.base_url + pages["practice"])
    expect(colophon).to_contain_text(re.compile(r"Printed \d{1,2} \w+ \d{4}"))
    expect(button).to_be_hidden()


def test_without_javascript_there_is_no_dead_print_button_and_the_sort_button_stays(browser, live_server, pages):
    make.practice("Second practice")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(live_server.url + pages["practice"])
    expect(tab.get_by_role("button", name="Print this page")).to_be_hidden()
    tab.goto(live_server.url + "/practices/")
    sort_button = tab.get_by_role("button", name="Sort")
    expect(sort_button).to_be_visible()
    tab.select_option("#sort", "title")
    sort_button.click()
    tab.wait_for_url(re.compile(r"sort=title"))
    context.close()


def test_with_javascript_choosing_a_sort_applies_it(page, pages, axe_violations):
    make.practice("A first practice by title")
    page.goto(page.base_url + "/practices/")
    expect(page.get_by_role("button", name="Sort")).to_be_hidden()
    page.select_option("#sort", "title")
    expect(page.locator(".result h3").first).to_have_text("A first practice by title")
    assert "sort=title" in page.url
    assert axe_violations(page) == []


def test_typing_in_the_search_box_shows_prefix_matches_without_changing_the_address(page, pages):
    make.practice("Rumours in the neighbourhood")
    make.practice("Housing for all")
    page.goto(page.base_url + "/practices/")
    page.locator("#practice-search").press_sequentially("Rumou", delay=50)
    expect(page.locator("#results-count")).to_have_text(re.compile(r"^2 practices match"))
    expect(page.locator("#practice-search")).to_be_focused()
    assert page.url == page.base_url + "/practices/"  # the as-you-type request is no address to share
    page.locator("#practice-search").press("Enter")
    page.wait_for_url(re.compile(r"\?q=Rumou$"))
    expect(page.locator("#prefix-notice")).to_be_visible()  # submitted: no whole word, so prefixes, and it says so
