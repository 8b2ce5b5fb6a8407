"""Counts each page's SQL queries and explains its slowest one (run by bench/run.py).

Usage: python bench/query_profile.py '<{"name": "/path"} as JSON>' <explain file prefix>
Prints {"name": {"queries": count, "sql_ms": the sum of its queries' times, median of RUNS}} as JSON.
"""

import json
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from browse.read_ahead import reading_at_once  # noqa: E402

RUNS = 5


def profile(pages, prefix):
    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, path in pages.items():
        client.get(path)  # warm caches the way the timed runs were
        sql_times = []
        for _ in range(RUNS):
            # A query sent ahead (browse/read_ahead.py) is read at once here, so its time is the database's.
            with CaptureQueriesContext(connection) as captured, reading_at_once():
                response = client.get(path)
                if getattr(response, "streaming", False):
                    b"".join(response.streaming_content)
            sql_times.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = {"queries": len(captured.captured_queries), "sql_ms": round(statistics.median(sql_times), 1)}
        if not captured.captured_queries:
            continue
        slowest = max(captured.captured_queries, key=lambda query: float(query["time"]))
        sql = slowest["sql"]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        Path(f"{prefix}-{name}.txt").write_text(
            f"{path}\n{len(captured.captured_queries)} queries; slowest took {slowest['time']} s:\n\n{sql}\n\n{plan}\n"
        )
    return counts


if __name__ == "__main__":
    print(json.dumps(profile(json.loads(sys.argv[1]), sys.argv[2])))
