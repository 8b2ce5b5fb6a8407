"""A real streaming replica (`manage.py replica start`) takes the public reads; editors read their saves at once;
a stopped replica costs readers nothing.

The test runs its own primary (initdb in a temporary folder, loaded with the
test database's schema) and a replica made by the shipped command, on free
ports, so the machine's cluster is never touched; both are stopped however
the test ends. The portal runs in a subprocess, through the WSGI handler as
gunicorn calls it, with DATABASE_URL and DATABASE_REPLICA_URL set.
"""

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.db import connection

from config.management.commands.ensure_database import postgres_bindir

ROOT = Path(__file__).resolve().parent.parent
RUN_AS = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop_cluster(data):
    """pg_ctl stop, and if that fails, the postmaster killed by its pid file."""
    pid_file = data / "postmaster.pid"
    if not pid_file.exists():
        return
    result = subprocess.run([*RUN_AS, str(postgres_bindir() / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                            capture_output=True, timeout=30)  # fmt: skip
    if result.returncode != 0 and pid_file.exists():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)


@pytest.fixture(scope="module")
def primary_and_replica(django_db_setup, django_db_blocker):
    """(primary URL, replica URL, environment for the replica command) of a fresh pair."""
    bindir = postgres_bindir()
    folder = Path(tempfile.mkdtemp(prefix="replica-test-"))
    primary_data, sockets = folder / "primary", folder / "run"
    sockets.mkdir()
    if RUN_AS:
        for path in (folder, sockets):
            shutil.chown(path, "postgres", "postgres")
    primary_port, replica_port = free_port(), free_port()
    primary_url = f"postgres://postgres@127.0.0.1:{primary_port}/compendium"
    try:
        subprocess.run([*RUN_AS, str(bindir / "initdb"), "-D", str(primary_data), "-U", "postgres", "--auth=trust",
                        "-E", "UTF8"], check=True, capture_output=True)  # fmt: skip
        options = f"-p {primary_port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run([*RUN_AS, str(bindir / "pg_ctl"), "-D", str(primary_data), "-l", str(folder / "primary.log"),
                        "-o", options, "-w", "start"], check=True, capture_output=True)  # fmt: skip
        subprocess.run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(primary_port), "-U", "postgres",
                        "compendium"], check=True)  # fmt: skip
        # The test database's schema (migrated by pytest-django) is the portal's schema.
        test_db = connection.settings_dict
        dump = subprocess.run([str(bindir / "pg_dump"), "-Fc", "-h", test_db["HOST"], "-p", str(test_db["PORT"]),
                               "-U", test_db["USER"], test_db["NAME"]], check=True, capture_output=True)  # fmt: skip
        subprocess.run([str(bindir / "pg_restore"), "--no-owner", "-d", primary_url], input=dump.stdout, check=True)
        environment = {**os.environ, "DATABASE_URL": primary_url, "DJANGO_DEBUG": "1"}
        command = [sys.executable, "manage.py", "replica"]
        replica_options = ["--port", str(replica_port), "--data-dir", str(folder / "replica")]
        started = subprocess.run([*command, "start", *replica_options], cwd=ROOT, env=environment,
                                 capture_output=True, text=True)  # fmt: skip
        assert started.returncode == 0, started.stdout + started.stderr
        replica_url = next(line for line in started.stdout.splitlines() if line.startswith("DATABASE_REPLICA_URL="))
        replica_url = replica_url.split("=", 1)[1]
        assert replica_url == f"postgres://postgres@127.0.0.1:{replica_port}/compendium"
        yield {
            "primary": primary_url, "replica": replica_url, "replica_command": [*command, "REPLICA_ACTION", *replica_options],
        }  # fmt: skip
    finally:
        stop_cluster(folder / "replica" / "data")
        stop_cluster(primary_data)
        shutil.rmtree(folder, ignore_errors=True)


def run_probe(code, pair, **env):
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1", "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": pair["primary"], "DATABASE_REPLICA_URL": pair["replica"],
        "REPLICA_COMMAND": json.dumps(pair["replica_command"]), "DJANGO_LOG_LEVEL": "ERROR", **env,
    }  # fmt: skip
    result = subprocess.run([sys.executable, "-c", PROBE_HELPERS + code], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


PROBE_HELPERS = """
import json, os, subprocess, time, wsgiref.util
import django
django.setup()
from django.db import connections
from config.wsgi import application

def get(path, cookie=""):
    '''(status, page) through the WSGI handler, with the request signals gunicorn's requests get.'''
    environ = {"PATH_INFO": path, "HTTP_HOST": "testserver", "REMOTE_ADDR": "127.0.0.1"}
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    wsgiref.util.setup_testing_defaults(environ)
    status = []
    body = b"".join(application(environ, lambda code, headers: status.append(code)))
    return int(status[0].split()[0]), body.decode()

def replica_command(action):
    command = [action if part == "REPLICA_ACTION" else part for part in json.loads(os.environ["REPLICA_COMMAND"])]
    environment = {**os.environ, "DJANGO_DEBUG": "1"}
    environment.pop("DATABASE_REPLICA_URL")
    subprocess.run(command, check=True, capture_output=True, env=environment)

def until(condition, seconds=15):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting")
        time.sleep(0.1)

def published_theme(slug, title, position):
    '''A theme with one published practice (`<slug>-practice`), so the home page lists it.'''
    from tests import factories as make
    theme = make.theme(slug=slug, title=title, position=position)
    make.practice(f"Practice of {title}", slug=f"{slug}-practice", theme=theme, source_position=position)
    return theme
"""

READ_YOUR_WRITES = """
import psycopg
from django.contrib.auth.models import User
from django.test import Client

theme = published_theme("replicated", "Title before the save", 501)
until(lambda: "Title before the save" in get("/")[1])  # streamed to the replica
seen = {"anonymous_before": get("/")[0]}

with psycopg.connect(os.environ["DATABASE_REPLICA_URL"], autocommit=True) as replica:
    replica.execute("SELECT pg_wal_replay_pause()")  # the replica lags from here on
    editor = Client()
    editor.force_login(User.objects.create_superuser("editor", password="x"))
    saved = editor.post(f"/admin/compendium/theme/{theme.pk}/change/",
                        {"slug": "replicated", "title": "Title after the save", "position": theme.position,
                         "description": "", "_save": "Save"})
    seen["save_status"] = saved.status_code
    editor_cookie = "sessionid=" + editor.cookies["sessionid"].value
    status, page = get("/", cookie=editor_cookie)
    seen["editor_after"] = [status, "Title after the save" in page]
    status, page = get("/")
    seen["anonymous_while_replica_lags"] = [status, "Title before the save" in page, "Title after the save" in page]
    replica.execute("SELECT pg_wal_replay_resume()")
until(lambda: "Title after the save" in get("/")[1])
seen["anonymous_once_replayed"] = True
print(json.dumps(seen))
"""


def test_public_reads_come_from_the_replica_and_an_editor_reads_their_save_at_once(primary_and_replica):
    seen = run_probe(READ_YOUR_WRITES, primary_and_replica)
    assert seen == {
        "anonymous_before": 200,
        "save_status": 302,
        "editor_after": [200, True],  # from the primary, at once
        "anonymous_while_replica_lags": [200, True, False],  # the paused replica answered: reads go there
        "anonymous_once_replayed": True,
    }


REPLICA_STOPS = """
from django.test.utils import CaptureQueriesContext

published_theme("still-readable", "Still readable", 502)
until(lambda: "Still readable" in get("/")[1])
seen = {}
with CaptureQueriesContext(connections["replica"]) as on_replica:
    get("/")
seen["replica_reads_before"] = len(on_replica) > 0

replica_command("stop")
started = time.monotonic()
status, page = get("/")  # the worker's kept replica connection is dead now
seen["first_request_after_stop"] = [status, "Still readable" in page, time.monotonic() - started < 3]
status, page = get("/practices/still-readable-practice/")
seen["next_request"] = [status, "Practice of Still readable" in page]

replica_command("start")
time.sleep(float(os.environ["DJANGO_REPLICA_RETRY_SECONDS"]) + 0.1)
with CaptureQueriesContext(connections["replica"]) as on_replica:
    status, page = get("/")
seen["back_on_the_replica"] = [status, len(on_replica) > 0]
print(json.dumps(seen))
"""


def test_with_the_replica_stopped_reads_fall_back_to_the_primary_within_one_request(primary_and_replica):
    seen = run_probe(REPLICA_STOPS, primary_and_replica, DJANGO_REPLICA_RETRY_SECONDS="1")
    assert seen == {
        "replica_reads_before": True,
        "first_request_after_stop": [200, True, True],
        "next_request": [200, True],
        "back_on_the_replica": [200, True],
    }
