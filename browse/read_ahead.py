"""Queries sent ahead: the database answers them while Python goes on drawing the page.

A search page's snippets (`ts_headline` over twenty long texts) keep the database busy
for about 13 ms at 100,000 practices, and drawing the facets and the map above the
results keeps Python busy about as long. Inside `reading_ahead()` the connection is in
psycopg's pipeline mode: `rows_ahead()` sends a query without waiting for its answer,
and its rows are read when the page first uses them, by then usually ready. Any other
query in the block runs as usual (it waits for the ones sent before it). Outside the
block `rows_ahead()` reads the rows at once.
"""

import contextlib

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.utils.functional import SimpleLazyObject
from psycopg import pq


@contextlib.contextmanager
def reading_ahead(alias):
    """Queries to the database `alias` sent by `rows_ahead()` within the block are answered as it goes on."""
    connection = connections[alias]
    connection.ensure_connection()
    with connection.connection.pipeline():
        yield


def rows_ahead(queryset, convert):
    """`convert(rows)`, the rows of `queryset` (a `values_list()`, as the database gives them: no field's
    conversion), sent now and read on first use inside `reading_ahead()`, read now outside it."""
    connection = connections[queryset.db]
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return convert([])  # the filters exclude everything before asking the database
    pipelined = (
        connection.connection is not None and connection.connection.pgconn.pipeline_status != pq.PipelineStatus.OFF
    )
    cursor = connection.cursor()
    cursor.execute(sql, params)
    if not pipelined:
        with cursor:
            return convert(cursor.fetchall())

    def read():
        with cursor:
            return convert(cursor.fetchall())

    return SimpleLazyObject(read)
