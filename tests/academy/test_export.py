"""/academy/export.csv: the modules of the listed courses, every row, one streamed query, exact bytes."""

import pytest
from django.urls import reverse

from tests import factories as make
from tests.academy import builders as build
from tests.exports import read

EXPORT = reverse("academy:export")

pytestmark = pytest.mark.django_db


def test_exact_bytes_of_a_small_export(client):
    academy = build.course("Intercultural Integration Academy", slug="intercultural-integration-academy")
    module = build.module(
        academy, "Anti-rumour Strategy", slug="anti-rumour-strategy", kind="elective", duration_minutes=90,
        summary="Fight *rumours*, with agents.", guide_section="Chapter 3, Narratives",
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
        areas=[make.area("public-space", "Public space"), make.area("education", "Education")],
        tags=["anti-rumours", "youth"],
    )  # fmt: skip
    build.question(module, "What is a rumour?", position=1)
    build.question(module, "Who spreads rumours?", position=2)
    build.question(module, "Unanswerable (one option)", options=[("Only", True, "")], position=3)
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="academy-modules-')
    expected = (
        "\ufeffcourse,course_format,module,url,day,kind,duration_minutes,summary,guide_section,video_url,areas,tags,"
        "questions\n"
        "Intercultural Integration Academy,in-person-intensive,Anti-rumour Strategy,"
        "http://testserver/academy/intercultural-integration-academy/anti-rumour-strategy/,,elective,90,"
        '"Fight *rumours*, with agents.","Chapter 3, Narratives",https://www.youtube.com/watch?v=abcdefghijk,'
        "Education; Public space,anti-rumours; youth,What is a rumour?; Who spreads rumours?\n"
    )
    assert b"".join(response.streaming_content) == expected.encode("utf-8")


def test_formulas_in_any_cell_read_back_with_a_leading_quote(client):
    course = build.course("=HYPERLINK(1)")
    module = build.module(course, "+1+2", summary="@SUM(A1)", guide_section="-3")
    build.question(module, "=1+1?")
    [row] = read(client.get(EXPORT))
    assert row["course"] == "'=HYPERLINK(1)"
    assert row["module"] == "'+1+2"
    assert row["summary"] == "'@SUM(A1)"
    assert row["guide_section"] == "'-3"
    assert row["questions"] == "'=1+1?"


def test_modules_of_the_matching_published_courses_only_all_rows(client):
    area = make.area("business-and-employment", "Business and employment")
    academy = build.course("Academy", format="in-person-intensive")
    for number in range(25):
        build.module(academy, f"Module {number:02d}", position=number, areas=[area] if number == 0 else [])
    build.module(academy, "Draft module", status="draft")
    online = build.course("Online", format="online-self-paced")
    build.module(online, "Online module")
    draft_course = build.course("Draft course", status="draft")
    build.module(draft_course, "Module of a draft course")

    rows = read(client.get(EXPORT, {"format": "in-person-intensive", "page": 2}))
    assert [row["module"] for row in rows] == [f"Module {number:02d}" for number in range(25)]
    everything = read(client.get(EXPORT))
    assert len(everything) == 26
    assert {row["course"] for row in everything} == {"Academy", "Online"}
    # area filters courses (those with a published module in it): the export has all their modules
    assert len(read(client.get(EXPORT, {"area": "business-and-employment"}))) == 25


def test_bad_parameters_get_a_plain_text_400(client):
    response = client.get(EXPORT, {"format": "evening-class", "area": "astrology"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Unknown format “evening-class”." in body
    assert "Unknown area “astrology”." in body


@pytest.mark.parametrize("count", [1, 5])
def test_one_query_whatever_the_number_of_modules_and_questions(client, django_assert_num_queries, count):
    area = make.area("education", "Education")
    course = build.course("Academy")
    for _ in range(count):
        module = build.module(course, areas=[area], tags=["anti-rumours"])
        for _ in range(count):
            build.question(module)
    # The content generation (the whole list is kept per generation), then one streamed COPY
    # between raising the time limit for exports and restoring it; then the kept file alone.
    with django_assert_num_queries(4):
        rows = read(client.get(EXPORT))
    with django_assert_num_queries(1):
        assert read(client.get(EXPORT)) == rows
    assert len(rows) == count
    assert {len(row["questions"].split("; ")) for row in rows} == {count}
    # validating the area, counting the filtered export twice, then the streamed COPY and its time limit
    with django_assert_num_queries(6):
        assert len(read(client.get(EXPORT, {"area": "education"}))) == count
