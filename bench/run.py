"""The benchmark behind `make bench`: the portal under gunicorn at several data sizes.

For each size it builds a separate database (the real compendium plus
synthetic practices up to that size), serves it with gunicorn on 127.0.0.1,
and measures over HTTP, after a warm-up: the list (unfiltered, filtered,
searched, deep pages), a detail page, the list, filtered list and detail page
in French (/fr/, the same targets), the same through the API, the full CSV
export (total time, time to first byte, server memory growth) and the list's throughput under two
concurrent clients. It also counts the SQL queries of each page in-process
and keeps EXPLAIN (ANALYZE) of each page's slowest query.

Each page is timed twice when a shared cache is configured (DJANGO_CACHE_URL): by
a server without any cache (the SQL alone) and by one with it. For every page the
table gives the median and 95th percentile of both, the page's SQL time (the sum
of its queries' times, in-process, median of a few runs), its target and whether
it holds; the worst filter combinations found are timed like any page (≤ 1 s).

Usage: python bench/run.py [--sizes 1000 10000 100000] [--requests 40] [--keep] [--reuse]
"""

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable

from probe import get  # noqa: E402

from api.cursors import encode_cursor  # noqa: E402  (plain Python: the API's own cursor format)

RESULTS = ROOT / "bench" / "results.json"
EXPLAINS = ROOT / "bench" / "explain"
SERVER_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
    "DJANGO_SECURE_SSL": "0",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "DJANGO_LOG_LEVEL": "WARNING",
    # The benchmark is one client asking fast: the API's rate limit (still counted) must not refuse it.
    "DJANGO_API_RATE_LIMIT": "1000000/minute",
}

# Targets at 100,000 practices (milliseconds unless said otherwise), issue 13.
TARGET_LIST_MS = 80
TARGET_SEARCH_MS = 100
TARGET_DETAIL_MS = 15
TARGET_CACHED_LIST_MS = 25
TARGET_WORST_MS = 1000
TARGET_EXPORT_S = 2.5
TARGET_EXPORT_TTFB_MS = 100
TARGET_EXPORT_MEMORY_MB = 50
TARGET_GROWTH = 3
# A page's time is at most this many times its SQL time (the rest is Python and templates).
TARGET_SQL_SHARE = 2
# At 1,000,000 practices.
TARGET_MILLION = {"list": 150, "search": 200, "detail": 20}
# Each page's kind, which names its target.
KINDS = {
    "list": "list", "list_filtered": "list", "list_country_ongoing": "list", "list_deep_page": "list",
    "search_common": "search", "search_rare": "search", "search_filtered": "search", "search_roma": "search",
    "detail": "detail", "list_fr": "list", "list_filtered_fr": "list", "detail_fr": "detail",
    "api_list": "list", "api_list_filtered": "list", "api_deep_page": "list",
    "api_search": "search", "api_detail": "detail",
    "worst_every_filter": "worst", "worst_prefix_search": "worst", "worst_search_deep_page": "worst",
    "worst_many_values": "worst",
}  # fmt: skip
TARGETS = {"list": TARGET_LIST_MS, "search": TARGET_SEARCH_MS, "detail": TARGET_DETAIL_MS, "worst": TARGET_WORST_MS}
CACHED_TARGETS = {"list": TARGET_CACHED_LIST_MS, "list_filtered": TARGET_CACHED_LIST_MS,
                  "list_country_ongoing": TARGET_CACHED_LIST_MS, "list_fr": TARGET_CACHED_LIST_MS,
                  "list_filtered_fr": TARGET_CACHED_LIST_MS}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--requests", type=int, default=40, help="Timed requests per page and size.")
    parser.add_argument("--throughput-requests", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="Keep the benchmark databases afterwards.")
    parser.add_argument("--reuse", action="store_true", help="Measure a database kept by --keep, if there is one.")
    parser.add_argument(
        "--pages", nargs="+", default=[], help="Time only these pages (by name), for a quick look: no export, "
        "no throughput, no table of targets, results.json left as it is.",
    )  # fmt: skip
    args = parser.parse_args()

    base_url = os.environ.get("DATABASE_URL") or read_local_database_url()
    results = {"cpu_count": os.cpu_count(), "git_commit": git_commit(), "sizes": {}}
    manage(base_url, "collectstatic", "--no-input")
    EXPLAINS.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        # Named after the database in use, so two worktrees' benchmarks never drop each other's.
        server, name = base_url.rsplit("/", 1)
        database_url = f"{server}/{name}_bench_{size}"
        print(f"\n== {size:,} practices ==", flush=True)
        if not (args.reuse and database_exists(database_url)):
            build_database(database_url, size)
        else:
            manage(database_url, "migrate", "--no-input")  # a kept database, brought up to the code's schema
        results["sizes"][str(size)] = measure_size(database_url, size, args)
        if args.pages:
            print_pages(results["sizes"][str(size)])
            continue
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")  # kept as it goes
        if not args.keep:
            drop_database(database_url)
    if args.pages:
        return
    results["targets"] = check_targets(results["sizes"])
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    print(f"\nWrote {RESULTS.relative_to(ROOT)} and {EXPLAINS.relative_to(ROOT)}/")


# Databases ------------------------------------------------------------------


def read_local_database_url():
    local = ROOT / "var" / "database_url"
    if local.exists():
        return local.read_text().strip()
    return "postgres://postgres@127.0.0.1:5432/compendium"


def manage(database_url, *arguments, quiet=True):
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": database_url}
    output = subprocess.DEVNULL if quiet else None
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True, stdout=output)  # noqa: S603


def build_database(database_url, size):
    drop_database(database_url)
    manage(database_url, "ensure_database")
    started = time.monotonic()
    manage(database_url, "migrate", "--no-input")
    manage(database_url, "import_compendium")
    real = count_rows(database_url)
    if size > real:
        manage(database_url, "generate_practices", "--count", str(size - real), "--seed", "1", quiet=False)
    run_sql(database_url, "VACUUM ANALYZE")
    print(f"Built in {time.monotonic() - started:.1f} s", flush=True)


def run_sql(database_url, statement):
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        cursor = connection.execute(statement)
        return cursor.fetchall() if cursor.description else None


def count_rows(database_url):
    return run_sql(database_url, "SELECT count(*) FROM practices_practice")[0][0]


def database_exists(database_url):
    import psycopg

    try:
        return count_rows(database_url) > 0
    except psycopg.Error:
        return False


def drop_database(database_url):
    import psycopg
    from psycopg import sql

    server, name = database_url.rsplit("/", 1)
    try:
        with psycopg.connect(server + "/postgres", autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    except psycopg.OperationalError:
        pass


# The server -----------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with two workers on a loopback port, for one database."""

    def __init__(self, database_url, cache_url=None):
        self.port = free_port()
        # Kept exports of its own: a file kept by an earlier run of the same database would be served
        # where the first export after a change is to be measured.
        self.export_files = Path(tempfile.mkdtemp(prefix="bench-exports-"))
        env = {**os.environ, **SERVER_ENV, "DATABASE_URL": database_url}
        env["DJANGO_EXPORT_FILES_DIR"] = str(self.export_files)
        env.pop("DJANGO_CACHE_URL", None)
        if cache_url:
            env["DJANGO_CACHE_URL"] = cache_url
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        # The worker time-out of deploy/gunicorn.conf.py: a worker's first list page at a million practices
        # reads the facet index, which takes tens of seconds.
        self.process = subprocess.Popen(  # noqa: S603
            [gunicorn, "config.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
             "--access-logfile", "-", "--log-level", "warning", "--timeout", "130"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.get("/").status == 200:
                return
            time.sleep(0.2)
        self.stop()  # no gunicorn left behind, serving on
        raise RuntimeError("gunicorn did not answer within 30 s")

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def get(self, path, headers=None):
        return get(self.port, path, headers=headers, timeout=300)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.export_files, ignore_errors=True)


def rss_kb(pid, field="VmRSS"):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except FileNotFoundError:
        return 0
    return 0


# Measurements ---------------------------------------------------------------


def pages_for(database_url):
    """The paths measured, chosen from the data itself."""
    rows = run_sql(
        database_url,
        "SELECT p.slug, p.country_id, "
        "(SELECT a.slug FROM practices_practice_areas pa JOIN compendium_area a ON a.id = pa.area_id "
        " WHERE pa.practice_id = p.id LIMIT 1) "
        "FROM practices_practice p WHERE p.slug = 'bilbao-anti-rumours-strategy' OR p.source_key IS NOT NULL "
        "ORDER BY (p.slug = 'bilbao-anti-rumours-strategy') DESC LIMIT 1",
    )
    slug, country, area = rows[0]
    many_countries = [code for (code,) in run_sql(
        database_url, "SELECT country_id FROM practices_practice WHERE country_id IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 8")]  # fmt: skip
    many_areas = [slug for (slug,) in run_sql(database_url, "SELECT slug FROM compendium_area ORDER BY id LIMIT 6")]
    total = count_rows(database_url)
    last_page = max(1, (total + 19) // 20)
    # The API's last page in title order: its cursor is the title and id of the 21st item from the end.
    before_last = run_sql(
        database_url,
        "SELECT title, id FROM practices_practice WHERE status = 'published' "
        "ORDER BY title DESC, id DESC OFFSET 20 LIMIT 1",
    )[0]
    deep_cursor = quote(encode_cursor("title", list(before_last)))
    return {
        "list": "/practices/",
        "list_filtered": f"/practices/?country={country}&area={area}&ongoing=1",
        "list_country_ongoing": f"/practices/?country={country}&ongoing=1",
        "list_deep_page": f"/practices/?sort=title&page={last_page}",
        "search_common": "/practices/?q=migrants",
        "search_rare": "/practices/?q=Gemengepakt",
        "search_filtered": f"/practices/?q=migrants&country={country}&area={area}",
        "search_roma": "/practices/?q=roma",
        "detail": f"/practices/{slug}/",
        # The same pages in French (/fr/): the same targets as the English ones.
        "list_fr": "/fr/practices/",
        "list_filtered_fr": f"/fr/practices/?country={country}&area={area}&ongoing=1",
        "detail_fr": f"/fr/practices/{slug}/",
        "map": "/practices/map/",
        "map_filtered": f"/practices/map/?area={area}&ongoing=1",
        "charts": "/practices/charts/",
        "charts_filtered": f"/practices/charts/?area={area}&ongoing=1",
        "api_list": "/api/v1/practices/",
        "api_list_filtered": f"/api/v1/practices/?country={country}&area={area}&ongoing=1",
        "api_deep_page": f"/api/v1/practices/?sort=title&cursor={deep_cursor}",
        "api_search": "/api/v1/practices/?q=migrants",
        "api_detail": f"/api/v1/practices/{slug}/",
        # The worst cases found: every filter at once, sorted by a column and deep down; a one-letter
        # prefix (the search box while typing: nearly every practice); a common word's last page; many values.
        "worst_every_filter": f"/practices/?q=migrants&country={country}&country=IT&country=DE&area={area}"
        "&level=local&ongoing=1&year_from=2010&year_to=2030&sort=country&page=3",
        "worst_prefix_search": "/practices/?q=m&typing=1",
        "worst_search_deep_page": f"/practices/?q=migrants&sort=-start&page={max(1, last_page // 4)}",
        "worst_many_values": "/practices/?"
        + "&".join(f"country={code}" for code in many_countries)
        + "".join(f"&area={slug}" for slug in many_areas)
        + "&sort=start",
    }


def timed(server, path, count):
    for _ in range(3):  # warm-up
        server.get(path)
    samples = []
    for _ in range(count):
        answer = server.get(path)
        if answer.status != 200:
            raise RuntimeError(f"{path} answered {answer.status}")
        samples.append(answer.seconds * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 1),
    }


def export_run(server):
    """The CSV of every practice: total, first byte, and the workers' memory growth while it runs."""
    server.get("/practices/export.csv?year_from=2100")  # warm the workers cheaply: a valid, empty export
    pids = server.worker_pids()
    before = {pid: rss_kb(pid) for pid in pids}
    peak = dict(before)
    done = threading.Event()

    def watch():
        while not done.is_set():
            for pid in pids:
                peak[pid] = max(peak[pid], rss_kb(pid))
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    # The first after a change writes the plain copy as it streams, then gzips it in the background;
    # later ones are served from the copies, timed once both are written.
    cold = server.get("/practices/export.csv")
    done.set()
    watcher.join()
    growth_mb = max((peak[pid] - before[pid]) / 1024 for pid in pids) if pids else None
    started = time.perf_counter()
    while not any(server.export_files.glob("*.csv.gz")) and time.perf_counter() - started < 300:
        time.sleep(0.1)
    gzipped_after_s = time.perf_counter() - started
    gzip = {"Accept-Encoding": "gzip"}
    zipped = server.get("/practices/export.csv", headers=gzip)
    plain = server.get("/practices/export.csv")
    filtered = server.get("/practices/export.csv?level=local", headers=gzip)
    return {
        "status": cold.status,  # an error's name when the answer was cut off (IncompleteRead)
        "total_s": round(zipped.seconds, 2),
        "first_byte_ms": round(zipped.first_byte_seconds * 1000, 1),
        "plain_total_s": round(plain.seconds, 2),
        "plain_first_byte_ms": round(plain.first_byte_seconds * 1000, 1),
        "first_after_change_s": round(cold.seconds, 2),
        "first_after_change_first_byte_ms": round(cold.first_byte_seconds * 1000, 1),
        "gzipped_copy_after_s": round(gzipped_after_s, 1),  # after the first answer's end
        "filtered_level_local_s": round(filtered.seconds, 2),
        "filtered_first_byte_ms": round(filtered.first_byte_seconds * 1000, 1),
        "memory_growth_mb": round(growth_mb, 1) if growth_mb is not None else None,
    }


def throughput(server, path, requests):
    """Requests per second with two concurrent clients and a fixed number of requests."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = list(pool.map(lambda _: server.get(path).status, range(requests)))
    elapsed = time.perf_counter() - started
    return {"requests": requests, "errors": sum(s != 200 for s in statuses), "per_second": round(requests / elapsed, 1)}


def queries_and_explains(database_url, pages, size):
    """In-process: SQL queries per page, and EXPLAIN (ANALYZE) of each page's slowest query."""
    script = ROOT / "bench" / "query_profile.py"
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": database_url}
    env.pop("DJANGO_CACHE_URL", None)  # the SQL of a page made from scratch
    output = subprocess.run(  # noqa: S603
        [PYTHON, str(script), json.dumps(pages), str(EXPLAINS / f"{size}")],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(output.stdout)


def measure_size(database_url, size, args):
    pages = pages_for(database_url)
    if args.pages:
        pages = {name: path for name, path in pages.items() if name in args.pages}
    result = {"practices": count_rows(database_url), "pages": {name: {"path": path} for name, path in pages.items()}}
    cache_url = os.environ.get("DJANGO_CACHE_URL")
    for mode, url in (("no_cache", None), ("cache", cache_url)):
        if mode == "cache" and not url:
            continue
        server = Server(database_url, url)
        try:
            for name, path in pages.items():
                result["pages"][name][mode] = timed(server, path, args.requests)
                print(f"  {mode:8} {name:22} {result['pages'][name][mode]['median_ms']:8.1f} ms median", flush=True)
            if mode == "no_cache" and not args.pages:
                result["export"] = export_run(server)
                print(f"  export             {result['export']}", flush=True)
                result["throughput"] = throughput(server, "/practices/", args.throughput_requests)
                print(f"  throughput         {result['throughput']}", flush=True)
        finally:
            server.stop()
    # The no-cache figures are the pages' own: the rest of the report reads them.
    for page in result["pages"].values():
        page.update(page["no_cache"])
    profiles = queries_and_explains(database_url, pages, size)
    for name, profile in profiles.items():
        result["pages"][name].update(profile)
    return result


# Report ---------------------------------------------------------------------


def print_pages(result):
    """The pages of a quick look (`--pages`): median and p95 with no cache, and their SQL time."""
    for name, page in result["pages"].items():
        print(f"  {name:22} median {page['median_ms']:7.1f} ms  p95 {page['p95_ms']:7.1f} ms  "
              f"SQL {page.get('sql_ms', 0):6.1f} ms  ({page.get('queries')} queries)")  # fmt: skip


def page_target(name):
    return TARGETS[KINDS.get(name, "list")]


def check_targets(sizes):
    largest = sizes.get("100000") or sizes[max(sizes, key=int)]
    smallest = sizes[min(sizes, key=int)]
    pages = largest["pages"]
    checks = []

    def check(name, value, limit, unit):
        checks.append({"target": name, "value": value, "limit": limit, "unit": unit, "holds": value <= limit})

    for name, page in pages.items():
        check(f"{name} median, no cache", page["median_ms"], page_target(name), "ms")
        if name in CACHED_TARGETS and "cache" in page:
            check(f"{name} median, cached", page["cache"]["median_ms"], CACHED_TARGETS[name], "ms")
        if page.get("sql_ms"):
            check(f"{name} time / SQL time", round(page["median_ms"] / page["sql_ms"], 1), TARGET_SQL_SHARE, "x")
    export = largest["export"]
    checks.append({"target": "export of every row answered whole, first after a change", "value": export["status"],
                   "limit": 200, "unit": "", "holds": export["status"] == 200})  # fmt: skip
    check("export total (kept file, gzip)", export["total_s"], TARGET_EXPORT_S, "s")
    check("export first byte (kept file, gzip)", export["first_byte_ms"], TARGET_EXPORT_TTFB_MS, "ms")
    check("export total (kept file, plain)", export["plain_total_s"], TARGET_EXPORT_S, "s")
    check("export first byte, first after a change", export["first_after_change_first_byte_ms"],
          TARGET_EXPORT_TTFB_MS, "ms")  # fmt: skip
    if export["memory_growth_mb"] is not None:
        check("export memory growth", export["memory_growth_mb"], TARGET_EXPORT_MEMORY_MB, "MB")
    million = sizes.get("1000000")
    if million:
        for name, page in million["pages"].items():
            kind = KINDS.get(name, "list")
            if kind in TARGET_MILLION:
                check(f"{name} median at 1,000,000", page["median_ms"], TARGET_MILLION[kind], "ms")
    for page, measured in pages.items():
        small = smallest["pages"][page]["median_ms"]
        check(f"{page} growth (x of smallest size)", round(measured["median_ms"] / small, 2), TARGET_GROWTH, "x")
        same = measured["queries"] == smallest["pages"][page]["queries"]
        checks.append({"target": f"{page} queries equal at every size", "value": measured["queries"],
                       "limit": smallest["pages"][page]["queries"], "unit": "queries", "holds": same})  # fmt: skip
    return checks


def print_table(results):
    nan = float("nan")
    for size in sorted(results["sizes"], key=int):
        pages = results["sizes"][size]["pages"]
        header = (f"{'page':24}{'no cache med':>13}{'p95':>8}{'cached med':>12}{'p95':>8}{'SQL ms':>8}{'q':>4}"
                  f"{'target':>8}  holds")  # fmt: skip
        print(f"\n{int(size):,} practices (ms)\n{header}\n{'-' * len(header)}")
        for name, page in pages.items():
            cached = page.get("cache", {})
            target = page_target(name)
            holds = "PASS" if page["median_ms"] <= target else "FAIL"
            if name in CACHED_TARGETS and cached:
                holds += " / cached " + ("PASS" if cached["median_ms"] <= CACHED_TARGETS[name] else "FAIL")
            print(
                f"{name:24}{page['median_ms']:>13.1f}{page['p95_ms']:>8.1f}"
                f"{cached.get('median_ms', nan):>12.1f}{cached.get('p95_ms', nan):>8.1f}"
                f"{page.get('sql_ms', nan):>8.1f}{page.get('queries', 0):>4}{target:>8}  {holds}"
            )
        e, t = results["sizes"][size]["export"], results["sizes"][size]["throughput"]
        print(
            f"CSV of every practice: kept file gzipped {e['total_s']} s (first byte {e['first_byte_ms']} ms), "
            f"plain {e['plain_total_s']} s; first after a change {e['first_after_change_s']} s (first byte "
            f"{e['first_after_change_first_byte_ms']} ms, gzipped copy {e.get('gzipped_copy_after_s')} s "
            f"later), memory +{e['memory_growth_mb']} MB; filtered "
            f"(level=local) {e['filtered_level_local_s']} s; list {t['per_second']} req/s (2 clients, "
            f"{t['errors']} errors)"
        )
    print(f"\nTargets (at 100,000 or the largest size; {results['cpu_count']} CPUs, "
          f"commit {results['git_commit'][:10]}):")  # fmt: skip
    for check in results["targets"]:
        mark = "PASS" if check["holds"] else "FAIL"
        print(f"  {mark} {check['target']}: {check['value']} {check['unit']} (limit {check['limit']})")


def git_commit():
    if not shutil.which("git"):
        return "unknown"
    result = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)  # noqa: S607
    return result.stdout.strip() or "unknown"


if __name__ == "__main__":
    main()
