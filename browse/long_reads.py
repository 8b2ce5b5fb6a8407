"""Reads allowed more time than a page's queries (the statement time-out): whole exports, the facet index."""

import contextlib

from django.conf import settings
from django.db import connections, transaction


@contextlib.contextmanager
def long_read(database):
    """A transaction on `database` whose statements may run as long as an export may
    (`EXPORT_STATEMENT_TIMEOUT_MS`) and start parallel workers, as pages' queries do not
    (`PAGE_PARALLEL_WORKERS`); the connection's own settings are back after it."""
    with transaction.atomic(using=database):
        with connections[database].cursor() as cursor:
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, true), "
                "set_config('max_parallel_workers_per_gather', %s, true)",
                [str(settings.EXPORT_STATEMENT_TIMEOUT_MS), str(settings.LONG_READ_PARALLEL_WORKERS)],
            )
        yield
