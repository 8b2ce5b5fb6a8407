"""The API over HTTP: validators and 304, CORS for reads, no cookies, a rate limit per client, JSON errors."""

import datetime
import time

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from browse.models import ContentGeneration
from editorial.models import PublicationStatus
from practices.models import Practice
from tests import factories as make

pytestmark = pytest.mark.django_db

PRACTICES = reverse("api:practices")


@pytest.fixture
def bilbao():
    return make.practice("Anti-rumours strategy", slug="bilbao", country=make.country("ES", "Spain"))


def test_an_unchanged_answer_is_a_304_and_any_write_changes_it(client, bilbao):
    first = client.get(PRACTICES, {"country": "ES"})
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and first["Cache-Control"] == "public, no-cache"
    again = client.get(PRACTICES, {"country": "ES"}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["Last-Modified"] == last_modified
    assert client.get(PRACTICES, {"country": "ES"}, headers={"If-Modified-Since": last_modified}).status_code == 304
    # Another query is another answer.
    assert client.get(PRACTICES, {"country": "es"}, headers={"If-None-Match": etag}).status_code == 200

    time.sleep(1.1)  # Last-Modified counts whole seconds
    Practice.objects.filter(pk=bilbao.pk).update(title="Renamed by a script")  # no service, no signal: SQL
    changed = client.get(PRACTICES, {"country": "ES"}, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.json()["results"][0]["title"] == "Renamed by a script"
    assert changed["ETag"] != etag
    assert parse_http_date(changed["Last-Modified"]) > parse_http_date(last_modified)
    assert client.get(PRACTICES, {"country": "ES"}, headers={"If-Modified-Since": last_modified}).status_code == 200


def test_items_and_the_vocabulary_are_validated_too(client, bilbao):
    for url in [reverse("api:practice", args=["bilbao"]), reverse("api:vocabulary"), reverse("api:index")]:
        first = client.get(url)
        assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304, url
    make.country("IT", "Italy")  # a vocabulary write
    assert client.get(reverse("api:vocabulary"), headers={"If-None-Match": first["ETag"]}).status_code == 200


def test_last_modified_is_never_before_todays_midnight(client, bilbao):
    # A project's status and an ongoing practice's years change with the day, not with a write.
    ContentGeneration.objects.filter(pk=1).update(changed=timezone.now() - datetime.timedelta(days=30))
    response = client.get(PRACTICES)
    midnight = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
    assert response["Last-Modified"] == http_date(midnight.timestamp())


def test_the_generation_survives_a_truncation_and_its_time_never_goes_back(bilbao):
    before = ContentGeneration.objects.get(pk=1)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE content_generation SET changed = changed + interval '1 hour'")
        cursor.execute("UPDATE practices_practice SET title = title")
    after = ContentGeneration.objects.get(pk=1)
    assert after.number == before.number + 1
    assert after.changed == before.changed + datetime.timedelta(hours=1)  # not the earlier clock
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM content_generation")  # as a test database's flush leaves it
        cursor.execute("UPDATE practices_practice SET title = title")
    assert ContentGeneration.objects.get(pk=1).number == 1


def test_any_site_may_read_the_api_and_nothing_else(client, bilbao):
    response = client.get(PRACTICES, headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Expose-Headers"] == "ETag, Retry-After"
    assert "Access-Control-Allow-Credentials" not in response
    assert client.head(PRACTICES)["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        PRACTICES,
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET",
                 "Access-Control-Request-Headers": "if-none-match"},
    )  # fmt: skip
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert preflight["Access-Control-Allow-Headers"] == "If-None-Match, If-Modified-Since"
    # Errors are readable too; the pages are not shared.
    assert client.get(PRACTICES, {"country": "XX"})["Access-Control-Allow-Origin"] == "*"
    assert client.get(reverse("api:practice", args=["nope"]))["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get(reverse("practices:list"))
    # No writing: a POST is refused, without leave to read the refusal from another site.
    post = client.post(PRACTICES, {"title": "x"})
    assert post.status_code == 405 and post.json() == {"errors": ['Method "POST" not allowed.']}
    assert "Access-Control-Allow-Origin" not in post


def test_the_api_reads_no_cookie_and_sets_none(client, editor, bilbao):
    draft = make.practice("Draft", slug="draft", status=PublicationStatus.DRAFT)
    client.force_login(editor)
    assert client.get(draft.get_absolute_url()).status_code == 200  # the editor sees the draft's page
    response = client.get(reverse("api:practice", args=["draft"]))
    assert response.status_code == 404  # the API does not know who is signed in
    listed = client.get(PRACTICES)
    assert [item["slug"] for item in listed.json()["results"]] == ["bilbao"]
    for answer in (response, listed, client.get(reverse("api:docs"))):
        assert not answer.cookies
        assert "Cookie" not in answer.get("Vary", "")


def test_hostile_queries_and_unknown_addresses_answer_json(client, bilbao):
    response = client.get(PRACTICES + "?q=Bilbao%00")
    assert response.status_code == 400
    assert response.json() == {"errors": ["The address contains a null character."]}
    unknown = client.get("/api/v1/nothing-here/")
    assert unknown.status_code == 404
    assert unknown.json() == {"errors": ["Nothing is at this address; /api/v1/ lists the API's addresses."]}
    assert "<html" in client.get("/nothing-here/").content.decode().lower()  # the pages keep their own


def test_any_accept_header_gets_json(client, bilbao):
    for accept in ("text/html", "text/csv", "application/xml", "*/*"):
        response = client.get(PRACTICES, headers={"Accept": accept})
        assert response.status_code == 200 and response["Content-Type"] == "application/json", accept


# The rate limit ---------------------------------------------------------------


def test_past_the_limit_a_client_waits_and_others_do_not(client, bilbao, settings):
    settings.API_RATE_LIMIT = "3/minute"
    for _ in range(3):
        assert client.get(PRACTICES, REMOTE_ADDR="203.0.113.7").status_code == 200
    refused = client.get(PRACTICES, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert refused.json() == {"errors": [f"Too many requests from your address. Expected available in "
                                         f"{refused['Retry-After']} second{'s' if refused['Retry-After'] != '1' else ''}."]}  # fmt: skip
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert client.get(PRACTICES, REMOTE_ADDR="203.0.113.8").status_code == 200
    # X-Forwarded-For from anyone but a trusted proxy changes nothing.
    assert (
        client.get(PRACTICES, REMOTE_ADDR="203.0.113.7", headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 429
    )


def test_behind_a_trusted_proxy_each_forwarded_client_counts_alone(client, bilbao, settings):
    settings.API_RATE_LIMIT = "2/minute"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(2):
        assert client.get(PRACTICES, **proxy, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 200
    assert client.get(PRACTICES, **proxy, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 429
    # The client wrote the left entry itself: only the proxy's (rightmost) counts.
    spoofed = {"X-Forwarded-For": "192.0.2.99, 198.51.100.1"}
    assert client.get(PRACTICES, **proxy, headers=spoofed).status_code == 429
    assert client.get(PRACTICES, **proxy, headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 200


def test_the_limit_holds_without_a_shared_cache(client, bilbao, settings):
    settings.API_RATE_LIMIT = "1/minute"
    assert client.get(PRACTICES).status_code == 200
    assert client.get(PRACTICES).status_code == 429
