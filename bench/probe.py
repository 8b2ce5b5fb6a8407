"""One HTTP GET as every benchmark makes it: from a chosen loopback address, timed to the first byte and to the end."""

import http.client
import time
from dataclasses import dataclass


@dataclass
class Answer:
    status: int | str  # the HTTP status, or the name of the error when none came (`ConnectionRefusedError`)
    seconds: float  # to the last byte of the body
    first_byte_seconds: float
    size: int
    body: bytes  # empty unless asked for: a whole export is counted, not kept


def get(port, path, *, source=None, headers=None, timeout=30, keep_body=False):
    """GET `path` on 127.0.0.1:`port`; an answer even when the connection failed or timed out."""
    started = time.perf_counter()
    first_byte, size, chunks = None, 0, []
    try:
        connection = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=timeout, source_address=(source, 0) if source else None
        )
        connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = connection.getresponse()
        while chunk := response.read(1 if first_byte is None else 65536):
            first_byte = time.perf_counter() - started if first_byte is None else first_byte
            size += len(chunk)
            if keep_body:
                chunks.append(chunk)
        connection.close()
        status = response.status
    except (OSError, http.client.HTTPException) as error:  # refused, timed out, or cut off mid-body
        status = type(error).__name__
    seconds = time.perf_counter() - started
    return Answer(status, seconds, seconds if first_byte is None else first_byte, size, b"".join(chunks))
