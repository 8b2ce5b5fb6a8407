"""Whole pages from the shared cache for readers without a session, retired by any write, kept through an outage."""

import pytest
from django.db import OperationalError
from django.test import Client

from browse import page_cache
from editorial.models import PublicationStatus
from practices.lists import PracticeList
from tests import factories as make

pytestmark = pytest.mark.django_db
LIST = "/practices/?country=ES"


def test_a_page_read_again_costs_one_indexed_read_and_any_write_retires_it(
    client, shared_cache, django_assert_num_queries
):
    make.practice("First")
    first = client.get(LIST)
    assert "1 practice" in first.content.decode()
    with django_assert_num_queries(1):  # the content generation's token; the page comes from the cache
        again = client.get(LIST)
    assert again.content == first.content
    make.practice("Second")
    assert "2 practices" in client.get(LIST).content.decode()


def test_signed_in_people_get_their_pages_made_afresh(client, shared_cache, editor):
    draft = make.practice("Draft", status=PublicationStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "Draft: not public" in response.content.decode()
    client.logout()
    assert Client().get(draft.get_absolute_url()).status_code == 404  # nor kept for readers


def test_during_an_outage_readers_get_the_last_copy_marked_as_perhaps_old(client, shared_cache, monkeypatch):
    make.practice("Kept through the outage")
    fresh = client.get(LIST)
    assert "database is not answering" not in fresh.content.decode()

    def no_database():
        raise OperationalError("connection refused")

    monkeypatch.setattr(page_cache, "content_generation", no_database)
    stale = Client().get(LIST)
    assert stale.status_code == 200
    body = stale.content.decode()
    assert "Kept through the outage" in body
    assert "this page is as it was a few minutes ago at most" in body
    assert stale["Cache-Control"] == "no-store"


def test_a_page_never_seen_before_an_outage_is_a_polite_503(client, shared_cache, monkeypatch):
    def no_database(*args):
        raise OperationalError("connection refused")

    monkeypatch.setattr(page_cache, "content_generation", no_database)
    monkeypatch.setattr(PracticeList, "counts", no_database)
    make.country("IT", "Italy")
    response = client.get("/practices/?country=IT")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"


def test_without_a_shared_cache_nothing_is_kept(client, django_assert_num_queries):
    make.practice("Uncached")
    client.get(LIST)
    # The whole page, made again: validating the country, the count with the facets (one pass), the page.
    with django_assert_num_queries(3):
        client.get(LIST)
