"""A learner in real headless Chromium: a quiz by keyboard alone, a video that loads only when asked, axe."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from academy.models import QuizOption
from tests import factories as make
from tests.academy import builders as build
from tests.keyboard import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LOCAL_HOSTS = {"localhost", "127.0.0.1"}


@pytest.fixture
def academy():
    narratives = make.area("inclusive-and-alternative-narratives-and-communication",
                           "Inclusive and alternative narratives and communication")  # fmt: skip
    course = build.course(
        "Intercultural Integration Academy", slug="intercultural-integration-academy", length="5 days",
        audience="- The Mayor and members of his/her cabinet;\n- key policy officers",
        electives_heading="Days 4 and 5: focus on specific areas (chosen by the city according to their needs)",
        electives_introduction="Choosing among different modules covering topics as Anti-rumour Strategy and many more.",
        quiz_instructions="In each quiz there is one correct answer.",
    )  # fmt: skip
    build.module(course, "Introduction and discussion with stakeholders", day=1, position=1,
                 summary="The first day will be the occasion to review background researches.")  # fmt: skip
    module = build.module(
        course, "Anti-rumour Strategy", slug="anti-rumour-strategy", kind="elective", position=4,
        areas=[narratives], tags=["anti-rumours"], summary="Rumours feed prejudice.",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", guide_section="Step 4: communication",
    )  # fmt: skip
    question = build.question(
        module, "What does an anti-rumour strategy do first?",
        options=[
            ("Collect the rumours that hurt coexistence most", True, "Yes: it starts from what people actually hear."),
            ("Publish statistics", False, "Figures alone rarely change a rumour."),
            ("Ban rumours", False, ""),
        ],
    )  # fmt: skip
    make.practice("Anti-rumours strategy", place="Bilbao", tags=["anti-rumours"], areas=[narratives])
    build.course("The intercultural city step by step: online course", slug="online", format="online-self-paced",
                 cost="Free")  # fmt: skip
    return {"course": course, "module": module, "question": question}


def test_answer_a_quiz_question_with_the_keyboard_only(page, academy):
    question = academy["question"]
    first, second, _ = question.options.all()
    page.goto(page.base_url + academy["module"].get_absolute_url())
    tab_to(page, f"#option-{first.pk}")
    page.keyboard.press("ArrowDown")  # moves to, and chooses, the second option
    expect(page.locator(f"#option-{second.pk}")).to_be_checked()
    expect(page.locator(f"#option-{second.pk}")).to_be_focused()
    page.keyboard.press("Tab")  # to this question's submit button
    expect(page.get_by_role("button", name=re.compile("Check my answer"))).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"#question-{question.pk}$"))

    # Focus is on the question answered, which is described by its feedback.
    expect(page.locator(f"#question-{question.pk}")).to_be_focused()
    expect(page.locator(f"#question-{question.pk}")).to_have_attribute(
        "aria-describedby", f"question-{question.pk}-feedback"
    )
    feedback = page.locator(f"#question-{question.pk}-feedback")
    expect(feedback).to_be_visible()
    expect(feedback).to_contain_text("Not quite: you chose “Publish statistics”.")
    expect(feedback).to_contain_text("The correct answer is “Collect the rumours that hurt coexistence most”.")
    expect(feedback).to_contain_text("Figures alone rarely change a rumour.")
    expect(feedback).to_contain_text("Yes: it starts from what people actually hear.")
    assert QuizOption.objects.get(pk=second.pk).answer_count == 1

    # Try again, choosing with Space this time.
    tab_to(page, f"#option-{second.pk}")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    expect(page.locator(f"#option-{first.pk}")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # Space activates the submit button too
    expect(page.locator(f"#question-{question.pk}-feedback")).to_contain_text("Right:")
    assert QuizOption.objects.get(pk=first.pk).answer_count == 1


def test_nothing_leaves_the_site_before_the_video_is_asked_for(page, academy):
    hosts = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).hostname))
    page.goto(page.base_url + academy["module"].get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert hosts and set(hosts) <= LOCAL_HOSTS, hosts
    assert page.locator("iframe").count() == 0

    link = page.get_by_role("link", name="Play the video (loads from www.youtube-nocookie.com)")
    with page.expect_request(re.compile(r"^https://www\.youtube-nocookie\.com/embed/dQw4w9WgXcQ")):
        link.click()
    frame = page.locator("iframe.video__frame")
    expect(frame).to_have_attribute("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    expect(frame).to_have_attribute("title", "Video: Anti-rumour Strategy")
    assert "www.youtube-nocookie.com" in hosts


def test_without_javascript_the_video_is_a_plain_link(browser, live_server, academy):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(live_server.url + academy["module"].get_absolute_url())
        link = tab.get_by_role("link", name=re.compile("Play the video"))
        assert link.get_attribute("href") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
        assert tab.locator("iframe").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_pages_fit_the_screen_and_pass_axe(page, academy, axe_violations, width):
    page.set_viewport_size({"width": width, "height": 900})
    ARTIFACTS.mkdir(exist_ok=True)
    module_url = academy["module"].get_absolute_url()
    checked = {
        "list": "/academy/",
        "list-filtered": "/academy/?area=inclusive-and-alternative-narratives-and-communication",
        "list-error": "/academy/?format=evening-class",
        "course": academy["course"].get_absolute_url(),
        "online-course": "/academy/online/",
        "module": module_url,
    }
    for name, path in checked.items():
        page.goto(page.base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways"
        page.screenshot(path=ARTIFACTS / f"academy-{name}-{width}.png", full_page=True)
        assert axe_violations(page) == [], name
    # After an answer, with the feedback shown.
    page.goto(page.base_url + module_url)
    question = academy["question"]
    page.locator(f"label[for=option-{question.options.last().pk}]").click()
    page.get_by_role("button", name=re.compile("Check my answer")).click()
    expect(page.locator(f"#question-{question.pk}-feedback")).to_be_visible()
    page.screenshot(path=ARTIFACTS / f"academy-module-answered-{width}.png", full_page=True)
    assert axe_violations(page) == [], "module after an answer"
