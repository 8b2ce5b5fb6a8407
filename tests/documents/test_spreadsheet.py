"""/practices/export.xlsx, /projects/export.xlsx, /academy/export.xlsx: the CSV's rows and columns as a spreadsheet."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl.utils import get_column_letter

from editorial.models import PublicationStatus
from practices.models import Practice
from tests import factories as make
from tests.academy import builders as build
from tests.exports import read
from tests.projects import factories as make_project

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

pytestmark = pytest.mark.django_db


def sheet_of(response):
    """The export's only worksheet, after checking the response is an .xlsx attachment."""
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    [sheet] = workbook.worksheets
    return sheet


def header_and_rows(sheet):
    rows = list(sheet.iter_rows())
    return [cell.value for cell in rows[0]], rows[1:]


def csv_header(client, url, query=None):
    response = client.get(url, query or {})
    text = b"".join(response.streaming_content).decode("utf-8")
    return text.removeprefix("\ufeff").split("\n", 1)[0].split(",")


def test_the_whole_compendium_is_83_rows_under_the_csv_header(client):
    call_command("import_compendium", stdout=io.StringIO())
    sheet = sheet_of(client.get(reverse("practices:export_xlsx")))
    header, rows = header_and_rows(sheet)
    assert header == csv_header(client, reverse("practices:export"))
    assert len(rows) == 83
    titles = [row[0].value for row in rows]
    assert titles == list(Practice.objects.published().values_list("title", flat=True))
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}84"


def test_a_filter_gives_the_same_subset_as_the_csv(client):
    call_command("import_compendium", stdout=io.StringIO())
    sheet = sheet_of(client.get(reverse("practices:export_xlsx"), {"country": "ES"}))
    header, rows = header_and_rows(sheet)
    spanish = list(Practice.objects.published().filter(country="ES").values_list("title", flat=True))
    assert len(spanish) > 10
    assert [row[0].value for row in rows] == spanish
    assert {row[header.index("country_code")].value for row in rows} == {"ES"}
    assert len(rows) == len(read(client.get(reverse("practices:export"), {"country": "ES"})))


def test_text_a_spreadsheet_would_run_is_stored_as_text(client):
    make.practice(
        '=HYPERLINK("http://x")', place="+1", promoter="-2+3", purpose="@SUM(1)", process="=1+1",
        references=[("=cmd|' /C calc'!A0", "")],
    )  # fmt: skip
    header, [row] = header_and_rows(sheet_of(client.get(reverse("practices:export_xlsx"))))
    cells = {
        name: row[header.index(name)] for name in ("title", "place", "promoter", "purpose", "process", "references")
    }
    assert {name: cell.value for name, cell in cells.items()} == {
        "title": '=HYPERLINK("http://x")', "place": "+1", "promoter": "-2+3", "purpose": "@SUM(1)",
        "process": "=1+1", "references": "=cmd|' /C calc'!A0",
    }  # fmt: skip
    for cell in cells.values():
        assert cell.data_type == "s"
        assert cell.quotePrefix  # editing the cell in Excel keeps it text
    plain = row[header.index("country")]
    assert (plain.value, plain.data_type, plain.quotePrefix) == ("Spain", "s", False)


def test_numbers_are_text_too(client):
    academy = build.course("Academy")
    build.module(academy, "Welcome", duration_minutes=90, day=1)
    header, [row] = header_and_rows(sheet_of(client.get(reverse("academy:export_xlsx"))))
    minutes = row[header.index("duration_minutes")]
    assert (minutes.value, minutes.data_type) == ("90", "s")


def test_dates_are_dates(client):
    make.practice("Dated", start=make.month(2013, 3), end=make.month(2015, 6))
    make.practice("Undated")
    header, rows = header_and_rows(sheet_of(client.get(reverse("practices:export_xlsx"))))
    start, end = rows[0][header.index("start")], rows[0][header.index("end")]
    assert (start.value, end.value) == (datetime.datetime(2013, 3, 1), datetime.datetime(2015, 6, 1))
    assert start.is_date and end.is_date
    assert start.number_format == "yyyy-mm"
    assert rows[1][header.index("start")].value is None

    make_project.project("DATED", start=datetime.date(2020, 2, 3), end=datetime.date(2022, 4, 2))
    header, [row] = header_and_rows(sheet_of(client.get(reverse("projects:export_xlsx"))))
    start = row[header.index("start")]
    assert start.value == datetime.datetime(2020, 2, 3)
    assert start.is_date and start.number_format == "yyyy-mm-dd"


def test_long_text_wraps_in_a_bounded_column(client):
    make.practice("Short", purpose="Word " * 200)
    sheet = sheet_of(client.get(reverse("practices:export_xlsx")))
    header, [row] = header_and_rows(sheet)
    purpose, country = row[header.index("purpose")], row[header.index("country_code")]
    assert purpose.alignment.wrap_text
    assert not country.alignment.wrap_text
    assert sheet.column_dimensions[purpose.column_letter].width <= 61
    assert sheet.column_dimensions[country.column_letter].width < 20


def test_projects_and_modules_have_the_csv_headers(client):
    make_project.project("LIAISON")
    build.module(build.course("Academy"), "Welcome")
    for name in ("projects", "academy"):
        header, rows = header_and_rows(sheet_of(client.get(reverse(f"{name}:export_xlsx"))))
        assert header == csv_header(client, reverse(f"{name}:export"))
        assert len(rows) == 1


def test_no_match_is_a_header_alone(client):
    make.practice("Spanish")
    make.country("IT", "Italy")
    header, rows = header_and_rows(sheet_of(client.get(reverse("practices:export_xlsx"), {"country": "IT"})))
    assert header[0] == "title"
    assert rows == []


@pytest.mark.parametrize(
    ("name", "query", "reason"),
    [
        ("practices", {"country": "XX"}, "Unknown country code “XX”"),
        ("projects", {"status": "nonsense"}, "status"),
        ("academy", {"format": "nonsense"}, "format"),
    ],
)
def test_bad_parameters_get_a_plain_text_400(client, name, query, reason):
    response = client.get(reverse(f"{name}:export_xlsx"), query)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert reason in response.content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_the_same_queries_whatever_the_number_of_rows(client, django_assert_num_queries, count):
    for number in range(count):
        make.practice(f"Practice {number}", tags=["migrants"], references=[("Site", "https://example.org")])
    # Validating the country, the count against the limit; then, in a savepoint (a transaction
    # outside tests), the export's time limit and one server-side cursor, read in batches.
    with django_assert_num_queries(6):
        _, rows = header_and_rows(sheet_of(client.get(reverse("practices:export_xlsx"), {"country": "ES"})))
    assert len(rows) == count


def test_drafts_and_archived_practices_are_not_exported(client):
    make.practice("Published practice")
    make.practice("Draft practice", status=PublicationStatus.DRAFT)
    make.practice("Archived practice", status=PublicationStatus.ARCHIVED)
    _, rows = header_and_rows(sheet_of(client.get(reverse("practices:export_xlsx"))))
    assert [row[0].value for row in rows] == ["Published practice"]


def test_above_its_limit_a_spreadsheet_is_refused_with_the_way_to_the_csv(client, settings):
    settings.SPREADSHEET_MAX_ROWS = 2
    for number in range(3):
        make.practice(f"Practice {number}")
    response = client.get(reverse("practices:export_xlsx"), {"country": "ES"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "This export holds 3 rows; a spreadsheet from here holds at most 2." in body
    assert 'href="/practices/export.csv?country=ES"' in body
    settings.SPREADSHEET_MAX_ROWS = 3
    assert client.get(reverse("practices:export_xlsx"), {"country": "ES"}).status_code == 200
