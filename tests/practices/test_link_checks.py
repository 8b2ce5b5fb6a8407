"""manage.py check_links against a local HTTP server started by the test (never the internet), and what editors see."""

import datetime
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from practices.link_checks import check_links, check_one
from practices.models import LinkCheck, Practice
from tests import factories as make

pytestmark = pytest.mark.django_db


class Answers(BaseHTTPRequestHandler):
    """200, 301, 404, 500, a redirect to a local file, and never (longer than any time-out the tests allow)."""

    hits: dict
    in_flight = 0
    most_in_flight = 0
    lock = threading.Lock()

    def do_GET(self):
        with self.lock:
            self.hits[self.path] = self.hits.get(self.path, 0) + 1
            type(self).in_flight += 1
            type(self).most_in_flight = max(type(self).most_in_flight, type(self).in_flight)
        try:
            self._think()
        finally:
            # Out of flight before answering: once answered, the client may ask again before this thread
            # would have counted itself out, and the next request would overlap this one.
            with self.lock:
                type(self).in_flight -= 1
        if self.path != "/never":
            self._answer()

    def _think(self):
        if self.path == "/never":
            time.sleep(3)
        elif self.path.startswith("/busy"):
            time.sleep(0.2)

    def _answer(self):
        status, location = {
            "/moved": (301, "/ok"),
            "/missing": (404, ""),
            "/error": (500, ""),
            "/to-a-file": (302, "file:///etc/passwd"),
        }.get(self.path, (200, ""))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Answers.hits, Answers.in_flight, Answers.most_in_flight = {}, 0, 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


QUICK = {"timeout": 0.5, "retries": 1, "pause": 0}


def test_each_answer_is_recorded_with_retries_for_errors_and_time_outs(server):
    urls = [f"{server}{path}" for path in ("/ok", "/moved", "/missing", "/error", "/never")]
    check_links(urls, concurrency=5, **QUICK)

    found = {
        check.url.removeprefix(server): (check.status, check.problem, check.moved_to)
        for check in LinkCheck.objects.all()
    }
    assert found == {
        "/ok": (200, "", ""),
        "/moved": (200, "", f"{server}/ok"),
        "/missing": (404, "", ""),
        "/error": (500, "", ""),
        "/never": (None, "timed out", ""),
    }
    assert Answers.hits["/error"] == 2 and Answers.hits["/never"] == 2  # tried again once
    assert Answers.hits["/missing"] == 1  # a 404 is an answer: not asked twice
    assert {check.url.removeprefix(server) for check in LinkCheck.objects.broken()} == {"/missing", "/error", "/never"}


def test_no_more_than_the_concurrency_is_asked_at_once(server):
    # A time-out far above the answers' 0.2 s: a retry of a slow answer (the machine busy) would be a
    # third request in flight on the server while the first still sleeps.
    check_links([f"{server}/busy-{n}" for n in range(6)], concurrency=2, timeout=10, retries=1, pause=0)
    assert set(Answers.hits.values()) == {1}
    assert Answers.most_in_flight == 2
    assert LinkCheck.objects.filter(status=200).count() == 6


def test_a_redirect_to_a_local_file_is_never_followed(server):
    outcome = check_one(f"{server}/to-a-file", **QUICK)
    assert outcome.status is None and outcome.problem == "not a web address"
    assert check_one("file:///etc/passwd").problem == "not a web address"


def test_the_command_checks_every_cited_address_and_says_what_is_broken(server):
    make.practice("Cited", references=[("Fine", f"{server}/ok"), ("Gone", f"{server}/missing")])
    make.practice("Also cited", status="draft", references=[("Same", f"{server}/ok"), ("Moved", f"{server}/moved")])
    out = StringIO()
    call_command("check_links", "--timeout", "0.5", "--retries", "0", stdout=out)
    text = out.getvalue()
    assert f"broken  {server}/missing  404" in text
    assert f"moved   {server}/moved  → {server}/ok" in text
    assert "3 addresses checked: 1 broken, 1 moved permanently." in text
    assert Answers.hits["/ok"] == 2  # cited twice, asked once, and once more at the end of /moved


def test_editors_see_broken_links_by_practice(editor_client, editor, django_assert_num_queries):
    first = make.practice(
        "Alpha", references=[("Gone", "https://example.org/gone"), ("Fine", "https://example.org/ok")]
    )
    make.practice("Beta", references=[("Down", "https://example.org/down")])
    when = timezone.now()
    LinkCheck.objects.create(url="https://example.org/gone", status=404, checked=when)
    LinkCheck.objects.create(url="https://example.org/ok", status=200, checked=when)
    LinkCheck.objects.create(url="https://example.org/down", status=None, problem="timed out", checked=when)

    with django_assert_num_queries(7):
        page = editor_client.get(reverse("admin:practices_brokenlink_changelist"))

    text = page.content.decode()
    assert page.status_code == 200
    assert text.index(">Alpha<") < text.index(">Beta<")
    assert "https://example.org/gone" in text and "404" in text
    assert "timed out" in text
    assert "https://example.org/ok" not in text
    assert reverse("admin:practices_practice_change", args=[first.pk]) in text


def test_a_practice_page_says_when_it_was_reviewed_and_its_links_checked(client, django_assert_num_queries):
    practice = make.practice("Reviewed", slug="reviewed", references=[("Site", "https://example.org/site")])
    Practice.objects.filter(pk=practice.pk).update(last_reviewed=datetime.datetime(2026, 3, 14, tzinfo=datetime.UTC))
    LinkCheck.objects.create(
        url="https://example.org/site", status=200, checked=datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC)
    )
    client.get(reverse("practices:detail", args=["reviewed"]))  # the facet indexes kept (related items' scores)
    with django_assert_num_queries(2):  # the practice with all it shows; the content generation
        text = client.get(reverse("practices:detail", args=["reviewed"])).content.decode()
    assert '<p class="provenance muted">Last reviewed March 2026</p>' in text
    assert "Links last checked: 2 November 2026." in text


def test_a_practice_never_reviewed_says_nothing_of_it(client):
    make.practice("Fresh", slug="fresh")
    text = client.get(reverse("practices:detail", args=["fresh"])).content.decode()
    assert "Last reviewed" not in text and "Links last checked" not in text


def test_mark_as_reviewed_records_who_and_when_as_a_revision(editor_client, editor):
    practice = make.practice("To review")
    editor_client.post(
        reverse("admin:practices_practice_changelist"),
        {"action": "mark_as_reviewed", "_selected_action": [practice.pk]},
    )
    practice.refresh_from_db()
    assert practice.reviewed_by == editor
    assert (timezone.now() - practice.last_reviewed).total_seconds() < 60
    assert Version.objects.get_for_object(practice).first().revision.comment == "Marked as reviewed."
    page = editor_client.get(reverse("admin:practices_practice_change", args=[practice.pk])).content.decode()
    assert f"{practice.last_reviewed:%d %B %Y} by editor" in page


def test_saving_with_the_reviewed_tick_records_the_review(editor_client, editor):
    from tests.admin_forms import submitted_form

    practice = make.practice("Ticked")
    change = reverse("admin:practices_practice_change", args=[practice.pk])
    data = submitted_form(editor_client.get(change))
    editor_client.post(change, data)  # saved without the tick: no review
    practice.refresh_from_db()
    assert practice.last_reviewed is None
    editor_client.post(change, {**data, "reviewed": "on"})
    practice.refresh_from_db()
    assert practice.reviewed_by == editor and practice.last_reviewed is not None
