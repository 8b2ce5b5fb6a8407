"""/projects/export.csv: the same filtering as the page, every row, one streamed query, exact bytes."""

import re

import pytest
from django.urls import reverse

from editorial.models import PublicationStatus
from projects.models import ImpactTarget
from tests import factories as base
from tests.exports import read
from tests.projects import factories as make

EXPORT = reverse("projects:export")

pytestmark = pytest.mark.django_db


def test_exact_bytes_of_a_small_export(client):
    migration, dialogue = make.category("migration", "Migration"), make.category("dialogue", "Intercultural Dialogue")
    liaison = make.project(
        "LIAISON", title="Mutual Learning", slug="liaison", categories=[migration, dialogue],
        areas=[base.area("intercultural-dialogue", "Intercultural dialogue"), base.area("education", "Education")],
        programme=make.programme(), start=make.day(2020, 2, 3), end=make.day(2022, 4, 2),
        objectives=["To promote understanding.", "To build capacity, together."],
        activities=[("Participatory study", "a study; with focus groups"), ("Fairs", "")],
        resources=[("Skill maps", ""), ("LIAISON VLOG", "https://example.org/vlog")],
        targets=[(500, "community members", "At least 500 community members reached")],
        partners=[("CESIE", base.country("IT", "Italy"), "coordinator"), ("A partner", None, "")],
        contact_email="daria.labarbera@cesie.org", website="https://www.liaison-connects.eu/",
    )  # fmt: skip
    ImpactTarget.objects.filter(project=liaison).update(achieved=612)
    make.project("ZETA", title='Later, "quoted"', slug="zeta", start=make.day(2098, 1, 1), end=make.day(2099, 6, 30))
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="projects-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"])
    expected = (
        "\ufeffacronym,title,url,start,end,status,programme,categories,areas,objectives,activities,resources,"
        "impact_targets,partners,contact_email,website\n"
        "LIAISON,Mutual Learning,http://testserver/projects/liaison/,2020-02-03,2022-04-02,finished,"
        "REC-RACI action grant (DG JUST),Intercultural Dialogue; Migration,Education; Intercultural dialogue,"
        '"To promote understanding.; To build capacity, together.",'
        "Participatory study: a study; with focus groups; Fairs,"
        "Skill maps; LIAISON VLOG (https://example.org/vlog),"
        "At least 500 community members reached (achieved: 612),"
        '"CESIE, Italy, coordinator; A partner",'
        "daria.labarbera@cesie.org,https://www.liaison-connects.eu/\n"
        'ZETA,"Later, ""quoted""",http://testserver/projects/zeta/,2098-01-01,2099-06-30,not started,,,,,,,,,,\n'
    )
    assert b"".join(response.streaming_content) == expected.encode("utf-8")


def test_formulas_in_any_cell_read_back_with_a_leading_quote(client):
    make.project(
        "=1+2", title='=1+2";=1+2', objectives=["=1+2'\" ;,=1+2"], activities=[("@SUM(A1)", "")],
        resources=[("-2+3", "")], targets=[(5, "people", "+5 people")], contact_email="a@example.org",
    )  # fmt: skip
    [row] = read(client.get(EXPORT))
    assert row["acronym"] == "'=1+2"
    assert row["title"] == "'=1+2\";=1+2"
    assert row["objectives"] == "'=1+2'\" ;,=1+2"
    assert row["activities"] == "'@SUM(A1)"
    assert row["resources"] == "'-2+3"
    assert row["impact_targets"] == "'+5 people"


def test_the_export_applies_the_pages_filters_and_order_to_every_row(client):
    migration = make.category("migration", "Migration")
    for number in range(25):  # more than a page
        make.project(f"M{number:02d}", categories=[migration], start=make.day(2000 + number))
    make.project("OTHER")
    make.project("DRAFT", categories=[migration], status=PublicationStatus.DRAFT)
    rows = read(client.get(EXPORT, {"category": "migration", "sort": "-start", "page": 2}))
    assert [row["acronym"] for row in rows] == [f"M{number:02d}" for number in reversed(range(25))]
    assert {row["categories"] for row in rows} == {"Migration"}


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("category=nope", "Unknown category “nope”"),
        ("year_from=abc", "Enter a year such as 2022"),
        ("status=soon", "Use status=active or status=finished"),
    ],
)
def test_invalid_parameters_are_a_plain_text_400_with_the_reason(client, query, reason):
    make.project("SHOWN")
    response = client.get(f"{EXPORT}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert reason in response.content.decode()
    assert "SHOWN" not in response.content.decode()


def test_a_null_byte_is_a_plain_text_400(client):
    response = client.get(f"{EXPORT}?q=a%00")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.parametrize("count", [1, 5])
def test_the_export_is_one_query_whatever_the_size(client, django_assert_num_queries, count):
    migration = make.category("migration", "Migration")
    for number in range(count):
        make.project(
            f"P{number}", categories=[migration], areas=[base.area()], programme=make.programme(),
            objectives=["One", "Two"], activities=[("Study", "about")], resources=[("Map", "")],
            targets=[(5, "people", "5 people")], partners=[("CESIE", None, "")],
        )  # fmt: skip
    # The content generation (the whole list is kept per generation), then one streamed COPY
    # between raising the time limit for exports and restoring it; then the kept file alone.
    with django_assert_num_queries(4):
        rows = read(client.get(EXPORT))
    with django_assert_num_queries(1):
        assert read(client.get(EXPORT)) == rows
    assert len(rows) == count
    # With filters: validating the category (1) and the rows (1).
    # Validating the filter, whether the searched words match whole words, counting the filtered export
    # twice, then the streamed COPY and its time limit.
    with django_assert_num_queries(7):
        rows = read(client.get(EXPORT, {"category": "migration", "q": "study", "status": "active"}))
    assert len(rows) == count
