"""Issue 15 in real headless Chromium: a French reader filters the practices, opens one and takes the list as CSV."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import factories as make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def practices():
    education = make.area("education", "Education")
    germany = make.country("DE", "Germany")
    make.practice(
        "Welcoming Berlin", place="Berlin", country=germany, areas=[education], start=make.month(2019),
        purpose="Newcomers are welcomed.", title_fr="Berlin accueille", purpose_fr="Les nouveaux venus sont accueillis.",
    )  # fmt: skip
    # Not yet translated: shown in English, marked as such.
    make.practice("Barcelona anti-rumours", place="Barcelona", areas=[education], purpose="Agents counter rumours.")
    return germany


@pytest.mark.parametrize("width", [375, 1280])
def test_a_french_reader_filters_opens_a_practice_and_takes_the_list_as_csv(page, practices, axe_violations, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.base_url + "/fr/practices/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonnes pratiques")
    expect(page.get_by_role("link", name="Berlin accueille")).to_be_visible()
    expect(page.locator('h3 a span[lang="en"]')).to_have_text("Barcelona anti-rumours")
    expect(page.locator("#untranslated-note")).to_have_text(
        "Certaines parties de cette page ne sont pas encore traduites en français et sont affichées en anglais."
    )
    assert axe_violations(page) == []

    page.locator("#facet-country-de").click()
    expect(page).to_have_url(page.base_url + "/fr/practices/?country=DE")
    expect(page.locator("#results-count")).to_have_text("1 pratique correspond")
    expect(page.get_by_role("link", name="English")).to_have_attribute("href", "/practices/?country=DE")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter en CSV (1 pratique)").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0][:4] == ["title", "url", "country_code", "country"]  # the column names stay English
    assert [row[0] for row in rows[1:]] == ["Welcoming Berlin"]

    page.get_by_role("link", name="Berlin accueille").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Berlin accueille")
    expect(page.get_by_text("Les nouveaux venus sont accueillis.")).to_be_visible()
    expect(page.locator("#untranslated-note")).to_have_count(0)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("link", name="Allemagne")).to_have_attribute("href", "/fr/practices/?country=DE")
    expect(page.get_by_role("link", name="‹ Retour à votre liste filtrée")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []

    # The practice nobody translated yet: its texts in English, marked lang="en", and the page says so once.
    page.goto(page.base_url + "/fr/practices/")
    page.get_by_role("link", name="Barcelona anti-rumours").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator('h1 span[lang="en"]')).to_have_text("Barcelona anti-rumours")
    expect(page.locator('.prose[lang="en"]')).to_have_text("Agents counter rumours.")
    expect(page.locator("#untranslated-note")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
