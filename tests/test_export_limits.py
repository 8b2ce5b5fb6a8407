"""Exports that cannot flood: the whole list kept as a file per content change, filtered exports counted."""

import gzip

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories as make

pytestmark = pytest.mark.django_db
EXPORT = "/practices/export.csv"


def body(response):
    return b"".join(response.streaming_content)


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
    assert len(list(export_files.glob("*.csv.gz"))) == 1

    make.practice("Second")  # any write: a new generation, a new file, the old one gone
    runs, changed, changed_bytes = copies_run(client, EXPORT)
    assert runs == 1
    assert "Second" in changed_bytes.decode() and changed["Content-Type"] == "text/csv; charset=utf-8"
    assert copies_run(client, EXPORT)[0] == 0
    assert len(list(export_files.glob("*.csv.gz"))) == 1


def test_a_client_that_accepts_gzip_gets_the_kept_file_compressed(client):
    make.practice("Compressed")
    plain = body(client.get(EXPORT))
    zipped = client.get(EXPORT, headers={"Accept-Encoding": "gzip, deflate"})
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(body(zipped)) == plain
    assert plain.startswith("\ufeff".encode())


@pytest.mark.django_db(transaction=True)
def test_an_export_broken_off_leaves_no_file_behind(client, export_files):
    make.practice("Interrupted")
    response = client.get(EXPORT)
    next(iter(response.streaming_content))  # the reader goes away after the first block
    response.close()
    assert not list(export_files.glob("*.csv.gz"))
    connection.close()  # as the next request's health check does with a connection left mid-COPY
    assert copies_run(client, EXPORT)[0] == 1


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
