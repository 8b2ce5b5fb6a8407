import subprocess
from pathlib import Path

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from psycopg import sql

from config.management.commands.backup_database import libpq_environment
from config.management.commands.ensure_database import connection_params


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
        self.stdout.write(self.style.SUCCESS(f"Restored {archive} into {target!r}."))
