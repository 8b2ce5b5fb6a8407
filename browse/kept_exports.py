"""A list's whole CSV, written once per content generation and then served as a file.

The unfiltered export is the one everybody downloads and the costliest to
make. The first request after a change streams it from PostgreSQL as usual
and writes a plain copy on the app server's disk as it goes (only a copy
written to the end is kept); once that copy is complete, a thread gzips it
beside it, outside any answer. Every later request, until content changes
again, is served from the files: the gzipped copy to clients that accept gzip
once it exists, the plain one otherwise. Behind nginx (EXPORT_FILES_ACCEL_PREFIX
set) nginx sends the file itself and chooses the same way (gzip_static).

One worker of an app server at a time writes a list's files (an exclusive
lock on a file beside them, never waited for), and one gzips them (a lock of
its own, so a new generation's copy never waits for an old one's gzipping). A
request that finds the copy being written is asked to come back
(`BeingWritten`: 503 with Retry-After) rather than streaming the list from the
database again: under a flood of requests for it, one worker makes it and the
others go on serving pages. Any app server makes its own copy; none needs
another's.
"""

import fcntl
import gzip
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header

from browse.cache import content_generation, kept_under
from browse.csv_export import CHUNK_BYTES, CSV_CONTENT_TYPE, csv_attachment

# Gzipping in the answer took 20 of the first export's 26 s at 100,000 practices; the plain copy is
# written in about 1 s. The gzipped copy, made once per change outside any answer and sent many times,
# is worth the better level: level 6 makes it 125 MB in 20 s of one core, level 1 155 MB in 5.5 s.
GZIP_LEVEL = 6
# What a request that finds the copy being written is told to wait, in seconds: about what writing it
# takes at 100,000 items.
WRITING_WAIT = 15


class BeingWritten(Exception):
    """Another request is writing the copy asked for: ask again in `WRITING_WAIT` seconds."""


@dataclass(frozen=True)
class KeptCsv:
    """One list's CSV for one host, content generation and release: its plain and gzipped copies, and their lock."""

    folder: Path
    stem: str  # the list, its language and the host: `practices-all-en-gb-example.org`
    generation: str  # the content generation and the release (`browse.cache.kept_under`)

    @property
    def plain(self):
        return self.folder / f"{self.stem}-{self.generation}.csv"

    @property
    def gzipped(self):
        return self.folder / f"{self.stem}-{self.generation}.csv.gz"

    @property
    def lock(self):
        return self.folder / f".{self.stem}.lock"

    @property
    def gzip_lock(self):
        return self.folder / f".{self.stem}.gzip.lock"


def kept_csv_response(request, key, make_chunks, name):
    """The CSV `make_chunks()` writes, kept as `<key>` for the current content generation, release and this
    host; raises BeingWritten when another request is writing it."""
    stem = f"{key}-{_safe(request.get_host())}"
    kept = KeptCsv(Path(settings.EXPORT_FILES_DIR), stem, kept_under(content_generation()))
    if not kept.plain.exists():
        lock = _lock_unless_held(kept.lock)
        if lock is None:
            raise BeingWritten
        if not kept.plain.exists():  # else written by another worker since this request looked
            return csv_attachment(_StreamedAndKept(make_chunks(), kept, lock), name)
        lock.close()
    if not kept.gzipped.exists():
        _gzip_unless_under_way(kept)  # under way already, or its worker died before it was done
    return _serve(request, kept, name)


def _serve(request, kept, name):
    filename = f"{name}-{timezone.localdate().isoformat()}.csv"
    if settings.EXPORT_FILES_ACCEL_PREFIX:
        response = HttpResponse(content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, filename)
        # nginx sends `<name>.csv.gz` to clients that accept gzip when it exists, else `<name>.csv` (gzip_static on)
        response["X-Accel-Redirect"] = settings.EXPORT_FILES_ACCEL_PREFIX + kept.plain.name
        return response
    zipped = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "") and kept.gzipped.exists()
    path = kept.gzipped if zipped else kept.plain
    response = FileResponse(path.open("rb"), content_type=CSV_CONTENT_TYPE, as_attachment=True, filename=filename)
    if zipped:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


class _StreamedAndKept:
    """The chunks, passed on and written to `kept.plain` (published only once complete), holding `kept`'s
    `lock` until the last one or until the answer is closed, sent or not; then the copy is gzipped in the
    background."""

    def __init__(self, chunks, kept, lock):
        self._lock = lock
        self._chunks = self._kept(chunks, kept)

    def _kept(self, chunks, kept):
        with self._lock:
            yield from _written_as_it_streams(chunks, kept.plain)
            _remove_other_generations(kept)
        _gzip_unless_under_way(kept)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._chunks)

    def close(self):
        """Called by the server when the answer ends, however far it went (StreamingHttpResponse.close)."""
        self._chunks.close()
        self._lock.close()


def _written_as_it_streams(chunks, path):
    partial = _partial(path)
    try:
        with partial.open("wb") as out:
            for chunk in chunks:
                out.write(chunk)
                yield chunk
        _publish(partial, path)
    finally:
        partial.unlink(missing_ok=True)  # the client went away, or the database failed: nothing half-written stays


def _gzip_unless_under_way(kept):
    lock = _lock_unless_held(kept.gzip_lock)
    if lock is not None:
        # A daemon: a stopping worker does not wait for it, and the next answer from the files gzips again.
        threading.Thread(target=_gzip, args=(kept, lock), name=f"gzip {kept.plain.name}", daemon=True).start()


def _gzip(kept, lock):
    """Write `kept.gzipped` from `kept.plain`, holding `lock` (released at the end)."""
    with lock:
        if kept.gzipped.exists() or not kept.plain.exists():
            return  # gzipped since, or a newer generation replaced this one
        partial = _partial(kept.gzipped)
        try:
            with (
                kept.plain.open("rb") as source,
                partial.open("wb") as raw,
                gzip.GzipFile(kept.plain.name, "wb", GZIP_LEVEL, raw) as out,
            ):
                shutil.copyfileobj(source, out, CHUNK_BYTES)
            if kept.plain.exists():
                _publish(partial, kept.gzipped)
        except FileNotFoundError:
            pass  # a newer generation's copy was written meanwhile, and its writer removed this one's files
        finally:
            partial.unlink(missing_ok=True)


def _lock_unless_held(path):
    """The lock file at `path`, open and locked, or None when another process (or thread) holds it.

    Closing it releases the lock, as a worker's death does: a killed worker holds nothing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.open("a")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        return None
    return lock


def _partial(path):
    """Where `path` is written until complete: hidden, and only ever written by the lock's holder."""
    return path.with_name(f".{path.name}.partial")


def _publish(partial, path):
    os.chmod(partial, 0o644)  # public data, read by nginx's workers (gunicorn's umask keeps it from them)
    os.replace(partial, path)


def _remove_other_generations(kept):
    """Remove this list's files of other generations, and half-written ones a dead worker left (lock held)."""
    current = {kept.plain, kept.gzipped}
    for path in [*kept.folder.glob(f"{kept.stem}-*.csv*"), *kept.folder.glob(f".{kept.stem}-*.partial")]:
        if path not in current:
            path.unlink(missing_ok=True)  # a generation no request will ask for again


def _safe(host):
    return "".join(character if character.isalnum() or character in ".-" else "_" for character in host)
