import datetime
import os
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def libpq_environment(database):
    """PG* variables so pg_dump/pg_restore reach the same server Django uses."""
    return {
        **os.environ,
        "PGHOST": database["HOST"] or "127.0.0.1",
        "PGPORT": str(database["PORT"] or 5432),
        "PGUSER": database["USER"] or "postgres",
        **({"PGPASSWORD": database["PASSWORD"]} if database.get("PASSWORD") else {}),
    }


class Command(BaseCommand):
    help = "Write a pg_dump archive (custom format) of the database."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Archive path (default: var/backups/<database>-<time>.dump).")

    def handle(self, *args, output=None, **options):
        database = connection.settings_dict
        if output is None:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.BASE_DIR) / "var" / "backups" / f"{database['NAME']}-{stamp}.dump"
        output = Path(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(  # noqa: S603
            ["pg_dump", "--format=custom", "--no-owner", f"--file={output}", database["NAME"]],  # noqa: S607
            env=libpq_environment(database), capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({output.stat().st_size:,} bytes)."))
