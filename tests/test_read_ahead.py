"""Queries sent ahead (browse/read_ahead.py): answered while the page is drawn, read when first used; the
connection in pipeline mode only from the sending to that first read, and never left in it."""

import pytest
from django.db import connection
from django.db.models import BooleanField, F
from django.db.models.expressions import RawSQL
from django.test import Client
from django.utils.functional import empty
from psycopg import pq

from browse.read_ahead import reading_ahead, reading_at_once, rows_ahead
from browse.search import headline_snippets
from practices.lists import PracticeList
from practices.models import Practice
from tests import factories as make

pytestmark = pytest.mark.django_db
SEARCH = {"q": "rumours"}


def titles(rows):
    return [title for (title,) in rows]


def pipelined():
    return connection.connection is not None and connection.connection.pgconn.pipeline_status != pq.PipelineStatus.OFF


def unread(rows):
    return getattr(rows, "_wrapped", None) is empty


def test_outside_the_block_the_rows_are_read_at_once(django_assert_num_queries):
    make.practice("Read at once")
    with django_assert_num_queries(1):
        read = rows_ahead(Practice.objects.values_list("title"), titles)
    assert read == ["Read at once"] and type(read) is list


def test_inside_it_they_are_read_when_first_used_and_other_queries_answer_meanwhile(django_assert_num_queries):
    first = make.practice("First")
    make.practice("Second")
    with django_assert_num_queries(2), reading_ahead():  # the one sent ahead counts too
        assert not pipelined()  # nothing sent yet
        sent = rows_ahead(Practice.objects.order_by("pk").values_list("title"), titles)
        assert unread(sent) and pipelined()
        assert Practice.objects.get(pk=first.pk).title == "First"  # a query of its own, after the one sent
        assert unread(sent)
        assert sent == ["First", "Second"]
        assert not pipelined()  # the first read ends pipeline mode, whatever the block does next
    assert not pipelined()


def test_the_benchmark_reads_them_at_once_to_time_each_query():
    make.practice("Timed")
    with reading_ahead(), reading_at_once():
        read = rows_ahead(Practice.objects.values_list("title"), titles)
        assert read == ["Timed"] and type(read) is list and not pipelined()


def test_nothing_matching_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0), reading_ahead():
        assert rows_ahead(Practice.objects.none().values_list("title"), titles) == []
        assert not pipelined()


def test_a_search_page_sends_its_snippets_ahead_and_reads_them_once_the_facets_are_drawn(client, monkeypatch):
    make.practice("Anti-rumours strategy", purpose="Agents answer rumours in the street.")
    snippets, seen = PracticeList.snippets, []

    def watched(listing, ids, query):
        sent = snippets(listing, ids, query)
        seen.append((unread(sent), pipelined()))
        return sent

    monkeypatch.setattr(PracticeList, "snippets", watched)
    page = client.get("/practices/", SEARCH)
    assert seen == [(True, True)]
    body = page.content.decode()
    assert "<mark>rumours</mark>" in body and body.index('id="filters-title"') < body.index("<mark>")
    assert not pipelined()


@pytest.mark.django_db(transaction=True)
def test_a_query_sent_ahead_and_cut_short_is_a_friendly_503_and_the_next_page_is_served(client, monkeypatch):
    make.practice("Rumours", purpose="Anti-rumours agents answer rumours.")
    snippets = PracticeList.snippets

    def cut_short(listing, ids, query):
        # The query cancels itself once sent ahead, as the statement time-out would.
        cancelled = RawSQL(
            "(SELECT pg_cancel_backend(pg_backend_pid())) AND pg_sleep(1)::text = ''", [], BooleanField()
        )
        return headline_snippets(Practice.objects.filter(cancelled, pk__in=ids), F("title"), query)

    monkeypatch.setattr(PracticeList, "snippets", cut_short)
    response = client.get("/practices/", SEARCH)
    assert response.status_code == 503 and "The portal is busy" in response.content.decode()
    assert not pipelined()

    monkeypatch.setattr(PracticeList, "snippets", snippets)
    page = client.get("/practices/", SEARCH)
    assert page.status_code == 200 and "<mark>rumours</mark>" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_page_that_fails_before_reading_what_it_sent_leaves_the_connection_as_it_found_it(monkeypatch):
    make.practice("Rumours", purpose="Anti-rumours agents answer rumours.")
    pictures = PracticeList.pictures_context

    def broken(listing, query, counts, filterset):
        raise RuntimeError("a bug in drawing the map")

    monkeypatch.setattr(PracticeList, "pictures_context", broken)  # drawn after the snippets are sent
    reader = Client(raise_request_exception=False)
    assert reader.get("/practices/", SEARCH).status_code == 500
    assert not pipelined()

    monkeypatch.setattr(PracticeList, "pictures_context", pictures)
    page = reader.get("/practices/", SEARCH)
    assert page.status_code == 200 and "<mark>rumours</mark>" in page.content.decode()
