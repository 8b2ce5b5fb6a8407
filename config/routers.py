"""Reads go to a read replica when one is configured; writes and editors use the primary.

A replica that stops answering is noticed on the first read that would have
gone to it: that read, and every read for REPLICA_RETRY_SECONDS after it, go
to the primary instead, so readers never see an error for it. The check is
Django's own once-per-request health check of a kept connection
(CONN_HEALTH_CHECKS), or the connection attempt when there is none.
"""

import contextvars
import logging
import time

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"

# Read where they were just written: a session or account the replica has not
# received yet would sign an editor out; a lockout count read late lets guesses through.
PRIMARY_ONLY_APPS = {"sessions", "auth", "admin", "axes", "signin"}

# Set per request by PrimaryDatabaseMiddleware: editors must read their own writes.
use_primary = contextvars.ContextVar("use_primary", default=False)


class ReplicaHealth:
    """Whether the replica answers, remembered for a few seconds when it does not (per process)."""

    def __init__(self):
        self.down_until = 0.0

    def usable(self):
        if time.monotonic() < self.down_until:
            return False
        replica = connections[REPLICA]
        try:
            replica.close_if_health_check_failed()
            replica.ensure_connection()
        except DatabaseError as error:
            self.down_until = time.monotonic() + settings.REPLICA_RETRY_SECONDS
            logger.warning("The read replica does not answer (%s); reading from the primary for a while.", error)
            replica.close()
            return False
        return True


replica_health = ReplicaHealth()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if REPLICA not in connections.databases or use_primary.get():
            return PRIMARY
        if model is not None and model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY  # inside a transaction, read what it wrote
        return REPLICA if replica_health.usable() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # both aliases hold the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class PrimaryDatabaseMiddleware:
    """The admin and signed-in staff read from the primary, never from a lagging replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        primary = request.path.startswith("/" + settings.ADMIN_URL) or (
            hasattr(request, "user") and request.user.is_authenticated and request.user.is_staff
        )
        token = use_primary.set(primary)
        try:
            return self.get_response(request)
        finally:
            use_primary.reset(token)
