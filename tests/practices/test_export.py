"""/practices/export.csv: the same filtering as the page, every row, exact bytes."""

import pytest
from django.urls import reverse

from editorial.models import PublicationStatus
from tests import factories as make
from tests.exports import read

EXPORT = reverse("practices:export")

pytestmark = pytest.mark.django_db


def test_exact_bytes_of_a_small_export(client):
    make.practice(
        "Anti-rumours strategy", slug="bilbao-anti-rumours-strategy", place="Bilbao",
        areas=[make.area("education", "Education"), make.area("youth", "Youth")],
        types=[make.practice_type("project", "Project")], tags=["anti-rumours"],
        promoter="", duration_text="Since 2013", start=make.month(2013, 3), ongoing=True,
        purpose="Fight *rumours*.", rationale="Prejudice.", process="Agents.", impact="480 people.",
        references=[("Manual", "https://example.org/manual.pdf"), ("Annual meeting", "")],
    )  # fmt: skip
    response = client.get(EXPORT)
    assert response.status_code == 200
    expected = (
        "\ufefftitle,url,country_code,country,place,level,theme,types,areas,tags,promoter,duration,start,end,"
        "ongoing,purpose,rationale,process,impact,references,further_information,type_as_submitted,"
        "area_as_submitted\n"
        "Anti-rumours strategy,http://testserver/practices/bilbao-anti-rumours-strategy/,ES,Spain,Bilbao,local,"
        "Ensuring equality,Project,Education; Youth,anti-rumours,,Since 2013,2013-03,,yes,Fight rumours.,"
        "Prejudice.,Agents.,480 people.,Manual (https://example.org/manual.pdf); Annual meeting,,,\n"
    )
    assert b"".join(response.streaming_content) == expected.encode("utf-8")


def test_formulas_in_any_cell_read_back_with_a_leading_quote(client):
    make.practice('=1+2";=1+2', place="=1+2'\" ;,=1+2", purpose="@SUM(A1)", references=[("-2+3", "")])
    [row] = read(client.get(EXPORT))
    assert row["title"] == "'=1+2\";=1+2"
    assert row["place"] == "'=1+2'\" ;,=1+2"
    assert row["purpose"] == "'@SUM(A1)"
    assert row["references"] == "'-2+3"


def test_exports_every_matching_row_not_one_page(client):
    for number in range(45):
        make.practice(f"Spanish practice {number}")
    make.practice("Italian practice", country=make.country("IT", "Italy"))
    make.practice("Spanish draft", status=PublicationStatus.DRAFT)
    rows = read(client.get(EXPORT, {"country": "es", "page": 2}))
    assert len(rows) == 45
    assert {row["country_code"] for row in rows} == {"ES"}
    listed = client.get(reverse("practices:list"), {"country": "es"})
    assert listed.context["total"] == len(rows)


def test_bad_parameters_get_a_plain_text_400(client):
    response = client.get(EXPORT, {"country": "XX", "year_from": "abc"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Unknown country code “XX”" in body
    assert "Enter a year such as 2022" in body


@pytest.mark.parametrize("count", [1, 30])
def test_one_query_whatever_the_number_of_rows(client, django_assert_num_queries, count):
    for number in range(count):
        make.practice(f"Practice {number}", tags=["migrants"], references=[("Site", "https://example.org")])
    # Validating the country, counting the filtered export (the client's, everyone's), then one
    # streamed COPY between raising and restoring the time limit.
    with django_assert_num_queries(6):
        response = client.get(EXPORT, {"country": "ES"})
        rows = read(response)
    assert len(rows) == count


def test_the_data_dictionary_page_reads_nothing_from_the_database(client, django_assert_num_queries):
    make.practice("Anti-rumours strategy")
    with django_assert_num_queries(0):
        response = client.get(reverse("practices:export-columns"))
    assert response.status_code == 200
    assert "<td><code>further_information</code></td>" in response.content.decode()
