"""A list's whole CSV, written once per content generation and then served as a file.

The unfiltered export is the one everybody downloads and the costliest to
make. The first request after a change streams it from PostgreSQL as usual
and keeps a gzipped copy on the app server's disk as it goes (only a copy
written to the end is kept); every later request, until content changes
again, is served from that file: gzipped to clients that accept it,
unzipped on the fly to others. Behind nginx (EXPORT_FILES_ACCEL_PREFIX set)
nginx sends the file itself, gunzipping it for clients that do not accept
gzip. Any app server can make its own copy; none needs another's.
"""

import gzip
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header

from browse.cache import content_generation
from browse.csv_export import CHUNK_BYTES, CSV_CONTENT_TYPE, csv_attachment

GZIP_LEVEL = 6


def kept_csv_response(request, key, make_chunks, name):
    """The CSV `make_chunks()` writes, kept as `<key>` for the current content generation and this host."""
    folder = Path(settings.EXPORT_FILES_DIR)
    stem = f"{key}-{_safe(request.get_host())}"
    kept = folder / f"{stem}-{content_generation()}.csv.gz"
    if kept.exists():
        return _serve(request, kept, name)
    return csv_attachment(_streamed_and_kept(make_chunks(), kept, stem), name)


def _serve(request, kept, name):
    filename = f"{name}-{timezone.localdate().isoformat()}.csv"
    if settings.EXPORT_FILES_ACCEL_PREFIX:
        response = HttpResponse(content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, filename)
        # nginx serves `<name>.csv` from `<name>.csv.gz` (gzip_static always, gunzip on)
        response["X-Accel-Redirect"] = settings.EXPORT_FILES_ACCEL_PREFIX + kept.name.removesuffix(".gz")
        return response
    if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", ""):
        response = FileResponse(kept.open("rb"), content_type=CSV_CONTENT_TYPE, as_attachment=True, filename=filename)
        response["Content-Encoding"] = "gzip"
    else:
        response = csv_attachment(_unzipped(kept), name)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def _unzipped(kept):
    with gzip.open(kept, "rb") as unzipped:
        while block := unzipped.read(CHUNK_BYTES):
            yield block


def _streamed_and_kept(chunks, kept, stem):
    """Pass the chunks on, writing them to a gzipped file that becomes `kept` only once complete."""
    kept.parent.mkdir(parents=True, exist_ok=True)
    descriptor, partial = tempfile.mkstemp(dir=kept.parent, prefix=f".{stem}-", suffix=".partial")
    complete = False
    try:
        with os.fdopen(descriptor, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=GZIP_LEVEL) as out:
            for chunk in chunks:
                out.write(chunk)
                yield chunk
        os.chmod(partial, 0o644)  # public data, read by nginx's workers (mkstemp made it private)
        os.replace(partial, kept)
        complete = True
        for older in kept.parent.glob(f"{stem}-*.csv.gz"):
            if older != kept:
                older.unlink(missing_ok=True)  # a generation no request will ask for again
    finally:
        if not complete:
            Path(partial).unlink(missing_ok=True)  # the client went away, or the database failed


def _safe(host):
    return "".join(character if character.isalnum() or character in ".-" else "_" for character in host)
