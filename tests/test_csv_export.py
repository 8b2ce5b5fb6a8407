"""The one CSV writer: PostgreSQL's CSV, streamed, with a byte-order mark and formula-safe cells."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.db.models import F, Value
from django.test import RequestFactory
from django.utils import timezone

from browse.columns import absolute_url, iso_day, iso_month, joined, yes_no
from browse.csv_export import csv_response
from vocabulary.models import Country

pytestmark = pytest.mark.django_db


def cell(value):
    with connection.cursor() as cursor:
        cursor.execute("SELECT csv_cell(%s)", [value])
        return cursor.fetchone()[0]


def body(response):
    assert response.streaming
    return b"".join(response.streaming_content)


def test_every_formula_trigger_gets_a_leading_quote():
    for trigger in ("=", "+", "-", "@", "\t", "\r", "\n"):
        assert cell(f"{trigger}SUM(A1)") == f"'{trigger}SUM(A1)"
    assert cell("a=1") == "a=1"
    assert cell("") is None
    assert cell(None) is None


def test_the_file_is_a_bom_a_header_and_lf_rows():
    Country.objects.create(code="ZZ", name='=1+2";=1+2')
    Country.objects.create(code="ZY", name="Plain, with comma")
    queryset = Country.objects.filter(code__in=["ZY", "ZZ"]).order_by("code")
    columns = [("code", F("code")), ("name", F("name")), ("flag", Value(""))]
    assert body(csv_response(queryset, columns, "countries")) == (
        '\ufeffcode,name,flag\nZY,"Plain, with comma",\nZZ,"\'=1+2"";=1+2",\n'.encode()
    )


def test_formula_cases_read_back_starting_with_a_quote():
    Country.objects.create(code="ZZ", name='=1+2";=1+2')
    Country.objects.create(code="ZY", name="=1+2'\" ;,=1+2")
    queryset = Country.objects.filter(code__in=["ZY", "ZZ"]).order_by("code")
    text = body(csv_response(queryset, [("name", F("name"))], "countries")).decode()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [row["name"] for row in rows] == ["'=1+2'\" ;,=1+2", "'=1+2\";=1+2"]


def test_lists_dates_booleans_and_urls_as_cells():
    Country.objects.create(code="ZZ", name="Zedland")
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    queryset = Country.objects.filter(code="ZZ").annotate(
        day=Value(datetime.date(2022, 1, 3)), yes=Value(True), no=Value(False)
    )
    columns = [
        ("list", joined(Value(["Education", "", "Youth"]))),
        ("formula_list", joined(Value(["=1+2", "ok"]))),
        ("month", iso_month("day")),
        ("day", iso_day("day")),
        ("yes", yes_no("yes")),
        ("no", yes_no("no")),
        ("url", absolute_url(request, "practices:detail", "code")),
    ]
    text = body(csv_response(queryset, columns, "mixed")).decode()
    assert (
        text.splitlines()[1] == "Education; Youth,'=1+2; ok,2022-01,2022-01-03,yes,no,http://testserver/practices/ZZ/"
    )


def test_the_response_is_an_attachment_named_after_today():
    response = csv_response(Country.objects.none(), [("code", F("code"))], "practices")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="practices-{today}.csv"'
    assert body(response) == "\ufeffcode\n".encode()
