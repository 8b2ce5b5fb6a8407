"""make backup / make restore: a pg_dump archive that restores to the same rows."""

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from config.management.commands.ensure_database import connection_params
from tests import factories as make

TABLES = ["practices_practice", "practices_referencelink", "practices_taggedpractice", "practices_practice_areas",
          "compendium_country", "compendium_area", "taggit_tag", "auth_group_permissions"]  # fmt: skip


def row_counts(dbname):
    with psycopg.connect(**connection_params(connection.settings_dict), dbname=dbname) as database:
        return {table: database.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}  # noqa: S608


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_another_database_with_equal_row_counts(tmp_path):
    for number in range(3):
        make.practice(f"Backed up {number}", areas=[make.area()], tags=["kept"], references=[("r", "https://e.org")])
    archive = tmp_path / "compendium.dump"
    call_command("backup_database", output=str(archive))
    assert archive.stat().st_size > 0
    source = connection.settings_dict["NAME"]
    target = source + "_restored"
    try:
        call_command("restore_database", str(archive), database=target)
        restored = row_counts(target)
        assert restored == row_counts(source)
        assert restored["practices_practice"] == 3
        call_command("restore_database", str(archive), database=target)  # again, over itself
        assert row_counts(target) == restored
    finally:
        with psycopg.connect(**connection_params(connection.settings_dict), dbname="postgres", autocommit=True) as s:
            s.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
