"""The one CSV writer behind every export: streamed, spreadsheet-friendly, formula-safe."""

import csv
import datetime

from django.http import StreamingHttpResponse
from django.utils import timezone

BYTE_ORDER_MARK = "\ufeff"
# OWASP's list: a cell starting with one of these may run as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
MULTI_VALUE_SEPARATOR = "; "


def csv_cell(value):
    """One value as CSV text: lists joined, dates in ISO, formulas neutralised."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, (list, tuple)):
        text = MULTI_VALUE_SEPARATOR.join(str(item) for item in value if item not in (None, ""))
    elif isinstance(value, (datetime.date, datetime.datetime)):
        text = value.isoformat()
    else:
        text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


class _Line:
    """A file-like object csv.writer writes one row into, handing the text back."""

    def write(self, text):
        return text


def csv_lines(columns, rows):
    """The CSV text, a line at a time: byte-order mark and header first, then each row."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield BYTE_ORDER_MARK + writer.writerow(columns)
    for row in rows:
        yield writer.writerow([csv_cell(row[column]) for column in columns])


def csv_response(columns, rows, name):
    """A streamed attachment named after the list and today's date: `practices-2026-11-23.csv`."""
    filename = f"{name}-{timezone.localdate().isoformat()}.csv"
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in csv_lines(columns, rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
