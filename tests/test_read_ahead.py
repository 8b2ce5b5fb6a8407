"""Queries sent ahead (browse/read_ahead.py): answered while the page is drawn, read when first used; and
the connection never left in pipeline mode, whatever happens before they are read."""

import pytest
from django.db import connection
from django.db.models import BooleanField, F
from django.db.models.expressions import RawSQL
from psycopg import pq

from browse.read_ahead import reading_ahead, rows_ahead
from browse.search import headline_snippets
from practices.lists import PracticeList
from practices.models import Practice
from tests import factories as make

pytestmark = pytest.mark.django_db


def titles(rows):
    return [title for (title,) in rows]


def pipelined():
    return connection.connection.pgconn.pipeline_status != pq.PipelineStatus.OFF


def test_outside_the_block_the_rows_are_read_at_once(django_assert_num_queries):
    make.practice("Read at once")
    with django_assert_num_queries(1):
        read = rows_ahead(Practice.objects.values_list("title"), titles)
    assert read == ["Read at once"] and type(read) is list


def test_inside_it_they_are_read_when_first_used_and_other_queries_answer_meanwhile(django_assert_num_queries):
    first = make.practice("First")
    make.practice("Second")
    with django_assert_num_queries(2), reading_ahead(connection.alias):  # the one sent ahead counts too
        sent = rows_ahead(Practice.objects.order_by("pk").values_list("title"), titles)
        assert pipelined()
        assert Practice.objects.get(pk=first.pk).title == "First"  # a query of its own, after the one sent
        assert sent == ["First", "Second"]
    assert not pipelined()


def test_nothing_matching_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0), reading_ahead(connection.alias):
        assert rows_ahead(Practice.objects.none().values_list("title"), titles) == []


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
    response = client.get("/practices/", {"q": "rumours"})
    assert response.status_code == 503 and "The portal is busy" in response.content.decode()
    assert not pipelined()

    monkeypatch.setattr(PracticeList, "snippets", snippets)
    page = client.get("/practices/", {"q": "rumours"})
    assert page.status_code == 200 and "<mark>rumours</mark>" in page.content.decode()
