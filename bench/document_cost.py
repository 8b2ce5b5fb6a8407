"""Time and peak memory of one spreadsheet export or one PDF document, in a fresh process.

Usage: python bench/document_cost.py <path with query> [--tracemalloc]
  e.g. python bench/document_cost.py /practices/export.xlsx
       python bench/document_cost.py '/practices/export.xlsx?theme=valuing-diversity' --tracemalloc
       python bench/document_cost.py /practices/compendium.pdf
Peak RSS is the process's high-water mark, so measure one path per process.
With --tracemalloc it also reports the Python heap's peak (and runs slower).
"""

import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.test import Client  # noqa: E402


def megabytes_of_peak_rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def measure(path, trace_heap):
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/practices/export.xlsx?country=IS")  # warm up: imports, connection, templates
    rss_before = megabytes_of_peak_rss()
    if trace_heap:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get(path)
    size = sum(len(chunk) for chunk in response) if response.streaming else len(response.content)
    elapsed = time.perf_counter() - started
    report = (
        f"{path}: status {response.status_code}, {size:,} bytes in {elapsed:.2f} s; "
        f"peak RSS {megabytes_of_peak_rss():.0f} MB (warmed process {rss_before:.0f} MB)"
    )
    if trace_heap:
        report += f"; Python heap peak {tracemalloc.get_traced_memory()[1] / 2**20:.1f} MB"
    return report


if __name__ == "__main__":
    print(measure(sys.argv[1], "--tracemalloc" in sys.argv[2:]))
