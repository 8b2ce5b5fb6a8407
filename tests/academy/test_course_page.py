"""/academy/<course>/: the course's texts and facts, its programme day by day, core and elective told apart."""

import re

import pytest

from tests.academy import builders as build

pytestmark = pytest.mark.django_db


@pytest.fixture
def academy():
    course = build.course(
        "Intercultural Integration Academy", slug="intercultural-integration-academy", length="5 days",
        summary="A 5 days intensive and immersive programme.", rationale="Cities need to appropriate *tools*.",
        audience="- The Mayor;\n- key NGO representatives", electives_heading="Days 4 and 5: focus on specific areas",
        electives_introduction="Choosing among different modules … and many more.",
    )  # fmt: skip
    build.module(course, "Introduction and discussion with stakeholders", day=1, position=1,
                 summary="The first day will be the occasion to review background researches.")  # fmt: skip
    build.module(course, "Cultural competence training", day=2, position=2)
    build.module(course, "Intercultural messaging and communication", day=3, position=3)
    build.module(course, "Anti-rumour Strategy", kind="elective", position=4)
    build.module(course, "Diversity in business", kind="elective", position=5)
    build.module(course, "An unpublished elective", kind="elective", position=6, status="draft")
    return course


def text_of(body):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_shows_the_texts_and_facts(client, academy):
    response = client.get(academy.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    for text in ["<h1>Intercultural Integration Academy</h1>", "A 5 days intensive and immersive programme.",
                 "Cities need to appropriate <em>tools</em>.", "Who should take part",
                 "<li>The Mayor;</li>", "<dt>Length</dt><dd>5 days</dd>", "In-person intensive"]:  # fmt: skip
        assert text in body, text
    # Not stated, not shown.
    assert "<dt>Cost</dt>" not in body and "<dt>Certificate</dt>" not in body


def test_the_programme_goes_day_by_day_then_the_electives(client, academy):
    response = client.get(academy.get_absolute_url())
    text = text_of(response.content.decode())
    order = [
        "Programme", "Day 1", "Introduction and discussion with stakeholders", "Core module",
        "The first day will be the occasion", "Day 2", "Cultural competence training", "Day 3",
        "Intercultural messaging and communication", "Days 4 and 5: focus on specific areas",
        "Choosing among different modules … and many more.", "Elective modules", "Anti-rumour Strategy",
        "Elective module ", "Diversity in business",
    ]  # fmt: skip
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions), text
    assert text.count("Core module") == 3
    assert len(re.findall(r"Elective module\b", text)) == 2
    assert "An unpublished elective" not in text
    programme = response.context["programme"]
    assert [day for day, _ in programme.days] == [1, 2, 3]
    assert [module.title for module in programme.electives] == ["Anti-rumour Strategy", "Diversity in business"]


def test_an_online_course_without_modules_shows_no_programme_and_no_placeholder(client):
    online = build.course("Online course", format="online-self-paced", cost="Free",
                          certificate="No certificate of completion", anonymity="Anonymous",
                          quiz_instructions="In each quiz there is one correct answer.")  # fmt: skip
    body = client.get(online.get_absolute_url()).content.decode()
    assert "being added" not in body and 'id="programme"' not in body
    assert "<dt>Cost</dt><dd>Free</dd>" in body
    assert "<dt>Certificate</dt><dd>No certificate of completion</dd>" in body
    assert "<dt>Anonymity</dt><dd>Anonymous</dd>" in body
    assert "In each quiz there is one correct answer." in body


def test_an_online_course_lists_its_modules_in_order(client):
    online = build.course("Online course", format="online-self-paced")
    build.module(online, "Second", position=2)
    build.module(online, "First", position=1)
    response = client.get(online.get_absolute_url())
    assert [module.title for module in response.context["programme"].undated] == ["First", "Second"]
    assert "being added" not in response.content.decode()


def test_drafts_are_hidden_from_readers_and_shown_to_editors(client, editor, academy):
    academy.status = "draft"
    academy.save()
    assert client.get(academy.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(academy.get_absolute_url())
    assert response.status_code == 200
    assert "Draft: not public" in response.content.decode()


def test_an_unknown_course_is_a_404(client):
    assert client.get("/academy/no-such-course/").status_code == 404


@pytest.mark.parametrize("modules", [1, 5])
def test_query_count_does_not_grow_with_modules(client, django_assert_num_queries, modules):
    course = build.course("Academy")
    for day in range(1, modules + 1):
        build.module(course, day=day, tags=["anti-rumours"])
        build.module(course, kind="elective")
    with django_assert_num_queries(2):  # the course, its published modules
        response = client.get(course.get_absolute_url())
    assert len(response.context["programme"].electives) == modules
