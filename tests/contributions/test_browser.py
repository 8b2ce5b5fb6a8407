"""The whole round in real Chromium: a contributor signs in by the e-mailed link and proposes a practice,
an editor asks for changes on one field, the contributor answers and resends, the editor accepts, and
the practice is public and found by search; each step's e-mail is in the outbox. Axe on every page."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from contributions.models import State, Submission
from tests import factories as make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def vocabulary():
    make.theme("ensuring-equality", "Ensuring equality", 1)
    make.country("ES", "Spain")
    make.area("education", "Education")
    make.area("public-space", "Public space")
    make.practice_type("project", "Project")


def emails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def link_in(message):
    return re.search(r"https?://\S+/contribute/sign-in/(?:link|invitation)/\?\S+", message.body).group(0)


def sign_in_by_link(page, email):
    page.goto(page.base_url + "/contribute/")
    page.get_by_role("link", name="Sign in with your e-mail address").click()
    page.get_by_label("Your e-mail address").fill(email)
    page.get_by_role("button", name="Send me a sign-in link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    page.goto(link_in(emails_to(email)[-1]))
    page.get_by_role("button", name=f"Sign in as {email}").click()
    expect(page.get_by_text(f"You are signed in as {email}.")).to_be_visible()


def fill_template(page):
    page.get_by_label("Title of the practice").fill("Neighbourhood welcome circles")
    page.get_by_label("Theme", exact=True).select_option(label="Ensuring equality")
    page.get_by_label("Country", exact=True).select_option(label="Spain")
    page.get_by_label("City or region", exact=True).fill("Bilbao")
    page.get_by_label("Level of government").select_option(label="Local")
    page.get_by_role("group", name="Areas of intervention").get_by_label("Education").check()
    page.get_by_role("group", name="Type of practice").get_by_label("Project").check()
    page.get_by_label("Duration, as you would say it").fill("Since September 2019")
    page.get_by_label("Start month", exact=True).fill("2019-09")
    page.get_by_label("The practice is still running").check()
    page.get_by_label("Purpose", exact=True).fill("Newcomers meet their neighbours in small circles of quokka lovers.")
    page.get_by_label("Stimulus and rationale").fill("People who arrive know nobody.")
    page.get_by_label("Process", exact=True).fill("Volunteers host a circle each month.")
    page.get_by_label("Impact and outcomes", exact=True).fill("300 newcomers took part.")
    page.get_by_label("Label of reference 1").fill("Annual report")
    page.get_by_label("Web address of reference 1").fill("https://bilbao.example/report.pdf")
    page.get_by_label("Contact person", exact=True).fill("Miren Etxeberria")
    page.get_by_label("Organisation", exact=True).fill("Bilbao City Council")
    page.get_by_label("Contact e-mail address").fill("miren@bilbao.example")
    page.get_by_label(re.compile("The organisation agrees that the Council of Europe publishes")).check()


def sign_in_to_admin(page, username, password, next_path):
    page.goto(f"{page.base_url}/admin/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_a_practice_goes_from_contributor_to_public_through_review(
    browser, page, live_server, vocabulary, contributor, editor
):
    contributor_tab = page
    sign_in_by_link(contributor_tab, "contributor@example.org")
    expect(contributor_tab.get_by_text("You have not proposed a practice yet.")).to_be_visible()
    assert len(emails_to("contributor@example.org")) == 1  # the link

    own_menu = contributor_tab.get_by_role("navigation", name="Your contributions")
    own_menu.get_by_role("link", name="Propose a practice").click()
    fill_template(contributor_tab)
    contributor_tab.get_by_role("button", name="Send for review").click()
    expect(contributor_tab.get_by_text("Sent for review. The editors will write to you")).to_be_visible()
    submission = Submission.objects.get()
    assert submission.state == State.SUBMITTED
    receipt = emails_to("contributor@example.org")[-1]
    assert receipt.subject == "We received “Neighbourhood welcome circles”"
    assert [m.subject for m in emails_to("editor@example.org")] == [
        "A practice to review: “Neighbourhood welcome circles” (Spain)"
    ]

    # The editor, in a browser of their own, finds it in the queue and asks for changes on one field.
    editor_context = browser.new_context(viewport={"width": 1280, "height": 900})
    editor_tab = editor_context.new_page()
    editor_tab.set_default_timeout(15_000)
    editor_tab.base_url = live_server.url
    sign_in_to_admin(editor_tab, "editor", "an editor's password", "/admin/contributions/submission/")
    editor_tab.get_by_role("link", name="Submitted").click()
    editor_tab.get_by_role("link", name="Neighbourhood welcome circles").click()
    editor_tab.get_by_role("button", name="Start the review").click()
    expect(editor_tab.get_by_text("You are reviewing this submission")).to_be_visible()
    editor_tab.get_by_text("Comment on impact and outcomes").click()
    editor_tab.get_by_label("Comment on “impact and outcomes”").fill("Give the figures by year, please.")
    editor_tab.get_by_role("button", name="Request changes").click()
    expect(editor_tab.get_by_text("Changes requested: the contributor is told")).to_be_visible()
    subjects = [m.subject for m in emails_to("contributor@example.org")]
    assert subjects[-2:] == [
        "An editor is reviewing “Neighbourhood welcome circles”",
        "Changes requested for “Neighbourhood welcome circles”",
    ]
    assert "Give the figures by year, please." in emails_to("contributor@example.org")[-1].body

    # The contributor sees the comment beside the field, answers it, changes the field and resends.
    contributor_tab.goto(contributor_tab.base_url + "/contribute/mine/")
    expect(contributor_tab.locator(".submission", has_text="Changes requested")).to_be_visible()
    contributor_tab.get_by_role("link", name=re.compile("^Answer and change it")).click()
    comment = contributor_tab.locator(".review-comment", has_text="Give the figures by year, please.")
    expect(comment).to_be_visible()
    impact_box = contributor_tab.get_by_label("Impact and outcomes", exact=True).bounding_box()
    assert comment.bounding_box()["y"] > impact_box["y"]  # beside the field it concerns
    contributor_tab.get_by_label("Impact and outcomes", exact=True).fill("2020: 120 newcomers. 2021: 180 newcomers.")
    comment.get_by_label(re.compile("^Your answer")).fill("Done: the figures are by year now.")
    contributor_tab.get_by_role("button", name="Send for review").click()
    expect(contributor_tab.get_by_text("Sent for review. The editors will write to you")).to_be_visible()
    assert emails_to("editor@example.org")[-1].subject == "Changes to review: “Neighbourhood welcome circles” (Spain)"

    # The editor sees what changed and the answer, and accepts.
    editor_tab.reload()
    editor_tab.screenshot(path=ARTIFACTS / "contribute-review-1280.png", full_page=True)
    expect(editor_tab.locator("#field-impact del")).to_have_text("300 newcomers took part.")
    expect(editor_tab.locator("#field-impact ins")).to_have_text("2020: 120 newcomers. 2021: 180 newcomers.")
    expect(editor_tab.get_by_text("Done: the figures are by year now.")).to_be_visible()
    editor_tab.get_by_role("button", name="Start the review").click()
    editor_tab.get_by_role("button", name="Accept and publish").click()
    expect(editor_tab.get_by_text(re.compile("Accepted: .* is published"))).to_be_visible()
    accepted = emails_to("contributor@example.org")[-1]
    assert accepted.subject == "“Neighbourhood welcome circles” is accepted"
    editor_context.close()

    # Anyone finds it by search and reads who contributed it.
    reader_context = browser.new_context(viewport={"width": 1280, "height": 900})
    reader = reader_context.new_page()
    reader.goto(live_server.url + "/practices/?q=quokka")
    expect(reader.locator("#results-count")).to_have_text(re.compile(r"^1 practice "))
    reader.get_by_role("link", name="Neighbourhood welcome circles").click()
    month = timezone.localtime(Submission.objects.get().transitions.get(to_state=State.ACCEPTED).at).strftime("%B %Y")
    expect(reader.get_by_text(f"Contributed by Bilbao City Council; last reviewed {month}")).to_be_visible()
    assert reader.url.split("?")[0] in accepted.body  # the e-mail links to this page
    reader_context.close()
    assert len(mail.outbox) == 9  # link, 2 on sending, in review, changes, 2 on resending, in review, accepted


@pytest.mark.parametrize("width", [375, 1280])
def test_every_contributor_page_fits_and_passes_axe(page, vocabulary, contributor, editor, axe_violations, width):
    page.set_viewport_size({"width": width, "height": 900})
    ARTIFACTS.mkdir(exist_ok=True)

    def check(name):
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
        page.screenshot(path=ARTIFACTS / f"contribute-{name}-{width}.png", full_page=True)
        assert axe_violations(page) == [], name

    page.goto(page.base_url + "/contribute/")
    check("landing")
    page.goto(page.base_url + "/contribute/sign-in/")
    check("sign-in")
    page.get_by_label("Your e-mail address").fill("not an address")
    page.get_by_role("button", name="Send me a sign-in link").click()
    check("sign-in-error")
    page.goto(page.base_url + "/contribute/sign-in/link/?sesame=expired")
    check("link-invalid")
    page.goto(page.base_url + "/contribute/sign-in/")
    page.get_by_label("Your e-mail address").fill("contributor@example.org")
    page.get_by_role("button", name="Send me a sign-in link").click()
    check("link-sent")
    page.goto(link_in(emails_to("contributor@example.org")[-1]))
    check("link")
    page.get_by_role("button", name="Sign in as contributor@example.org").click()
    check("mine-empty")

    page.goto(page.base_url + "/contribute/new/")
    check("new")
    page.get_by_label("Title of the practice").fill("Half an idea")
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_role("alert")).to_contain_text("cannot be sent for review yet")
    check("form-errors")
    fill_template(page)
    page.get_by_role("button", name="Send for review").click()
    check("detail")
    submission = Submission.objects.get()
    from contributions import services

    services.start_review(submission, editor)
    services.add_comments(submission, editor, [("impact", "Figures by year?"), ("", "A fine practice.")])
    services.request_changes(submission, editor, "Nearly there.")
    page.goto(page.base_url + "/contribute/mine/")
    check("mine")
    page.goto(page.base_url + f"/contribute/{submission.pk}/")
    check("detail-changes-requested")
    page.goto(page.base_url + f"/contribute/{submission.pk}/edit/")
    check("edit-with-comments")
    page.goto(page.base_url + "/contribute/sign-out/")
    check("sign-out")
    page.get_by_role("button", name="Sign out").click()
    page.goto(page.base_url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("an editor's password")
    page.get_by_role("button", name="Log in").click()
    page.goto(page.base_url + "/contribute/new/")
    check("not-a-contributor")


def test_everything_works_without_javascript(browser, live_server, vocabulary, contributor, editor):
    def tab_without_scripts():
        context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        tab = context.new_page()
        tab.base_url = live_server.url
        return context, tab

    contributor_context, contributor_tab = tab_without_scripts()
    sign_in_by_link(contributor_tab, "contributor@example.org")
    contributor_tab.goto(contributor_tab.base_url + "/contribute/new/")
    contributor_tab.get_by_label("Title of the practice").fill("Half an idea")
    contributor_tab.get_by_role("button", name="Save draft").click()
    expect(contributor_tab.get_by_text("Your draft is saved.")).to_be_visible()
    fill_template(contributor_tab)
    contributor_tab.get_by_role("button", name="Send for review").click()
    expect(contributor_tab.get_by_text("Sent for review. The editors will write to you")).to_be_visible()

    editor_context, editor_tab = tab_without_scripts()
    sign_in_to_admin(editor_tab, "editor", "an editor's password", "/admin/contributions/submission/")
    editor_tab.get_by_role("link", name="Neighbourhood welcome circles").click()
    editor_tab.get_by_role("button", name="Start the review").click()
    editor_tab.get_by_text("Comment on title").click()  # <details> opens without script
    editor_tab.get_by_label("Comment on “title”").fill("A shorter title?")
    editor_tab.get_by_role("button", name="Request changes").click()
    expect(editor_tab.get_by_text("Changes requested: the contributor is told")).to_be_visible()

    contributor_tab.goto(contributor_tab.base_url + f"/contribute/{Submission.objects.get().pk}/edit/")
    contributor_tab.get_by_label("Title of the practice").fill("Welcome circles")
    contributor_tab.get_by_label(re.compile("^Your answer")).fill("Shorter now.")
    contributor_tab.get_by_role("button", name="Send for review").click()
    expect(contributor_tab.get_by_text("Sent for review. The editors will write to you")).to_be_visible()
    submission = Submission.objects.get()
    assert (submission.title, submission.state, submission.comments.get().answer) == (
        "Welcome circles", State.SUBMITTED, "Shorter now.",
    )  # fmt: skip
    contributor_context.close()
    editor_context.close()
