"""Quizzes anyone can take: right and wrong answers, feedback, counts, refusals; nothing about the learner kept."""

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils.html import escape
from reversion.models import Revision

from academy.models import QuizOption
from tests.academy import builders as build

pytestmark = pytest.mark.django_db
THIS_SITE = "http://testserver"


@pytest.fixture
def client():
    """A learner's browser on the module page: its answers say they come from this site, as browsers do."""
    return Client(headers={"Origin": THIS_SITE})


@pytest.fixture
def quiz():
    course = build.course("The intercultural city step by step: online course", format="online-self-paced")
    module = build.module(course, "Building an intercultural strategy", slug="strategy")
    first = build.question(
        module,
        "Who should lead the intercultural strategy?",
        options=[
            (
                "The mayor's office, across departments",
                True,
                "A strategy needs political leadership across departments.",
            ),
            ("The migrant integration office alone", False, "One office alone cannot change every policy."),
            ("An external consultant", False, ""),
        ],
    )
    second = build.question(module, "Is diversity an advantage?", options=[("Yes", True, ""), ("No", False, "")])
    return {"module": module, "first": first, "second": second, "url": module.get_absolute_url()}


def options(question):
    return {option.text: option for option in QuizOption.objects.filter(question=question)}


def counts():
    return dict(QuizOption.objects.values_list("pk", "answer_count"))


def test_each_question_is_its_own_accessible_form(client, quiz):
    body = client.get(quiz["url"]).content.decode()
    assert body.count('<form method="post"') == 2
    assert body.count("<fieldset>") == 2
    first = quiz["first"]
    assert f'id="question-{first.pk}"' in body
    assert f'action="{quiz["url"]}#question-{first.pk}"' in body
    assert "Who should lead the intercultural strategy?</legend>" in body
    for option in first.options.all():
        assert f'<input type="radio" name="option" id="option-{option.pk}" value="{option.pk}" required>' in body
        assert f'<label for="option-{option.pk}">{escape(option.text)}' in body
    assert "csrfmiddlewaretoken" not in body


def test_a_right_answer_says_so_with_its_feedback_and_counts_once(client, quiz):
    right = options(quiz["first"])["The mayor's office, across departments"]
    before = counts()
    response = client.post(quiz["url"], {"question": quiz["first"].pk, "option": right.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Right: “The mayor&#x27;s office, across departments” is the correct answer." in body
    assert "A strategy needs political leadership across departments." in body
    assert f'id="question-{quiz["first"].pk}-feedback"' in body
    after = counts()
    assert after[right.pk] == before[right.pk] + 1
    assert {pk: n for pk, n in after.items() if pk != right.pk} == {pk: n for pk, n in before.items() if pk != right.pk}


def test_a_wrong_answer_shows_the_correct_option_and_both_feedbacks(client, quiz):
    wrong = options(quiz["first"])["The migrant integration office alone"]
    right = options(quiz["first"])["The mayor's office, across departments"]
    response = client.post(quiz["url"], {"question": quiz["first"].pk, "option": wrong.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Not quite: you chose “The migrant integration office alone”." in body
    assert "The correct answer is “The mayor&#x27;s office, across departments”." in body
    assert "One office alone cannot change every policy." in body  # the chosen option's feedback
    assert "A strategy needs political leadership across departments." in body  # the correct option's
    assert "(your answer)" in body and "(correct answer)" in body
    assert f'id="option-{wrong.pk}" value="{wrong.pk}" required checked>' in body
    wrong.refresh_from_db()
    right.refresh_from_db()
    assert (wrong.answer_count, right.answer_count) == (1, 0)


def test_answering_twice_counts_twice_and_only_that_option(client, quiz):
    yes = options(quiz["second"])["Yes"]
    for _ in range(2):
        client.post(quiz["url"], {"question": quiz["second"].pk, "option": yes.pk})
    yes.refresh_from_db()
    assert yes.answer_count == 2
    assert sum(counts().values()) == 2


def test_anonymous_no_cookie_no_session_no_revision_no_csrf_token_needed(quiz):
    browser = Client(enforce_csrf_checks=True, headers={"Origin": THIS_SITE})
    right = options(quiz["first"])["The mayor's office, across departments"]
    sessions, revisions = Session.objects.count(), Revision.objects.count()
    page = browser.get(quiz["url"])
    response = browser.post(quiz["url"], {"question": quiz["first"].pk, "option": right.pk})
    assert response.status_code == 200
    assert not page.cookies and not response.cookies
    assert "Set-Cookie" not in response.headers
    assert Session.objects.count() == sessions
    assert Revision.objects.count() == revisions


@pytest.mark.parametrize(
    "make_data, message",
    [
        (lambda q: {"question": q["first"].pk}, "Choose an answer, then check it."),
        (lambda q: {"question": q["first"].pk, "option": 10**9}, "not one of this question&#x27;s options"),
        (lambda q: {"question": q["first"].pk, "option": q["second"].options.first().pk},
         "not one of this question&#x27;s options"),
        (lambda q: {"question": q["first"].pk, "option": "1\x00"}, "not one of this page&#x27;s"),
        (lambda q: {"question": "\x00", "option": q["first"].options.first().pk}, "not one of this page&#x27;s"),
        (lambda q: {"question": q["first"].pk, "option": "abc"}, "not one of this page&#x27;s"),
        (lambda q: {"question": q["first"].pk, "option": "99999999999999999999999"}, "not one of this page&#x27;s"),
        (lambda q: {"question": 10**9, "option": q["first"].options.first().pk}, "not one of this module&#x27;s quiz"),
        (lambda q: {"option": q["first"].options.first().pk}, "did not say which question"),
        (lambda q: {}, "did not say which question"),
    ],
)  # fmt: skip
def test_invalid_answers_get_a_clear_400_and_count_nothing(client, quiz, make_data, message):
    before = counts()
    response = client.post(quiz["url"], make_data(quiz))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Your answer could not be checked" in body
    assert message in body
    assert counts() == before


def test_a_question_of_another_module_is_refused(client, quiz):
    other_module = build.module(quiz["module"].course, "Another module")
    other = build.question(other_module, "Elsewhere?")
    before = counts()
    response = client.post(quiz["url"], {"question": other.pk, "option": other.options.first().pk})
    assert response.status_code == 400
    assert counts() == before


def test_unanswerable_questions_are_not_asked(client, quiz):
    build.question(quiz["module"], "Only one option?", options=[("Alone", True, "")])
    build.question(quiz["module"], "No correct option?", options=[("A", False, ""), ("B", False, "")])
    body = client.get(quiz["url"]).content.decode()
    assert "Only one option?" not in body
    assert "No correct option?" not in body
    assert body.count("<fieldset>") == 2


def test_draft_modules_take_no_answers(client, quiz):
    quiz["module"].status = "draft"
    quiz["module"].save()
    right = options(quiz["first"])["The mayor's office, across departments"]
    response = client.post(quiz["url"], {"question": quiz["first"].pk, "option": right.pk})
    assert response.status_code == 404
    assert sum(counts().values()) == 0


def test_the_model_refuses_zero_or_two_correct_options(quiz):
    question = build.question(quiz["module"], "Two wrongs?", options=[("A", False, ""), ("B", False, "")])
    with pytest.raises(ValidationError, match="exactly one correct option; this one has 0"):
        question.full_clean()
    quiz["first"].full_clean()  # exactly one: fine
    second_correct = QuizOption(question=quiz["first"], text="Also right", is_correct=True, position=9)
    with pytest.raises(ValidationError, match="only one correct option"):
        second_correct.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        second_correct.save()


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://elsewhere.example"},
        {"Origin": "null"},
        {"Referer": "https://elsewhere.example/page"},
        {},
    ],
)
def test_an_answer_from_another_site_or_from_nowhere_is_refused_and_not_counted(quiz, headers):
    right = options(quiz["first"])["The mayor's office, across departments"]
    before = counts()
    response = Client(headers=headers).post(quiz["url"], {"question": quiz["first"].pk, "option": right.pk})
    assert response.status_code == 403
    assert counts() == before


def test_an_answer_from_a_page_of_this_site_without_origin_is_taken(quiz):
    right = options(quiz["first"])["The mayor's office, across departments"]
    browser = Client(headers={"Referer": f"{THIS_SITE}{quiz['url']}"})
    assert browser.post(quiz["url"], {"question": quiz["first"].pk, "option": right.pk}).status_code == 200
    assert counts()[right.pk] == 1


def test_one_address_answering_too_often_is_told_to_wait_and_counts_no_more(client, quiz, shared_cache, settings):
    settings.QUIZ_ANSWERS_PER_CLIENT = 3
    right = options(quiz["first"])["The mayor's office, across departments"]
    answer = {"question": quiz["first"].pk, "option": right.pk}
    for _ in range(3):
        assert client.post(quiz["url"], answer).status_code == 200
    refused = client.post(quiz["url"], answer)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= settings.QUIZ_ANSWERS_WINDOW_SECONDS
    assert "many answers from your address" in refused.content.decode()
    assert counts()[right.pk] == 3
    other_learner = Client(headers={"Origin": THIS_SITE}, REMOTE_ADDR="192.0.2.7")
    assert other_learner.post(quiz["url"], answer).status_code == 200
