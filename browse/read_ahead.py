"""Queries sent ahead: the database answers them while Python goes on drawing the page.

A search page's snippets (`ts_headline` over twenty long texts) keep the database busy
for about 13 ms at 100,000 practices, and drawing the facets and the map above the
results keeps Python busy about as long. Within `reading_ahead()`, `rows_ahead()` puts
the connection in psycopg's pipeline mode and sends its query without waiting for the
answer; its rows are read when the page first uses them, by then usually ready, and
that first read ends pipeline mode.

From the sending to that read the connection may only read: a query sent meanwhile
waits for the ones before it, and a transaction cannot start (list pages write
nothing). Outside the block, or within `reading_at_once()`, the rows are read at once.
"""

import contextlib
import contextvars

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.utils.functional import SimpleLazyObject
from psycopg import pq

# The block's pipelines, closed at the first read (an ExitStack), or None outside any block.
_pipelines = contextvars.ContextVar("read_ahead_pipelines", default=None)
_at_once = contextvars.ContextVar("read_at_once", default=False)


@contextlib.contextmanager
def reading_ahead():
    """Queries `rows_ahead()` sends within the block are answered while it goes on."""
    with contextlib.ExitStack() as pipelines:
        token = _pipelines.set(pipelines)
        try:
            yield
        finally:
            _pipelines.reset(token)


@contextlib.contextmanager
def reading_at_once():
    """Within the block `rows_ahead()` reads at once, even within `reading_ahead()`: the benchmark times each
    query's SQL so (a query sent ahead counts only its sending)."""
    token = _at_once.set(True)
    try:
        yield
    finally:
        _at_once.reset(token)


def rows_ahead(queryset, convert):
    """`convert(rows)`, the rows of `queryset` (a `values_list()`, as the database gives them: no field's
    conversion), sent now and read on first use within `reading_ahead()`, read now outside it."""
    alias = queryset.db
    try:
        sql, params = queryset.query.get_compiler(alias).as_sql()
    except EmptyResultSet:
        return convert([])  # the filters exclude everything before asking the database
    pipelines = None if _at_once.get() else _pipelines.get()
    connection = connections[alias]
    if pipelines is not None:
        connection.ensure_connection()
        if connection.connection.pgconn.pipeline_status == pq.PipelineStatus.OFF:
            pipelines.enter_context(_pipeline(connection))
    cursor = connection.cursor()
    cursor.execute(sql, params)

    def read():
        if pipelines is not None:
            pipelines.close()  # out of pipeline mode; every answer sent ahead is read with it
        with cursor:
            return convert(cursor.fetchall())

    return read() if pipelines is None else SimpleLazyObject(read)


@contextlib.contextmanager
def _pipeline(connection):
    """psycopg's pipeline mode on Django's `connection`; an error met on leaving it (a query sent ahead failed)
    raised as Django's own, as if the query had been read at once."""
    with connection.wrap_database_errors, connection.connection.pipeline():
        yield
