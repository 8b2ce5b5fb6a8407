"""Reads go to a read replica when one is configured; writes and editors use the primary."""

import contextvars

PRIMARY = "default"
REPLICA = "replica"

# Set per request by PrimaryDatabaseMiddleware: editors must read their own writes.
use_primary = contextvars.ContextVar("use_primary", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        from django.db import connections

        if REPLICA not in connections.databases or use_primary.get():
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY  # inside a transaction, read what it wrote
        return REPLICA

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
        from django.conf import settings

        primary = request.path.startswith("/" + settings.ADMIN_URL) or (
            hasattr(request, "user") and request.user.is_authenticated and request.user.is_staff
        )
        token = use_primary.set(primary)
        try:
            return self.get_response(request)
        finally:
            use_primary.reset(token)
