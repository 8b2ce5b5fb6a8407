"""A reader in real headless Chromium: from the project list to LIAISON's page, with axe watching."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def imported():
    """The real import: vocabulary and LIAISON from its two pages."""
    call_command("import_projects", verbosity=0)


@pytest.mark.parametrize("width", [375, 1280])
def test_open_the_list_click_liaison_and_read_its_targets_and_dates(page, imported, axe_violations, width):
    page.set_viewport_size({"width": width, "height": 900})
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(page.base_url + "/projects/")
    expect(page.locator("#results-count")).to_have_text("1 project")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the list scrolls sideways"
    page.screenshot(path=ARTIFACTS / f"projects-list-{width}.png", full_page=True)
    assert axe_violations(page) == [], "list"

    page.get_by_role("link", name=re.compile(r"^LIAISON – Mutual Learning")).click()
    page.wait_for_url(re.compile(r"/projects/liaison/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("LIAISON")
    figures = page.locator(".figure__number")
    expect(figures).to_have_text(["500", "150", "2,000"])
    expect(page.locator(".figure__label")).to_have_text(
        [
            "community members",
            "representatives from the local community and relevant stakeholders",
            "people from different cultural communities, organisations and public institutions",
        ]
    )
    expect(page.get_by_text("3 February 2020 – 2 April 2022 (26 months)")).to_be_visible()
    expect(page.get_by_role("link", name="daria.labarbera@cesie.org")).to_have_attribute(
        "href", "mailto:daria.labarbera@cesie.org"
    )
    expect(page.get_by_role("heading", name="Partners")).to_have_count(0)  # none listed: no section
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the detail page scrolls sideways"
    page.screenshot(path=ARTIFACTS / f"projects-detail-{width}.png", full_page=True)
    assert axe_violations(page) == [], "detail"


def test_filter_by_a_facet_and_come_back_to_the_filtered_list(page, imported, axe_violations):
    page.goto(page.base_url + "/projects/")
    page.get_by_role("link", name=re.compile(r"^Intercultural Dialogue")).click()
    page.wait_for_url(re.compile(r"category=intercultural-dialogue"))
    expect(page.locator("#results-count")).to_have_text("1 project matches")
    page.get_by_role("link", name=re.compile(r"^LIAISON")).click()
    page.wait_for_url(re.compile(r"/projects/liaison/"))
    page.get_by_role("link", name=re.compile("Back to your filtered list")).click()
    page.wait_for_url(re.compile(r"category=intercultural-dialogue"))
    page.goto(page.base_url + "/projects/?category=nope")
    expect(page.get_by_role("alert")).to_contain_text("Unknown category “nope”")
    assert axe_violations(page) == [], "error page"
