"""Forwarding headers believed only from the configured proxy; the Host's port checked before it is copied anywhere."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from clients.addresses import ProxyHeadersMiddleware
from tests import factories as make
from tests.test_security import manage

PROXY = "10.0.0.2"
OUTSIDER = "203.0.113.9"


def seen_by_the_view(**meta):
    """What the rest of the portal sees after ProxyHeadersMiddleware: (client address, forwarded headers left)."""
    seen = {}

    def view(request):
        seen["address"] = request.client_address
        seen["forwarded"] = sorted(key for key in request.META if "FORWARDED" in key)

    ProxyHeadersMiddleware(view)(RequestFactory().get("/", **meta))
    return seen["address"], seen["forwarded"]


def test_a_direct_client_cannot_choose_its_address_or_scheme(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    address, forwarded = seen_by_the_view(
        REMOTE_ADDR=OUTSIDER, HTTP_X_FORWARDED_FOR="198.51.100.7", HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_HOST="evil.example",
    )  # fmt: skip
    assert address == OUTSIDER
    assert forwarded == []


def test_through_the_trusted_proxy_its_forwarded_address_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    # The client wrote "1.2.3.4" itself; the proxy appended what it saw.
    assert seen_by_the_view(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")[0] == "198.51.100.7"
    settings.PROXY_COUNT = 2  # a load balancer, then a proxy that appends
    assert seen_by_the_view(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.0.0.9")[0] == (
        "198.51.100.7"
    )
    # A proxy that sent nothing usable: its own address, never a guess.
    assert seen_by_the_view(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address")[0] == PROXY


def test_nginx_on_the_unix_socket_is_trusted_only_when_named(settings):
    settings.TRUSTED_PROXIES = []
    assert seen_by_the_view(REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="198.51.100.7")[0] == ""
    settings.TRUSTED_PROXIES = ["unix"]
    assert seen_by_the_view(REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="198.51.100.7")[0] == "198.51.100.7"
    assert seen_by_the_view(REMOTE_ADDR=OUTSIDER, HTTP_X_FORWARDED_FOR="198.51.100.7")[0] == OUTSIDER


@pytest.mark.django_db
def test_https_is_believed_only_from_the_trusted_proxy(client, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    practice = make.practice("Scheme", slug="scheme")
    through_proxy = client.get(
        "/practices/scheme/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="testserver"
    )
    assert '<link rel="canonical" href="https://testserver/practices/scheme/">' in through_proxy.content.decode()
    direct = client.get(
        practice.get_absolute_url(), REMOTE_ADDR=OUTSIDER, HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="testserver"
    )
    assert '<link rel="canonical" href="http://testserver/practices/scheme/">' in direct.content.decode()


@pytest.mark.django_db
def test_a_forwarded_host_is_never_believed(client, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    make.practice("Host", slug="host")
    response = client.get("/practices/host/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_HOST="evil.example")
    assert '<link rel="canonical" href="http://testserver/practices/host/">' in response.content.decode()


@pytest.mark.django_db
def test_a_host_with_a_port_the_site_is_not_served_on_is_a_400(client, settings):
    settings.ALLOWED_HOST_PORTS = []  # production's default: browsers send no port for https
    make.practice("Port", slug="port")
    for url in ["/practices/port/", reverse("practices:export"), "/practices/", "/"]:
        response = client.get(url, HTTP_HOST="testserver:8443")
        assert response.status_code == 400, url
        assert "The port in this address is not one the portal is served on." in response.content.decode()
        assert "8443" not in response.content.decode()
    assert client.get("/practices/port/", HTTP_HOST="testserver").status_code == 200


@pytest.mark.django_db
def test_the_configured_port_is_kept_in_links_and_exports(client, settings):
    settings.ALLOWED_HOST_PORTS = ["8080"]
    make.practice("Port", slug="port")
    page = client.get("/practices/port/", HTTP_HOST="testserver:8080")
    assert '<link rel="canonical" href="http://testserver:8080/practices/port/">' in page.content.decode()
    export = b"".join(client.get(reverse("practices:export"), HTTP_HOST="testserver:8080").streaming_content)
    assert b",http://testserver:8080/practices/port/," in export
    assert client.get("/practices/port/", HTTP_HOST="testserver:8081").status_code == 400


def test_production_refuses_to_trust_a_tls_header_from_nobody_in_particular():
    production = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "compendium.example.org"}
    refused = manage("check", DJANGO_BEHIND_TLS_PROXY="1", **production)
    assert refused.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES is empty" in refused.stderr
    accepted = manage("check", DJANGO_BEHIND_TLS_PROXY="1", DJANGO_TRUSTED_PROXIES="unix,10.0.0.0/8", **production)
    assert accepted.returncode == 0, accepted.stderr
    typo = manage("check", DJANGO_TRUSTED_PROXIES="10.0.0.300", **production)
    assert "'10.0.0.300' is neither an IP address" in typo.stderr
