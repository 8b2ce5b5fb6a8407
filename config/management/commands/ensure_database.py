"""Make sure a PostgreSQL server answers and the configured database exists.

When DATABASE_URL is not set and nothing answers at the default address, a
project-local cluster is started under var/postgres with the machine's
PostgreSQL binaries (installing Debian's package when they are missing), and
var/database_url records its address for every later command.
"""

import glob
import os
import shutil
import subprocess
import time
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg import sql

LOCAL_PORT = 54329


class Command(BaseCommand):
    help = "Ensure a PostgreSQL server answers and the configured database exists."

    def add_arguments(self, parser):
        parser.add_argument(
            "--server-only", action="store_true", help="Only make sure a server answers (the tests create their own)."
        )

    def handle(self, *args, server_only=False, **options):
        db = settings.DATABASES["default"]
        params = connection_params(db)
        if not server_answers(params):
            if os.environ.get("DATABASE_URL"):
                raise CommandError(
                    f"No PostgreSQL answers at DATABASE_URL ({db['HOST']}:{db['PORT']}). "
                    "Start that server, or unset DATABASE_URL to use a project-local cluster under var/."
                )
            params = self.start_local_cluster(db)
        if not server_only:
            self.create_database(params, db["NAME"])

    def create_database(self, params, name):
        with psycopg.connect(**params, dbname="postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists:
                self.stdout.write(f"Database {name!r} is ready.")
                return
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            self.stdout.write(self.style.SUCCESS(f"Created database {name!r}."))

    def start_local_cluster(self, db):
        root = Path(settings.BASE_DIR) / "var" / "postgres"
        data, sockets, log = root / "data", root / "run", root / "server.log"
        bindir = postgres_bindir()
        self.stdout.write(f"No PostgreSQL answers at {db['HOST']}:{db['PORT']}; using a local cluster in {root}.")
        run_as = server_user()
        if not (data / "PG_VERSION").exists():
            root.mkdir(parents=True, exist_ok=True)
            sockets.mkdir(exist_ok=True)
            if run_as:
                shutil.chown(root, run_as)
                shutil.chown(sockets, run_as)
            self.run(run_as, [bindir / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"])
        params = {"host": "127.0.0.1", "port": LOCAL_PORT, "user": "postgres"}
        if not server_answers(params):
            options = f"-p {LOCAL_PORT} -k {sockets} -c listen_addresses=127.0.0.1"
            self.run(run_as, [bindir / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "start"])
            for _ in range(50):
                if server_answers(params):
                    break
                time.sleep(0.2)
            else:
                raise CommandError(f"The local PostgreSQL did not start; see {log}.")
        url = f"postgres://postgres@127.0.0.1:{LOCAL_PORT}/{db['NAME']}"
        (Path(settings.BASE_DIR) / "var" / "database_url").write_text(url + "\n")
        self.stdout.write(self.style.SUCCESS(f"Local PostgreSQL answers at {url}"))
        return params

    def run(self, user, command):
        command = [str(part) for part in command]
        if user:
            command = ["runuser", "-u", user, "--", *command]
        subprocess.run(command, check=True)  # noqa: S603


def connection_params(db):
    params = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"] or "postgres"}
    if db.get("PASSWORD"):
        params["password"] = db["PASSWORD"]
    return params


def server_answers(params):
    try:
        with psycopg.connect(**params, dbname="postgres", connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def postgres_bindir():
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    if os.geteuid() != 0:
        raise CommandError("PostgreSQL's binaries are missing: install Debian's 'postgresql' package.")
    subprocess.run(["apt-get", "update", "-qq"], check=True)  # noqa: S607
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "postgresql"],  # noqa: S607
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    return postgres_bindir()


def server_user():
    """PostgreSQL refuses to run as root; run it as the 'postgres' system user then."""
    if os.geteuid() != 0:
        return None
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)  # noqa: S607
    return "postgres"
