"""A worker's persistent database connection survives the server dropping it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent

# Through the real WSGI handler, as gunicorn calls it (the test client skips
# the connection checks Django makes at the start of each request).
PROBE = """
import os, wsgiref.util, psycopg
from config.wsgi import application
from django.db import connection

def get(path):
    environ = {"PATH_INFO": path, "HTTP_HOST": "testserver"}
    wsgiref.util.setup_testing_defaults(environ)
    status = []
    body = b"".join(application(environ, lambda code, headers: status.append(code)))
    return status[0].split()[0]

first = get("/practices/")
old_pid = connection.connection.info.backend_pid  # kept open between requests
with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as other:
    other.execute("SELECT pg_terminate_backend(%s)", [old_pid])
second = get("/practices/")
print(first, second, connection.connection.info.backend_pid != old_pid)
"""


@pytest.mark.django_db(transaction=True)
def test_a_dropped_connection_is_replaced_before_the_next_request_uses_it():
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1",
           "DJANGO_ALLOWED_HOSTS": "testserver", "DATABASE_URL": url, "DJANGO_CONN_MAX_AGE": "60"}  # fmt: skip
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["200", "200", "True"]
