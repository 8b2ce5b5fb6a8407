"""How often clients may ask for what costs the most: one limiter for every such thing.

A `Rate` allows so many requests a window, for one client (keyed by the
client address `clients.addresses.client_address` decided) or for everyone.
Each request is counted in PostgreSQL by one statement, so the limit holds
across app servers and with no cache at all; the same statement sweeps away
a few counts older than a day. The table is unlogged: a count needs no flush
of the write-ahead log, and a crash only starts the counts again from zero.
"""

import datetime
import math
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from clients.answers import refusal
from clients.models import RequestCount

EVERYONE = "everyone"
SWEPT_PER_COUNT = 20  # old counts removed by each count at most: the table cannot grow without end

TABLE = RequestCount._meta.db_table
COUNT = f"""
WITH swept AS (
    DELETE FROM {TABLE} WHERE id IN (
        SELECT id FROM {TABLE} WHERE window_start < now() - interval '1 day' LIMIT {SWEPT_PER_COUNT}
    )
)
INSERT INTO {TABLE} (rate, who, window_start, count) VALUES (%s, %s, %s, 1)
ON CONFLICT (rate, who, window_start) DO UPDATE SET count = {TABLE}.count + 1
RETURNING count
"""  # noqa: S608 - the table's own name


@dataclass(frozen=True)
class Rate:
    name: str
    requests: int  # allowed in each window
    seconds: int  # the window


def wait_before(rate, who):
    """Seconds `who` must wait before asking `rate` again, or 0: then this request is counted and may go on."""
    now = timezone.now()
    epoch = now.timestamp()
    start = epoch - epoch % rate.seconds
    with connection.cursor() as cursor:
        cursor.execute(COUNT, [rate.name, who[:64], datetime.datetime.fromtimestamp(start, datetime.UTC)])
        count = cursor.fetchone()[0]
    if count <= rate.requests:
        return 0
    return max(1, math.ceil(start + rate.seconds - epoch))


def first_refusal(rates_and_keys):
    """The wait of the first of [(rate, who)] that is used up, or 0 when every one lets the request through."""
    for rate, who in rates_and_keys:
        wait = wait_before(rate, who)
        if wait:
            return wait
    return 0


def in_words(seconds):
    if seconds < 90:
        return ngettext("%(count)s second", "%(count)s seconds", seconds) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}


def too_many_requests(request, wait, what):
    """429 with Retry-After: `what` is asked too often."""
    return try_again_later(request, 429, gettext("Too many requests"), what, wait)


def try_again_later(request, status, title, what, wait):
    """`status` (429 or 503) with Retry-After: `what`, and how long to wait in words."""
    message = gettext("%(what)s Please wait %(wait)s and try again.") % {"what": what, "wait": in_words(wait)}
    response = refusal(request, status, title, message)
    response["Retry-After"] = str(wait)
    return response
