"""make backup / make restore: a pg_dump archive that restores to the same database, in every way that matters."""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from config.management.commands.ensure_database import connection_params
from tests import factories as make

ROOT = Path(__file__).resolve().parent.parent

# Served from the restored database: an accent-insensitive search (the text search configuration), the
# export (the csv_cell function), and a write that must reach the search (the triggers).
READ_RESTORED = """
import json
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()  # responses carry their template context
from practices.models import Practice
client = Client()
found = [r.item.title for r in client.get("/practices/", {"q": "neuchatel"}).context["results"]]
export = b"".join(client.get("/practices/export.csv").streaming_content).decode()
Practice.objects.filter(title="Backed up 0").update(title="Written after the restore")
after = [r.item.title for r in client.get("/practices/", {"q": "written restore"}).context["results"]]
print(json.dumps({"found": found, "export": export, "after": after}))
"""


def fingerprints(dbname):
    """{table: md5 of every row} for every table of the database, and the match cost the planner uses."""
    with psycopg.connect(**connection_params(connection.settings_dict), dbname=dbname) as database:
        tables = [row[0] for row in database.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )]  # fmt: skip
        rows = {
            table: database.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, chr(10) ORDER BY t::text), '')) FROM \"{table}\" t"  # noqa: S608
            ).fetchone()
            for table in tables
        }
        cost = database.execute("SELECT procost FROM pg_proc WHERE proname = 'ts_match_vq'").fetchone()[0]
    return rows, cost


def served_by(dbname):
    params = connection_params(connection.settings_dict)
    url = f"postgres://{params['user']}@{params['host']}:{params['port']}/{dbname}"
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(
        DATABASE_URL=url, DJANGO_DEBUG="1", DJANGO_ALLOWED_HOSTS="testserver", DJANGO_SETTINGS_MODULE="config.settings"
    )
    result = subprocess.run(
        [sys.executable, "-c", READ_RESTORED], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_row_and_what_the_database_needs(tmp_path):
    for number in range(3):
        make.practice(f"Backed up {number}", areas=[make.area()], tags=["kept"], references=[("r", "https://e.org")])
    make.practice("Cantonal welcome", place="Canton of Neuchâtel", purpose="=1+1 looks like a formula")
    archive = tmp_path / "compendium.dump"
    call_command("backup_database", output=str(archive))
    assert archive.stat().st_size > 0
    source = connection.settings_dict["NAME"]
    target = source + "_restored"
    try:
        call_command("restore_database", str(archive), database=target)
        restored = fingerprints(target)
        assert restored == fingerprints(source)
        assert restored[0]["practices_practice"][0] == 4
        call_command("restore_database", str(archive), database=target)  # again, over itself
        assert fingerprints(target) == restored

        seen = served_by(target)
        assert seen["found"] == ["Cantonal welcome"]
        assert ",'=1+1 looks like a formula," in seen["export"]
        assert seen["after"] == ["Written after the restore"]
    finally:
        with psycopg.connect(**connection_params(connection.settings_dict), dbname="postgres", autocommit=True) as s:
            s.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
