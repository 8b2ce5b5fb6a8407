"""Exports that cannot flood: the whole list kept as a file per content change, filtered exports counted."""

import gzip

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from browse import kept_exports
from tests import factories as make
from tests.exports import gzipped_copies_written

pytestmark = pytest.mark.django_db
EXPORT = "/practices/export.csv"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def kept_files(folder):
    """The kinds of the kept copies in `folder`, in order: [".csv", ".gz"] when both are written.

    Not a copy: the lock file and a copy being written (`.<name>.partial`).
    """
    return sorted(path.suffix for path in folder.glob("*.csv*") if not path.name.startswith("."))


def copies_run(client, path, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
        content = body(response)
    return sum("COPY" in query["sql"] for query in queries), response, content


def test_the_whole_list_is_made_once_per_change_and_then_served_from_its_file(client, export_files):
    make.practice("First")
    runs, first, first_bytes = copies_run(client, EXPORT)
    assert runs == 1
    runs, again, again_bytes = copies_run(client, EXPORT)
    assert runs == 0 and again_bytes == first_bytes
    assert again["Content-Disposition"] == first["Content-Disposition"]
    gzipped_copies_written()
    assert kept_files(export_files) == [".csv", ".gz"]

    make.practice("Second")  # any write: a new generation, new files, the old ones gone
    runs, changed, changed_bytes = copies_run(client, EXPORT)
    assert runs == 1
    assert "Second" in changed_bytes.decode() and changed["Content-Type"] == "text/csv; charset=utf-8"
    assert copies_run(client, EXPORT)[0] == 0
    gzipped_copies_written()
    assert kept_files(export_files) == [".csv", ".gz"]


def test_every_answer_is_the_same_csv_streamed_kept_plain_or_gzipped(client):
    make.practice("Same bytes", purpose="A text " * 200)
    streamed = body(client.get(EXPORT))  # the first after a change
    gzipped_copies_written()
    plain = client.get(EXPORT)
    zipped = client.get(EXPORT, headers={"Accept-Encoding": "gzip, deflate"})
    # The plain copy is a file sent as it is (its length known), not unzipped as it goes.
    assert "Content-Encoding" not in plain and plain["Content-Length"] == str(len(streamed))
    assert body(plain) == streamed
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(body(zipped)) == streamed
    assert "Accept-Encoding" in plain["Vary"] and "Accept-Encoding" in zipped["Vary"]
    assert plain["Content-Disposition"] == zipped["Content-Disposition"]
    assert streamed.startswith("\ufeff".encode())


def test_a_gzip_client_gets_the_plain_copy_until_the_gzipped_one_is_written(client, monkeypatch):
    make.practice("Not gzipped yet")
    with monkeypatch.context() as gzipping:
        gzipping.setattr(kept_exports, "_gzip_unless_under_way", lambda kept: None)  # as if its worker died first
        streamed = body(client.get(EXPORT))
        plain = client.get(EXPORT, headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in plain and body(plain) == streamed
    # The next answer from the kept file finds no gzipped copy and no one making it: it starts one.
    assert body(client.get(EXPORT)) == streamed
    gzipped_copies_written()
    zipped = client.get(EXPORT, headers={"Accept-Encoding": "gzip"})
    assert zipped["Content-Encoding"] == "gzip" and gzip.decompress(body(zipped)) == streamed


def test_while_one_answer_writes_the_kept_file_another_is_asked_to_come_back(client, export_files):
    make.practice("Asked twice at once")
    writing = iter(client.get(EXPORT).streaming_content)
    header = next(writing)  # the first answer has begun: it holds the files' lock (its COPY has not started)
    runs, other, content = copies_run(client, EXPORT)
    # The second reads nothing from the database and holds no worker: it is told when to come back.
    assert runs == 0
    assert other.status_code == 503 and other["Retry-After"] == str(kept_exports.WRITING_WAIT)
    assert other["Content-Type"] == "text/plain; charset=utf-8"
    assert "being written to a file" in content.decode() and "15 seconds" in content.decode()
    first = header + b"".join(writing)
    gzipped_copies_written()
    assert kept_files(export_files) == [".csv", ".gz"]  # what the first wrote
    runs, again, again_bytes = copies_run(client, EXPORT)
    assert runs == 0 and again.status_code == 200 and again_bytes == first


@pytest.mark.django_db(transaction=True)  # the answer's close ends its request: its connection is closed
def test_an_answer_never_sent_lets_the_next_one_write_the_file(client, export_files):
    make.practice("Asked, then not read")
    unread = client.get(EXPORT)  # it holds the files' lock from the start: no other request may write them
    assert client.get(EXPORT).status_code == 503
    unread.close()  # the server ends the answer before sending a byte (the client went away)
    assert kept_files(export_files) == []
    runs, answer, content = copies_run(client, EXPORT)
    assert runs == 1 and answer.status_code == 200 and "Asked, then not read" in content.decode()
    gzipped_copies_written()
    assert kept_files(export_files) == [".csv", ".gz"]


def test_a_new_copy_is_written_while_the_last_ones_is_still_being_gzipped(client, export_files):
    make.practice("Before")
    body(client.get(EXPORT))
    gzipped_copies_written()
    make.practice("After")  # a change while the last generation's copy is (still) being gzipped:
    stem = next(export_files.glob("*.csv")).name.rsplit("-", 1)[0]
    gzipping = kept_exports._lock_unless_held(export_files / f".{stem}.gzip.lock")
    try:
        runs, answer, content = copies_run(client, EXPORT)
        assert runs == 1 and answer.status_code == 200 and "After" in content.decode()
        assert kept_files(export_files) == [".csv"]  # kept, though its gzipping waits for the last one's
    finally:
        gzipping.close()
    assert copies_run(client, EXPORT)[0] == 0
    gzipped_copies_written()
    assert kept_files(export_files) == [".csv", ".gz"]


@pytest.mark.django_db(transaction=True)
def test_an_export_broken_off_leaves_no_file_behind(client, export_files):
    make.practice("Interrupted")
    response = client.get(EXPORT)
    next(iter(response.streaming_content))  # the reader goes away after the first block
    response.close()
    assert kept_files(export_files) == []
    assert not list(export_files.glob("*.partial"))
    connection.close()  # as the next request's health check does with a connection left mid-COPY
    assert copies_run(client, EXPORT)[0] == 1
    gzipped_copies_written()
    assert kept_files(export_files) == [".csv", ".gz"]  # the lock was let go: the next answer kept its files


def test_filtered_exports_are_counted_per_client_and_overall(client, shared_cache, settings):
    settings.FILTERED_EXPORTS_PER_CLIENT, settings.FILTERED_EXPORTS_OVERALL = 2, 3
    make.practice("Filtered")
    for _ in range(2):
        assert client.get(EXPORT, {"country": "ES"}).status_code == 200
    refused = client.get(EXPORT, {"country": "ES"})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Filtered exports are made on demand" in refused.content.decode()
    assert client.get(EXPORT).status_code == 200  # the whole list is not limited
    another = Client(REMOTE_ADDR="192.0.2.9")
    assert another.get(EXPORT, {"country": "ES"}).status_code == 200  # the third of everyone's
    assert Client(REMOTE_ADDR="192.0.2.10").get(EXPORT, {"country": "ES"}).status_code == 429  # past everyone's
