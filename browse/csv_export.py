"""The one CSV writer behind every export: PostgreSQL writes the CSV, we stream it.

An export is a queryset and its columns, each a SQL expression (browse/columns.py). The rows go
out through `COPY … TO STDOUT (FORMAT csv)`, read in blocks and handed on as
they come, so memory stays flat whatever the number of rows, and no row is
turned into Python objects on the way.

Every cell passes through the `csv_cell` SQL function (created by a
migration): empty text becomes an empty field, and text a spreadsheet would
run as a formula (starting with = + - @, tab, CR or LF, as OWASP lists) gets
a leading apostrophe. The file starts with a byte-order mark so spreadsheet
programs read accents right; lines end with LF.
"""

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.backends.utils import CursorDebugWrapper
from django.db.models import Func, TextField
from django.db.models.functions import Cast
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

BYTE_ORDER_MARK = "\ufeff"
CHUNK_BYTES = 256 * 1024
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


class CsvCell(Func):
    """One cell: text, empty when empty, formula-safe."""

    function = "csv_cell"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(Cast(expression, TextField()))


def csv_response(queryset, columns, name):
    """A streamed attachment `<name>-<today>.csv` of `queryset`, one row per item.

    `columns` is [(header, SQL expression)], in order.
    """
    return csv_attachment(csv_chunks(queryset, columns), name)


def csv_attachment(chunks, name):
    """A streamed attachment `<name>-<today>.csv` of the CSV's bytes."""
    response = StreamingHttpResponse(chunks, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate().isoformat()}.csv"'
    return response


def csv_chunks(queryset, columns):
    """The CSV's bytes, in blocks of about CHUNK_BYTES, as PostgreSQL writes them."""
    cells = {f"csv_{index}": CsvCell(expression) for index, (_, expression) in enumerate(columns)}
    rows = queryset.annotate(**cells).values_list(*cells)
    return _csv_stream(",".join(header for header, _ in columns), rows)


def invalid_export_response(problems):
    """A 400 in plain text, listing what is wrong with the export's query."""
    reasons = "\n".join(problems)
    return HttpResponse(
        f"Invalid export parameters:\n{reasons}\n", status=400, content_type="text/plain; charset=utf-8"
    )


def _csv_stream(header, rows):
    yield (BYTE_ORDER_MARK + header + "\n").encode()
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:
        return  # the filters exclude everything before asking the database
    copy_sql = f"COPY ({connection.ops.compose_sql(sql, params)}) TO STDOUT WITH (FORMAT csv)"
    with connection.cursor() as cursor:
        # An export may take longer than a page is allowed to; it streams as it goes.
        _set_statement_timeout(cursor, settings.EXPORT_STATEMENT_TIMEOUT_MS)
        try:
            with _logged(cursor, copy_sql), cursor.cursor.copy(copy_sql) as copy:
                buffer = bytearray()
                for block in copy:
                    buffer += block
                    if len(buffer) >= CHUNK_BYTES:
                        yield bytes(buffer)
                        buffer.clear()
                if buffer:
                    yield bytes(buffer)
        finally:
            _set_statement_timeout(cursor, settings.STATEMENT_TIMEOUT_MS)


def _set_statement_timeout(cursor, milliseconds):
    cursor.execute("SELECT set_config('statement_timeout', %s, false)", [str(milliseconds)])


def _logged(cursor, sql):
    """Count the COPY among the request's queries, like any query Django runs itself."""
    if isinstance(cursor, CursorDebugWrapper):
        return cursor.debug_sql(sql)
    from contextlib import nullcontext

    return nullcontext()
