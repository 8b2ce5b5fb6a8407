import subprocess
from pathlib import Path

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from psycopg import sql

from config.management.commands.backup_database import libpq_environment
from config.management.commands.ensure_database import connection_params

# What the database needs that pg_dump does not carry: the price of a full-text match lives in
# the system catalog (see vocabulary migration 0003), so a restored database gets it again here.
NOT_IN_THE_ARCHIVE = """
DO $$ BEGIN
    ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) COST 100;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'Not allowed to reprice ts_match_vq; full-text search may choose slower plans.';
END $$;
"""


class Command(BaseCommand):
    help = "Restore a pg_dump archive into a database (created when missing, emptied when not)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--database", help="Target database name (default: the configured one).")

    def handle(self, *args, archive, database=None, **options):
        archive = Path(archive)
        if not archive.is_file():
            raise CommandError(f"No archive at {archive}.")
        settings_dict = connection.settings_dict
        target = database or settings_dict["NAME"]
        with psycopg.connect(**connection_params(settings_dict), dbname="postgres", autocommit=True) as server:
            if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target]).fetchone():
                server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target)))
        result = subprocess.run(  # noqa: S603
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",  # noqa: S607
             f"--dbname={target}", str(archive)],
            env=libpq_environment(settings_dict), capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        with psycopg.connect(**connection_params(settings_dict), dbname=target, autocommit=True) as restored:
            restored.execute(NOT_IN_THE_ARCHIVE)
        self.stdout.write(self.style.SUCCESS(f"Restored {archive} into {target!r}."))
