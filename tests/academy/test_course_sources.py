"""academy/course_sources.py: what the two source documents say, read without a database."""

import dataclasses

import pytest

from academy.course_sources import (
    ACADEMY_SOURCE,
    ONLINE_COURSE_SOURCE,
    SourceFormatError,
    load_sources,
    parse_academy,
    parse_online_course,
)


@pytest.fixture(scope="module")
def courses():
    academy, online = load_sources()
    return academy, online


def every_text(course):
    values = [value for value in dataclasses.asdict(course).values() if isinstance(value, str)]
    for module in course.modules:
        values += [value for value in dataclasses.asdict(module).values() if isinstance(value, str)]
    return "\n".join(values)


def test_the_academy_programme_days_one_to_three_are_core(courses):
    academy, _ = courses
    core = [(m.day, m.kind, m.title) for m in academy.modules if m.kind == "core"]
    assert core == [
        (1, "core", "Introduction and discussion with stakeholders"),
        (2, "core", "Cultural competence training"),
        (3, "core", "Intercultural messaging and communication"),
    ]
    day_one, day_two, day_three = academy.modules[:3]
    assert day_one.summary == (
        "The first day will be the occasion to review background researches and international legal instruments "
        "underpinning the Intercultural Integration concept. This will also allow a general discussion with "
        "stakeholders focusing on city’s expectations and objectives for participating to the programme, perceived "
        "strengths and weaknesses of the city, successful outcomes and particular needs. Stakeholders will also be "
        "presented with services and activities cities can benefit from."
    )
    # The source describes only Day 1.
    assert day_two.summary == "" and day_three.summary == ""


def test_the_five_electives_are_offered_for_days_four_and_five(courses):
    academy, _ = courses
    electives = [m for m in academy.modules if m.kind == "elective"]
    assert [m.title for m in electives] == [
        "Anti-rumour Strategy",
        "Diversity in business",
        "Community Development",
        "Cultural Heritage Participatory Mapping",
        "Community-Based Results Accountability",
    ]
    assert {m.day for m in electives} == {None}
    assert [m.position for m in academy.modules] == list(range(1, 9))
    assert (
        academy.electives_heading
        == "Days 4 and 5: focus on specific areas (chosen by the city according to their needs)"
    )
    # "and many more" stays a sentence of the text, not an invented module.
    assert academy.electives_introduction.endswith("Community-Based Results Accountability and many more.")
    assert academy.electives_introduction.startswith("During 10 years of activity")
    assert not any("many more" in m.title.lower() for m in academy.modules)


def test_the_academy_rationale_audience_and_facts(courses):
    academy, _ = courses
    paragraphs = academy.rationale.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Intercultural Cities offers to its member a comprehensive range")
    assert paragraphs[2].startswith("In order to help build knowledge and capacity in cities rapidly")
    assert academy.audience.startswith("- The Mayor and members of his/her cabinet")
    assert academy.audience.count("\n- ") == 7
    assert "- communication officers and officials in charge of media and public relations" in academy.audience
    assert academy.format == "in-person-intensive"
    assert academy.length == "5 days"
    # The source says nothing of cost, certificate or anonymity: left empty.
    assert (academy.cost, academy.certificate, academy.anonymity) == ("", "", "")


def test_the_online_course_says_what_the_landing_page_says_and_names_no_module(courses):
    _, online = courses
    assert online.format == "online-self-paced"
    assert online.length == "30 to 120 minutes per module"
    assert (online.cost, online.certificate, online.anonymity) == ("Free", "No certificate of completion", "Anonymous")
    assert online.summary.startswith("Welcome to the online training on the guide the Intercultural City step-by-step!")
    assert online.rationale.startswith("The course is a tool for assisting cities in implementing")
    assert online.audience.startswith("It is intended primarily for cities with a significant level of diversity")
    assert online.quiz_instructions == (
        "In each quiz there is one correct answer. Please choose the answer option which you find best corresponds "
        "to the question. All participants will receive the correct answers and feedback after each question."
    )
    assert "All modules include a video by Carla Calado (ICC expert)" in online.practical_notes
    assert "In each quiz" not in online.practical_notes
    assert list(online.modules) == []


def test_page_noise_is_not_data(courses):
    for course in courses:
        assert "Social media" not in every_text(course)
        assert "\u00a0" not in every_text(course)


def test_the_parsers_read_only_the_copies_kept_in_the_project():
    assert "fixtures/sources" in str(ACADEMY_SOURCE)
    assert "fixtures/sources" in str(ONLINE_COURSE_SOURCE)


def test_a_source_that_changed_shape_is_refused_not_half_read():
    text = ACADEMY_SOURCE.read_text(encoding="utf-8")
    with pytest.raises(SourceFormatError):
        parse_academy(text.replace("Participants", "Who comes"))
    with pytest.raises(SourceFormatError):
        parse_academy(text.replace("and many more.", "."))
    online = ONLINE_COURSE_SOURCE.read_text(encoding="utf-8")
    with pytest.raises(SourceFormatError):
        parse_online_course(online.replace("Why take this course?", "Why?"))
    with pytest.raises(SourceFormatError):
        parse_online_course(online.replace("participation is free", "participation costs 10 euros"))
