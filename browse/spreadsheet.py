"""Exports as .xlsx spreadsheets: the CSV's columns, written in constant memory.

The same queryset and `[(header, SQL expression)]` columns as the CSV. Rows
come from a server-side cursor in batches; XlsxWriter in `constant_memory`
mode writes each row to a temporary file as soon as the next one starts, and
the finished workbook (a zip) is assembled on disk and sent from there. So
memory stays flat whatever the number of rows; only disk grows with them.

XlsxWriter rather than openpyxl's write-only mode: `write_string` writes a
cell as text whatever it starts with, while openpyxl takes any string that
starts with `=` for a formula. Every cell is written as a string (text that a
spreadsheet would run as a formula also gets Excel's quote prefix, so editing
the cell keeps it text), except `DateText` columns, written as real dates.
"""

import itertools
import tempfile
from contextlib import contextmanager

import xlsxwriter
from django.db.models import F, TextField
from django.db.models.functions import Cast
from django.http import FileResponse
from django.utils import timezone

from browse.columns import DateText
from browse.long_reads import long_read

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows fetched at a time. Practice rows carry long texts (up to ~10 kB): 500 of them keep the
# Python heap under 10 MB at any row count, where 2,000 took it to 20-37 MB.
BATCH_ROWS = 500
# Column widths in characters, judged on the header and the first batch of rows.
MIN_WIDTH, MAX_WIDTH, DATE_WIDTH = 8, 60, 12
MAX_SHEET_NAME = 31  # characters, Excel's limit
# What a spreadsheet may run as a formula, as OWASP lists (the CSV writer's list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def xlsx_response(queryset, columns, name):
    """An attachment `<name>-<today>.xlsx` of `queryset`, one row per item, built in constant memory.

    `columns` is [(header, SQL expression)], in order, as for `csv_response`.
    """
    workbook_file = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    try:
        write_workbook(workbook_file, queryset, columns, sheet_name=name)
    except BaseException:
        workbook_file.close()
        raise
    workbook_file.seek(0)
    filename = f"{name}-{timezone.localdate().isoformat()}.xlsx"
    return FileResponse(workbook_file, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def write_workbook(output, queryset, columns, sheet_name):
    """Write the .xlsx of `queryset` and `columns` to `output` (a path or a binary file)."""
    date_formats = {index: expression.spreadsheet_format for index, (_, expression) in enumerate(columns)
                    if isinstance(expression, DateText)}  # fmt: skip
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
    sheet = workbook.add_worksheet(sheet_name[:MAX_SHEET_NAME])
    styles = _Styles(workbook, date_formats)
    with _export_rows(queryset, columns) as rows:
        first_batch = list(itertools.islice(rows, BATCH_ROWS))
        wrapped = _lay_out_columns(sheet, [header for header, _ in columns], first_batch, date_formats)
        for index, (header, _) in enumerate(columns):
            sheet.write_string(0, index, header, styles.header)
        sheet.freeze_panes(1, 0)
        row_number = 0
        for row_number, row in enumerate(itertools.chain(first_batch, rows), start=1):
            for index, value in enumerate(row):
                if value is None or value == "":
                    continue  # an empty cell, as in the CSV
                if index in date_formats:
                    sheet.write_datetime(row_number, index, value, styles.dates[index])
                else:
                    sheet.write_string(row_number, index, value, styles.text(value, index in wrapped))
    sheet.autofilter(0, 0, row_number, len(columns) - 1)
    workbook.close()


@contextmanager
def _export_rows(queryset, columns):
    """The export's rows from a server-side cursor, read in batches inside one transaction.

    Inside a transaction the cursor streams as it is read (no WITH HOLD copy
    of the whole result on the server), and the export's longer time limit
    holds for that transaction alone.
    """
    cells = {
        # A date column selects the date itself; every other cell is text, as in the CSV.
        f"xlsx_{index}": F(expression.date_field) if isinstance(expression, DateText) else Cast(expression, TextField())
        for index, (_, expression) in enumerate(columns)
    }
    values = queryset.annotate(**cells).values_list(*cells)
    database = values.db
    with long_read(database):
        yield values.using(database).iterator(chunk_size=BATCH_ROWS)


class _Styles:
    """The workbook's cell formats, made once: XlsxWriter keeps one record per format object."""

    def __init__(self, workbook, date_formats):
        self.header = workbook.add_format({"bold": True, "bottom": 1, "valign": "top"})
        self.dates = {
            index: workbook.add_format({"num_format": number_format, "valign": "top", "align": "left"})
            for index, number_format in date_formats.items()
        }
        self._text = {
            (wrap, quoted): workbook.add_format({"valign": "top", "text_wrap": wrap, "quote_prefix": quoted})
            for wrap in (False, True)
            for quoted in (False, True)
        }

    def text(self, value, wrap):
        return self._text[(wrap, value.startswith(FORMULA_TRIGGERS))]


def _lay_out_columns(sheet, headers, sample_rows, date_formats):
    """Set each column's width from its header and the sample rows; return the columns whose text wraps.

    A column wraps when a sampled value has a line wider than MAX_WIDTH or several lines.
    """
    wrapped = set()
    for index, header in enumerate(headers):
        if index in date_formats:
            sheet.set_column(index, index, max(DATE_WIDTH, len(header) + 2))
            continue
        texts = [row[index] for row in sample_rows if row[index]]
        lines = [line for text in texts for line in text.splitlines()]
        widest = max([len(header), *map(len, lines)]) + 2
        if widest > MAX_WIDTH or len(lines) > len(texts):  # more lines than texts: some text has several
            wrapped.add(index)
        sheet.set_column(index, index, min(max(widest, MIN_WIDTH), MAX_WIDTH))
    return wrapped
