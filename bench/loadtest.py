"""`make loadtest`: 20 concurrent users for 60 s on 127.0.0.1, with a PostgreSQL restart in the middle.

gunicorn serves the portal on a loopback port; twenty client threads loop
over the list, search, detail and export pages; at 25 s PostgreSQL is
restarted. It prints requests, failures, p50/p95, the failures that fell
outside the restart window (target 0) and the time to recover (target
≤ 5 s), then stops by itself. A bounded load generator of our own (threads
and http.client) stands in for locust: nothing leaves the machine.

Usage: python bench/loadtest.py [--users 20] [--seconds 60] [--restart-at 25]
"""

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import ROOT, SERVER_ENV, free_port, read_local_database_url

TARGET_RECOVERY_S = 5


def restart_postgres():
    """Restart the PostgreSQL this project uses: the project-local cluster or Debian's own."""
    local = ROOT / "var" / "postgres" / "data"
    if (ROOT / "var" / "database_url").exists() and local.exists():
        command = ["pg_ctl", "-D", str(local), "-w", "-m", "fast", "restart"]
        runner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        command[0] = str(bindir / "pg_ctl")
        subprocess.run([*runner, *command], check=True, capture_output=True)  # noqa: S603
        return
    versions = sorted(Path("/etc/postgresql").iterdir())
    if not versions:
        raise SystemExit("Cannot find the PostgreSQL cluster to restart.")
    subprocess.run(  # noqa: S603
        ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1].name, "main", "restart"],  # noqa: S607
        check=True, capture_output=True,
    )  # fmt: skip


def choose_paths(database_url):
    import psycopg

    with psycopg.connect(database_url) as connection:
        slugs = [row[0] for row in connection.execute(
            "SELECT slug FROM practices_practice WHERE status = 'published' ORDER BY id LIMIT 50")]  # fmt: skip
    if not slugs:
        raise SystemExit("No published practices: run `make db` first.")
    return [
        (30, lambda: "/practices/"),
        (
            15,
            lambda: random.choice(
                [
                    "/practices/?country=ES",
                    "/practices/?level=local&ongoing=1",
                    "/practices/?theme=valuing-diversity&sort=title",
                ]
            ),
        ),
        (20, lambda: "/practices/?q=" + random.choice(["migrants", "roma", "anti-rumours", "education", "bilbao"])),
        (30, lambda: f"/practices/{random.choice(slugs)}/"),
        (5, lambda: "/practices/export.csv?country=ES"),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--restart-at", type=float, default=25)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL") or read_local_database_url()
    paths = choose_paths(database_url)
    weights = [weight for weight, _ in paths]
    port = free_port()
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": database_url}
    server = subprocess.Popen(  # noqa: S603
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--timeout", "30", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_until_up(port)

    records = []  # (started, seconds, ok, status)
    lock = threading.Lock()
    started_at = time.monotonic()
    deadline = started_at + args.seconds

    def user():
        rng = random.Random()
        while time.monotonic() < deadline:
            path = rng.choices(paths, weights)[0][1]()
            begin = time.monotonic()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("GET", path, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                status = response.status
                connection.close()
            except OSError as error:
                status = type(error).__name__
            with lock:
                records.append((begin - started_at, time.monotonic() - begin, status == 200, status))

    window = {}

    def restarter():
        time.sleep(args.restart_at)
        window["start"] = time.monotonic() - started_at
        restart_postgres()
        window["end"] = time.monotonic() - started_at

    threads = [threading.Thread(target=user) for _ in range(args.users)] + [threading.Thread(target=restarter)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    server.terminate()
    server.wait(timeout=20)
    report(records, window, args)


def wait_until_up(port):
    for _ in range(150):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not come up")


def report(records, window, args):
    latencies = sorted(seconds * 1000 for _, seconds, _, _ in records)
    failures = [r for r in records if not r[2]]
    # A request fails "inside" the window if it was in flight while PostgreSQL was down.
    outside = [r for r in failures if r[0] + r[1] < window["start"] or r[0] > window["end"]]
    first_success_after = min((r[0] + r[1] for r in records if r[2] and r[0] >= window["end"]), default=None)
    last_failure = max((r[0] + r[1] for r in failures), default=None)
    recovery = None
    if first_success_after is not None:
        recovery = max(0.0, first_success_after - window["end"])
    summary = {
        "users": args.users,
        "seconds": args.seconds,
        "requests": len(records),
        "failures": len(failures),
        "failure_statuses": sorted({str(r[3]) for r in failures}),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95)], 1),
        "restart_window_s": [round(window["start"], 2), round(window["end"], 2)],
        "failures_outside_restart_window": len(outside),
        "time_to_recover_s": round(recovery, 2) if recovery is not None else None,
        "last_failure_at_s": round(last_failure, 2) if last_failure is not None else None,
    }
    print(json.dumps(summary, indent=2))
    holds = summary["failures_outside_restart_window"] == 0 and recovery is not None and recovery <= TARGET_RECOVERY_S
    print(
        f"\n{summary['requests']} requests, {summary['failures']} failures "
        f"({summary['failures_outside_restart_window']} outside the restart window, target 0); "
        f"p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms; "
        f"recovered {summary['time_to_recover_s']} s after PostgreSQL was back (target ≤ {TARGET_RECOVERY_S} s): "
        + ("targets hold" if holds else "TARGET MISSED")
    )
    (ROOT / "bench" / "loadtest.json").write_text(json.dumps(summary, indent=2) + "\n")
    sys.exit(0 if holds else 1)


if __name__ == "__main__":
    main()
