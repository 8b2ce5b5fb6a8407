"""A local PostgreSQL streaming replica of the primary: `manage.py replica start|stop|status`.

`start` copies the primary with pg_basebackup (-R writes standby.signal and
primary_conninfo), then runs it as the `postgres` system user under
var/replica on its own port, read-only and following the primary's WAL. It
prints the DATABASE_REPLICA_URL to use. Running it again changes nothing.

The primary must accept replication connections from 127.0.0.1. When it
does not, and its pg_hba.conf is a file on this machine we may write (a
Debian cluster, as root), one line is appended, with the authentication
method its loopback line already uses, and the configuration reloaded:
`host replication <user> 127.0.0.1/32 <method>`. Nothing else is changed;
wal_level=replica and max_wal_senders>0 are PostgreSQL's defaults, and a
primary without them is reported, not restarted.
"""

import shutil
import subprocess
import time
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config.management.commands.ensure_database import connection_params, postgres_bindir, server_answers, server_user

REPLICA_PORT = 54330


class Command(BaseCommand):
    help = "Start, stop or describe a local streaming replica of the primary database."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "stop", "status"])
        parser.add_argument("--port", type=int, default=REPLICA_PORT)
        parser.add_argument("--data-dir", type=Path, default=Path(settings.BASE_DIR) / "var" / "replica")

    def handle(self, *args, action, port, data_dir, **options):
        self.root = data_dir.resolve()
        self.data = self.root / "data"
        self.port = port
        self.bindir = postgres_bindir()
        self.run_as = server_user()
        getattr(self, action)()

    # The three actions.

    def start(self):
        primary = connection_params(settings.DATABASES["default"])
        if not server_answers(primary):
            raise CommandError(f"No primary answers at {primary['host']}:{primary['port']}: start it first (make db).")
        if not (self.data / "PG_VERSION").exists():
            self.allow_replication(primary)
            self.copy_primary(primary)
        if not server_answers(self.params()):
            self.pg_ctl(
                "start", "-l", self.root / "server.log",
                "-o", f"-p {self.port} -k {self.root / 'run'} -c listen_addresses=127.0.0.1 -c hot_standby=on",
            )  # fmt: skip
        self.wait_until_streaming()
        self.stdout.write(self.style.SUCCESS("The replica streams from the primary. Use it with:"))
        self.stdout.write(f"DATABASE_REPLICA_URL={self.url()}")

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self.pg_ctl("stop", "-m", "fast")
            self.stdout.write("The replica is stopped.")
        else:
            self.stdout.write("No replica runs here.")

    def status(self):
        if not server_answers(self.params()):
            self.stdout.write("No replica answers.")
            return
        with psycopg.connect(**self.params(), dbname="postgres") as replica:
            receiving = replica.execute("SELECT status, sender_host FROM pg_stat_wal_receiver").fetchone()
            delay = replica.execute("SELECT now() - pg_last_xact_replay_timestamp()").fetchone()[0]
        self.stdout.write(
            f"DATABASE_REPLICA_URL={self.url()}\nreceiving: {receiving}; last replayed change: {delay} ago"
        )

    # Steps.

    def allow_replication(self, primary):
        """Make sure the primary lets a replication connection in from 127.0.0.1; see the module's docstring."""
        if replication_allowed(primary):
            return
        with psycopg.connect(**primary, dbname="postgres", autocommit=True) as conn:
            wal_level, senders = (
                conn.execute(f"SHOW {name}").fetchone()[0] for name in ("wal_level", "max_wal_senders")
            )
            if wal_level == "minimal" or int(senders) == 0:
                raise CommandError(
                    f"The primary has wal_level={wal_level}, max_wal_senders={senders}: set wal_level=replica "
                    "and max_wal_senders=10 (PostgreSQL's defaults) and restart it."
                )
            hba_file = Path(conn.execute("SHOW hba_file").fetchone()[0])
            method = conn.execute(
                "SELECT auth_method FROM pg_hba_file_rules WHERE type = 'host' AND address = '127.0.0.1' "
                "AND 'all' = ANY(database) ORDER BY line_number LIMIT 1"
            ).fetchone()
            line = f"host replication {primary['user']} 127.0.0.1/32 {method[0] if method else 'scram-sha-256'}"
            if primary["host"] not in ("127.0.0.1", "localhost") or not hba_file.exists():
                raise CommandError(f"The primary refuses replication connections: add to its pg_hba.conf: {line}")
            if line not in hba_file.read_text().splitlines():
                with hba_file.open("a") as hba:
                    hba.write(f"\n# Added by `manage.py replica start`: a local streaming replica.\n{line}\n")
                self.stdout.write(f"Added to {hba_file}: {line}")
            conn.execute("SELECT pg_reload_conf()")
        for _ in range(20):
            if replication_allowed(primary):
                return
            time.sleep(0.1)
        raise CommandError("The primary still refuses replication connections after reloading its configuration.")

    def copy_primary(self, primary):
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "run").mkdir(exist_ok=True)
        if self.data.exists():
            shutil.rmtree(self.data)  # a copy that never finished
        if self.run_as:
            for folder in (self.root, self.root / "run"):
                shutil.chown(folder, self.run_as, self.run_as)
        self.stdout.write(f"Copying the primary at {primary['host']}:{primary['port']} into {self.data}…")
        self.run(
            self.bindir / "pg_basebackup", "-h", primary["host"], "-p", primary["port"], "-U", primary["user"],
            "-D", self.data, "-X", "stream", "-R", "-c", "fast",
        )  # fmt: skip
        # A Debian cluster keeps its configuration in /etc, outside the copied folder.
        config = self.data / "postgresql.conf"
        if not config.exists():
            config.write_text("# A local streaming replica (manage.py replica).\nhot_standby = on\n")
        access = self.data / "pg_hba.conf"
        if not access.exists():
            access.write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
        if self.run_as:
            for path in (config, access):
                shutil.chown(path, self.run_as, self.run_as)

    def wait_until_streaming(self):
        for _ in range(100):
            try:
                with psycopg.connect(**self.params(), dbname="postgres", connect_timeout=2) as replica:
                    in_recovery = replica.execute("SELECT pg_is_in_recovery()").fetchone()[0]
                    streaming = replica.execute("SELECT status FROM pg_stat_wal_receiver").fetchone()
                if not in_recovery:
                    raise CommandError(f"The server on port {self.port} is not a replica.")
                if streaming and streaming[0] == "streaming":
                    return
            except psycopg.OperationalError:
                pass
            time.sleep(0.2)
        raise CommandError(f"The replica does not stream from the primary; see {self.root / 'server.log'}.")

    # Helpers.

    def params(self):
        return {"host": "127.0.0.1", "port": self.port, "user": settings.DATABASES["default"]["USER"] or "postgres"}

    def url(self):
        return f"postgres://{self.params()['user']}@127.0.0.1:{self.port}/{settings.DATABASES['default']['NAME']}"

    def pg_ctl(self, *arguments):
        self.run(self.bindir / "pg_ctl", "-D", self.data, "-w", *arguments)

    def run(self, *command):
        command = [str(part) for part in command]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        subprocess.run(command, check=True)  # noqa: S603


def replication_allowed(primary):
    try:
        with psycopg.connect(**primary, replication="true", connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False
