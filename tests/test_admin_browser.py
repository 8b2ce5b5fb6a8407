"""Editors in real headless Chromium: a revert that shows its difference first and touches its own item, the
bulk import's dry run and commit, Markdown previews and ordering, and change forms that fit 1,280 and 375 px."""

import csv
import io
import re

import pytest
import reversion
from playwright.sync_api import expect
from reversion.models import Version

from academy.models import QuizOption
from practices.models import Practice
from practices.services import save_practice
from tests import factories as make
from tests.academy import builders as build
from tests.projects import factories as project_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "A long title that an editor typed without thinking of narrow windows " * 2


def sign_in(page, user, password):
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def signed_in(page, editor):
    sign_in(page, editor, "an editor's password")
    return page


def test_a_revert_shows_its_difference_and_touches_only_its_own_practice(signed_in, editor, axe_violations):
    page = signed_in
    with reversion.create_revision():  # as the first import stored every practice
        first = make.practice("Schools Linking", references=[("Network", "https://example.org/network")])
        second = make.practice("Citizen Coin")
    old = Version.objects.get_for_object(first).get()
    first.title = "Schools Linking Network"
    save_practice(first, references=[("Network", "https://example.org/moved")], user=editor)
    second.title = "Citizen Coin, edited by another editor"
    save_practice(second, user=editor)

    page.goto(f"{page.base_url}/admin/practices/practice/{first.pk}/history/")
    expect(page.locator("table.history")).to_contain_text("https://example.org/moved")
    page.locator(f"a[href$='/history/{old.pk}/']").click()

    table = page.locator("table.differences")
    expect(table.locator("tr", has_text="Title").locator("del")).to_have_text("Schools Linking Network")
    expect(table.locator("tr", has_text="Title").locator("ins")).to_have_text("Schools Linking")
    expect(table.locator("tr", has_text="Reference links").locator("ins")).to_contain_text(
        "https://example.org/network"
    )
    assert Practice.objects.get(pk=first.pk).title == "Schools Linking Network"  # shown, not yet changed
    assert axe_violations(page) == []

    page.get_by_role("button", name="Revert to this version").click()
    expect(page.locator(".messagelist")).to_contain_text("is back as it was on")
    assert Practice.objects.get(pk=first.pk).title == "Schools Linking"
    assert [ref.url for ref in Practice.objects.get(pk=first.pk).references.all()] == ["https://example.org/network"]
    assert Practice.objects.get(pk=second.pk).title == "Citizen Coin, edited by another editor"


def test_the_bulk_import_dry_run_then_commit(signed_in, editor, client, axe_violations):
    page = signed_in
    make.theme("ensuring-equality", "Ensuring equality")
    make.practice("Anti-rumours strategy", slug="bilbao", place="Bilbao")
    export = client.get("/practices/export.csv")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    header = rows[0]
    rows[1][header.index("place")] = "Bilbao (Basque Country)"
    new = dict.fromkeys(header, "")
    new.update(title="Welcome desk", level="regional", theme="Ensuring equality")
    rows.append([new[column] for column in header])
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)

    page.goto(page.base_url + "/admin/practices/practice/")
    page.get_by_role("link", name="Import from a spreadsheet").click()
    page.set_input_files(
        "#id_spreadsheet", {"name": "edited.csv", "mimeType": "text/csv", "buffer": buffer.getvalue().encode()}
    )
    page.get_by_role("button", name="Show what would change").click()

    expect(page.locator(".import-counts")).to_have_text("1 to add (as drafts), 1 to change, 0 unchanged.")
    expect(page.locator("table.import-rows")).to_contain_text("Changed: place")
    assert Practice.objects.count() == 1
    assert axe_violations(page) == []

    page.get_by_role("button", name="Import these 2 practices").click()
    expect(page.locator(".messagelist")).to_contain_text("Imported edited.csv: 1 added (as drafts), 1 changed.")
    assert Practice.objects.get(slug="bilbao").place == "Bilbao (Basque Country)"
    assert Practice.objects.get(title="Welcome desk").status == "draft"


def test_the_markdown_preview_follows_the_text_and_links_move_up_and_down(signed_in, editor):
    page = signed_in
    practice = make.practice(
        "Previewed", references=[("First", "https://example.org/1"), ("Second", "https://example.org/2")]
    )
    page.goto(f"{page.base_url}/admin/practices/practice/{practice.pk}/change/")

    page.fill("#id_purpose", "Reward **volunteering**.\n\n<script>document.title='owned'</script>")
    preview = page.locator("#id_purpose_preview")
    expect(preview.locator("strong")).to_have_text("volunteering")
    assert preview.locator("script").count() == 0 and page.title() != "owned"

    page.locator("#references-1 .move-up").click()
    expect(page.locator("#id_references-1-position")).to_have_value("0")
    expect(page.locator("#id_references-0-position")).to_have_value("1")
    page.get_by_role("button", name="Add another Reference link").click()
    expect(page.locator("#id_references-2-position")).to_have_value("2")  # the next free one, not 0
    page.fill("#id_references-2-label", "Third")
    page.fill("#id_references-2-url", "https://example.org/3")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert [ref.label for ref in Practice.objects.get(pk=practice.pk).references.all()] == ["Second", "First", "Third"]


@pytest.fixture
def every_form(db):
    """One item of each kind, with long texts and enough children to fold and to overflow a table."""
    references = [(f"{LONG} {n}", f"https://example.org/a/very/long/address/{'segment/' * 12}{n}") for n in range(8)]
    practice = make.practice(LONG, references=references, purpose="**Long** " * 200)
    project = project_make.project(
        "LIAISON", title=LONG, objectives=[LONG] * 3, activities=[(LONG, LONG * 2)] * 6, resources=[(LONG, "")] * 3,
        targets=[(500, "people", LONG)] * 2, partners=[(LONG, None, "coordinator")] * 4, summary=LONG,
    )  # fmt: skip
    course = build.course(LONG, slug="course")
    module = None
    for number in range(7):
        module = build.module(course, f"{LONG} {number}", slug=f"module-{number}")
    question = None
    for number in range(3):
        question = build.question(module, f"{LONG} {number}?", options=[(LONG, True, LONG), (LONG, False, LONG)])
    QuizOption.objects.filter(question=question).update(answer_count=12)
    return {
        "practice": f"/admin/practices/practice/{practice.pk}/change/",
        "project": f"/admin/projects/project/{project.pk}/change/",
        "course": f"/admin/academy/course/{course.pk}/change/",
        "module": f"/admin/academy/module/{module.pk}/change/",
        "quiz question": f"/admin/academy/quizquestion/{question.pk}/change/",
    }


@pytest.mark.parametrize("width", [1280, 375])
def test_every_change_form_fits_the_window_and_passes_axe(signed_in, every_form, axe_violations, width):
    page = signed_in
    page.set_viewport_size({"width": width, "height": 900})
    for kind, path in every_form.items():
        page.goto(page.base_url + path)
        page.wait_for_load_state("networkidle")
        page.evaluate("document.querySelectorAll('details').forEach((folded) => { folded.open = true; })")
        assert fits(page), f"{kind} at {width} px: {page.evaluate('document.documentElement.scrollWidth')} px wide"
        assert axe_violations(page) == [], kind


def test_the_practice_list_keeps_titles_readable(signed_in, axe_violations):
    page = signed_in
    for number in range(3):
        make.practice(f"{LONG} {number}", place="Reggio Emilia", promoter="Municipality")
    page.goto(page.base_url + "/admin/practices/practice/")
    cell = page.locator("#result_list th.field-title, #result_list td.field-title").first
    line = float(cell.evaluate("(element) => parseFloat(getComputedStyle(element).lineHeight) || 16"))
    assert cell.bounding_box()["height"] <= 5 * line  # three lines and the padding; it was ten lines
    assert fits(page)
    assert axe_violations(page) == []
