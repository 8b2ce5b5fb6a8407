"""Reading a streamed CSV export the way a spreadsheet would."""

import csv
import io


def read(response):
    """The export's rows as dicts, after checking it starts with the byte-order mark."""
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))
