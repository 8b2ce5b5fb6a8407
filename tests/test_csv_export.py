"""The one CSV writer: bytes, byte-order mark, formula neutralisation."""

import csv
import datetime
import io

from compendium.csv_export import csv_cell, csv_lines, csv_response


def test_cells_join_lists_format_dates_and_booleans():
    assert csv_cell(None) == ""
    assert csv_cell(["Education", "", "Youth"]) == "Education; Youth"
    assert csv_cell(datetime.date(2022, 1, 3)) == "2022-01-03"
    assert csv_cell(True) == "yes"
    assert csv_cell(False) == "no"


def test_every_formula_trigger_gets_a_leading_quote():
    for trigger in ("=", "+", "-", "@", "\t", "\r", "\n"):
        assert csv_cell(f"{trigger}SUM(A1)") == f"'{trigger}SUM(A1)"
    assert csv_cell(["=1+2", "ok"]) == "'=1+2; ok"  # the joined cell starts with a trigger
    assert csv_cell("a=1") == "a=1"


def test_the_document_is_bom_header_and_crlf_rows():
    text = "".join(csv_lines(["a", "b"], [{"a": 'x "y"', "b": '=1+2";=1+2'}]))
    assert text == '\ufeffa,b\r\n"x ""y""","\'=1+2"";=1+2"\r\n'


def test_formula_cases_read_back_starting_with_a_quote():
    rows = [{"a": '=1+2";=1+2'}, {"a": "=1+2'\" ;,=1+2"}]
    text = "".join(csv_lines(["a"], rows)).lstrip("\ufeff")
    read = list(csv.DictReader(io.StringIO(text)))
    assert [row["a"] for row in read] == ["'=1+2\";=1+2", "'=1+2'\" ;,=1+2"]


def test_the_response_streams_an_attachment_named_after_today():
    response = csv_response(["a"], iter([{"a": 1}]), "practices")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="practices-{today}.csv"'
    assert b"".join(response.streaming_content) == "\ufeffa\r\n1\r\n".encode()
