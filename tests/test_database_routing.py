"""Reads go to the replica alias when there is one; writes, transactions and editors use the primary."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from config.routers import PrimaryDatabaseMiddleware, ReplicaRouter, use_primary

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, django
django.setup()
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from vocabulary.models import Theme
from config.routers import use_primary
seen = {}
with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(connections["replica"]) as replica:
    list(Theme.objects.all())
    seen["read"] = (len(primary), len(replica))
    Theme.objects.filter(slug="nothing-at-all").update(title="x")
    seen["write"] = (len(primary) - seen["read"][0], len(replica) - seen["read"][1])
    with transaction.atomic():
        before = (len(primary), len(replica))
        list(Theme.objects.all())
        seen["read_in_transaction"] = (len(primary) - before[0], len(replica) - before[1])
    token = use_primary.set(True)
    before = (len(primary), len(replica))
    list(Theme.objects.all())
    seen["editor_read"] = (len(primary) - before[0], len(replica) - before[1])
    use_primary.reset(token)
print(json.dumps(seen))
"""


@pytest.mark.django_db(transaction=True)
def test_a_second_alias_takes_the_reads():
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DATABASE_REPLICA_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "read": [0, 1],
        "write": [1, 0],
        "read_in_transaction": [1, 0],
        "editor_read": [1, 0],
    }


def test_without_a_replica_everything_uses_the_primary():
    assert ReplicaRouter().db_for_read(None) == "default"
    assert ReplicaRouter().db_for_write(None) == "default"


def test_staff_and_the_admin_read_from_the_primary(rf, django_user_model):
    seen = []
    middleware = PrimaryDatabaseMiddleware(lambda request: seen.append(use_primary.get()))

    class Visitor:
        is_authenticated = False
        is_staff = False

    class Editor:
        is_authenticated = True
        is_staff = True

    for path, user in [("/practices/", Visitor()), ("/admin/practices/", Visitor()), ("/practices/", Editor())]:
        request = rf.get(path)
        request.user = user
        middleware(request)
    assert seen == [False, True, True]
    assert use_primary.get() is False
