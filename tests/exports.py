"""Reading a streamed CSV export the way a spreadsheet would, and waiting for a kept one's gzipped copy."""

import csv
import io
import threading


def read(response):
    """The export's rows as dicts, after checking it starts with the byte-order mark."""
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def gzipped_copies_written():
    """Once the threads gzipping kept exports (browse/kept_exports.py) have finished."""
    for thread in threading.enumerate():
        if thread.name.startswith("gzip "):
            thread.join()
