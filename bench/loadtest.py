"""`make loadtest`: 20 readers against the production stack at rest, under attack and through an outage.

deploy/serve.py (nginx in front of gunicorn, production settings, the Redis
page cache) serves the portal on a loopback port. Twenty reader threads loop
over the list, filtered, search and detail pages through four phases:

- rest: nothing else happens;
- slow clients: 50 more clients, half sending their headers a line a second,
  half asking for the whole export and reading nothing;
- export flood: 8 clients looping on the whole export as fast as they can;
- outage: PostgreSQL is stopped for 10 s, then started.

A warm-up of half a phase comes first and is not reported.

Each client speaks from its own loopback address (127.0.x.y), as clients on
the internet do, so nginx's per-client limits apply to each as in production;
a reader waits 0.1 to 0.3 s between pages (a quick reader, well under nginx's
10 pages a second). The attackers run in a process of their own at the
lowest CPU priority: on the internet their machines are not the server's, and
here their own looping would otherwise take a core from the server.
It prints, per phase, requests, failures and p50/p95 (all pages and the list);
for the outage, failed reads of pages seen before it (target 0), failed first
visits, and the time to recover (target ≤ 5 s); and whether the list's median
under attack stays within twice its median at rest. Exit status 1 when a
target is missed.

Usage: python bench/loadtest.py [--users 20] [--phase-seconds 20] [--outage-seconds 10]
       (DATABASE_URL: another database, e.g. a benchmark one of 100,000 practices)
"""

import argparse
import json
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe import get
from run import ROOT, SERVER_ENV, free_port, read_local_database_url
from slow_clients import slow_headers, slow_reader, wait_until_up

TARGET_RECOVERY_S = 5
TARGET_ATTACK_FACTOR = 2
SLOW_CLIENTS, FLOODERS = 50, 8
OWN_CACHE = "redis://127.0.0.1:6379/3"
LIST = "/practices/"


def postgres(action):
    """Stop or start the PostgreSQL this project uses: the project-local cluster or Debian's own."""
    local = ROOT / "var" / "postgres" / "data"
    if (ROOT / "var" / "database_url").exists() and local.exists():
        bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        runner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        command = [*runner, str(bindir / "pg_ctl"), "-D", str(local), "-w", "-m", "fast", action]
        if action == "start":
            command += ["-l", str(local.parent / "postgres.log")]
        subprocess.run(command, check=True, capture_output=True)  # noqa: S603
        return
    versions = sorted(Path("/etc/postgresql").iterdir())
    if not versions:
        raise SystemExit("Cannot find the PostgreSQL cluster to stop and start.")
    subprocess.run(  # noqa: S603
        ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1].name, "main", action],  # noqa: S607
        check=True, capture_output=True,
    )  # fmt: skip


def reader_paths(database_url):
    import psycopg

    with psycopg.connect(database_url) as connection:
        slugs = [row[0] for row in connection.execute(
            "SELECT slug FROM practices_practice WHERE status = 'published' ORDER BY id LIMIT 50")]  # fmt: skip
    if not slugs:
        raise SystemExit("No published practices: run `make db` first.")
    filtered = ["/practices/?country=ES", "/practices/?level=local&ongoing=1", "/practices/?theme=valuing-diversity"]
    searches = ["migrants", "roma", "anti-rumours", "education", "bilbao", "women", "youth"]
    return [
        (30, lambda rng: LIST),
        (20, lambda rng: rng.choice(filtered)),
        (15, lambda rng: "/practices/?q=" + rng.choice(searches)),
        (30, lambda rng: f"/practices/{rng.choice(slugs)}/"),
        # A search nobody made before: always a first visit.
        (5, lambda rng: f"/practices/?q=word{rng.randrange(10**9)}"),
    ]


def address(group, number):
    """A loopback source address of its own for each client (Linux answers all of 127.0.0.0/8)."""
    return f"127.0.{group}.{number + 1}"


class Run:
    """The readers' records: (phase, path, started at, seconds, status, stale)."""

    def __init__(self, port, paths, users):
        self.port, self.paths, self.users = port, paths, users
        self.records, self.lock = [], threading.Lock()
        self.phase, self.started = "warm-up", time.monotonic()
        self.finished = threading.Event()

    def now(self):
        return time.monotonic() - self.started

    def reader(self, number):
        rng = random.Random(number)
        weights = [weight for weight, _ in self.paths]
        source = address(1, number)
        while not self.finished.is_set():
            path = rng.choices(self.paths, weights)[0][1](rng)
            begin, phase = self.now(), self.phase
            answer = get(self.port, path, source=source, keep_body=True)
            with self.lock:
                self.records.append(
                    (phase, path, begin, answer.seconds, answer.status, b"notice--stale" in answer.body)
                )
            self.finished.wait(rng.uniform(0.1, 0.3))


def flooder(port, number, stop):
    while not stop.is_set():
        get(port, "/practices/export.csv", source=address(3, number), timeout=60)


def attackers(port, kind, count, stop):
    """A process of their own, until `stop` (a multiprocessing.Event) is set."""
    process = multiprocessing.Process(target=attack, args=(port, kind, count, stop))
    process.start()
    return process


def attack(port, kind, count, stop):
    os.nice(19)
    if kind == "slow clients":
        targets = [(slow_headers if n % 2 else slow_reader, n) for n in range(count)]
        threads = [threading.Thread(target=again, args=(target, port, stop, address(2, n))) for target, n in targets]
    else:
        threads = [threading.Thread(target=flooder, args=(port, n, stop)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def again(target, port, stop, source):
    """A slow client that comes back each time the server closes on it."""
    while not stop.is_set():
        try:
            target(port, stop, source)
        except OSError:
            stop.wait(0.5)


def milliseconds(values, share):
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * share))] * 1000, 1) if values else None


def phase_summary(records):
    ok = [r for r in records if r[4] == 200]
    lists = [r[3] for r in ok if r[1] == LIST]
    return {
        "requests": len(records),
        "failures": len(records) - len(ok),
        "statuses": sorted({str(r[4]) for r in records if r[4] != 200}),
        "p50_ms": milliseconds([r[3] for r in ok], 0.5),
        "p95_ms": milliseconds([r[3] for r in ok], 0.95),
        "list_p50_ms": milliseconds(lists, 0.5),
        "list_p95_ms": milliseconds(lists, 0.95),
    }


def outage_summary(records, window):
    seen_before = {r[1] for r in records if r[2] < window["down"] and r[4] == 200}
    during = [r for r in records if r[2] + r[3] >= window["down"] and r[2] <= window["up"]]
    failed_seen = [r for r in during if r[4] != 200 and r[1] in seen_before]
    failed_first = [r for r in during if r[4] != 200 and r[1] not in seen_before]
    after = [r for r in records if r[2] >= window["up"]]
    last_failure_end = max((r[2] + r[3] for r in after if r[4] != 200), default=window["up"])
    return {
        "stopped_for_s": round(window["up"] - window["down"], 2),
        "statuses": sorted({str(r[4]) for r in records if r[4] != 200}),
        "reads_of_pages_seen_before": len([r for r in during if r[1] in seen_before]),
        "failed_reads_of_pages_seen_before": len(failed_seen),
        "served_stale_with_a_notice": len([r for r in during if r[5]]),
        "first_visits": len([r for r in during if r[1] not in seen_before]),
        "failed_first_visits": len(failed_first),
        "time_to_recover_s": round(max(0.0, last_failure_end - window["up"]), 2),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--phase-seconds", type=float, default=20)
    parser.add_argument("--outage-seconds", type=float, default=10)
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL") or read_local_database_url()
    port = free_port()
    state = Path(tempfile.mkdtemp(prefix="loadtest-"))
    cache_url = os.environ.get("DJANGO_CACHE_URL") or OWN_CACHE
    if cache_url == OWN_CACHE:
        # Its own Redis database, emptied: a "first visit" must not find a copy an earlier run kept.
        import redis

        redis.Redis.from_url(OWN_CACHE).flushdb()
    env = {
        **os.environ, **SERVER_ENV, "DATABASE_URL": database_url, "WEB_CONCURRENCY": "2", "DJANGO_CACHE_URL": cache_url,
    }  # fmt: skip
    stack = subprocess.Popen(  # noqa: S603
        [sys.executable, "deploy/serve.py", "--port", str(port), "--state-dir", str(state)],
        cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    run = Run(port, reader_paths(database_url), args.users)
    window = {}
    try:
        wait_until_up(port, stack)
        readers = [threading.Thread(target=run.reader, args=(n,)) for n in range(args.users)]
        for thread in readers:
            thread.start()
        time.sleep(args.phase_seconds / 2)  # workers started, the pages seen once: not reported
        run.phase = "rest"
        time.sleep(args.phase_seconds)
        for phase, count in (("slow clients", SLOW_CLIENTS), ("export flood", FLOODERS)):
            stop = multiprocessing.Event()
            run.phase = phase
            process = attackers(port, phase, count, stop)
            time.sleep(args.phase_seconds)
            stop.set()
            run.phase = "between"
            process.join(timeout=70)
            if process.is_alive():
                process.kill()
            time.sleep(2)
        run.phase = "outage"
        time.sleep(3)
        window["down"] = run.now()
        postgres("stop")
        time.sleep(args.outage_seconds)
        postgres("start")
        window["up"] = run.now()
        time.sleep(args.phase_seconds)
        run.finished.set()
        for thread in readers:
            thread.join(timeout=40)
    finally:
        run.finished.set()
        if "down" in window and "up" not in window:
            postgres("start")
        os.killpg(stack.pid, signal.SIGTERM)
        try:
            stack.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(stack.pid, signal.SIGKILL)
        shutil.rmtree(state, ignore_errors=True)
    report(run.records, window, args)


def report(records, window, args):
    phases = {name: phase_summary([r for r in records if r[0] == name]) for name in ("rest", "slow clients",
                                                                                       "export flood")}  # fmt: skip
    outage = outage_summary([r for r in records if r[0] == "outage"], window)
    summary = {"users": args.users, "phases": phases, "outage": outage}
    print(json.dumps(summary, indent=2))
    rest = phases["rest"]["list_p50_ms"] or 0
    checks = [
        (f"failed reads of pages seen before the outage: {outage['failed_reads_of_pages_seen_before']} (target 0)",
         outage["failed_reads_of_pages_seen_before"] == 0),
        (f"recovered {outage['time_to_recover_s']} s after PostgreSQL was back (target ≤ {TARGET_RECOVERY_S} s)",
         outage["time_to_recover_s"] <= TARGET_RECOVERY_S),
    ]  # fmt: skip
    for name in ("slow clients", "export flood"):
        median = phases[name]["list_p50_ms"]
        checks.append((f"list median under {name}: {median} ms, at rest {rest} ms (target ≤ {TARGET_ATTACK_FACTOR}×)",
                       median is not None and median <= TARGET_ATTACK_FACTOR * max(rest, 1)))  # fmt: skip
    print()
    for name, phase in phases.items():
        print(f"{name:>13}: {phase['requests']} requests, {phase['failures']} failures {phase['statuses']}, "
              f"p50 {phase['p50_ms']} ms, p95 {phase['p95_ms']} ms; list p50 {phase['list_p50_ms']} ms")  # fmt: skip
    print(f"{'outage':>13}: {outage['first_visits']} first visits ({outage['failed_first_visits']} failed), "
          f"{outage['reads_of_pages_seen_before']} reads of pages seen before "
          f"({outage['served_stale_with_a_notice']} served from the cache with a notice)")  # fmt: skip
    for text, holds in checks:
        print(("holds   " if holds else "MISSED  ") + text)
    (ROOT / "bench" / "loadtest.json").write_text(json.dumps(summary, indent=2) + "\n")
    sys.exit(0 if all(holds for _, holds in checks) else 1)


if __name__ == "__main__":
    main()
