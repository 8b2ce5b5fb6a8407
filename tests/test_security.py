"""Configuration, headers, the admin's door and hostile requests."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import connection
from django.urls import reverse

from tests import factories as make

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k9!Vq2#rT7zL0pX4@wN8sE1mB6yH3cJ5dF0gA2uQ7iO9eR4tY1-production-test",
    "DJANGO_ALLOWED_HOSTS": "compendium.example.org",
    "EMAIL_URL": "smtp+tls://portal%40example.org:p%40ss@mail.example.org:587",
    "DJANGO_DEFAULT_FROM_EMAIL": "Intercultural Compendium <portal@example.org>",
}


def manage(*arguments, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def python(code, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env})
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_deploy_check_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


SETTINGS_PROBE = (
    "from django.conf import settings as s; import json; "
    "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE]))"
)


def test_tls_protections_are_on_in_production_and_can_be_turned_off():
    assert json.loads(python(SETTINGS_PROBE, **PRODUCTION)) == [True, 31536000, True, True]
    plain = json.loads(python(SETTINGS_PROBE, **PRODUCTION, DJANGO_SECURE_SSL="0"))
    assert plain == [False, 0, False, False]


@pytest.mark.django_db
def test_every_html_page_carries_the_security_headers(client):
    practice = make.practice("Headers")
    for url in ["/", "/practices/", practice.get_absolute_url(), "/practices/?country=XX", "/no-such-page/"]:
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
        assert directives["default-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert "'unsafe-inline'" not in directives["script-src"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_hsts_and_secure_cookies_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    login = client.get(reverse("admin:login"), secure=True)
    assert login.cookies["csrftoken"]["secure"] is True


ADMIN_PROBE = """
import django; django.setup()
from django.test import Client
client = Client()
print(client.get("/admin/").status_code, client.get("/editors-desk/").status_code)
"""


@pytest.mark.django_db(transaction=True)
def test_the_admin_lives_only_where_it_is_configured():
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    moved = python(ADMIN_PROBE, DJANGO_DEBUG="1", DATABASE_URL=url, DJANGO_ADMIN_URL="editors-desk/",
                   DJANGO_ALLOWED_HOSTS="testserver")  # fmt: skip
    assert moved == "404 302"


@pytest.mark.django_db
def test_the_sixth_failed_sign_in_is_refused_even_with_the_right_password(client):
    User.objects.create_superuser("admin", password="the right password 123")
    login = reverse("admin:login")
    for _ in range(4):
        response = client.post(login, {"username": "admin", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    fifth = client.post(login, {"username": "admin", "password": "wrong"})
    assert fifth.status_code == 429  # the fifth failure locks the account from here
    response = client.post(login, {"username": "admin", "password": "the right password 123"})
    assert response.status_code == 429
    assert "Sign-in locked for a while" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_right_password_before_the_limit_signs_in(client):
    User.objects.create_superuser("admin", password="the right password 123")
    login = reverse("admin:login")
    for _ in range(4):
        client.post(login, {"username": "admin", "password": "wrong"})
    response = client.post(login, {"username": "admin", "password": "the right password 123"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_null_byte_is_a_400_on_every_admin_changelist(client):
    client.force_login(User.objects.create_superuser("admin", password="x"))
    changelists = [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") for model in admin.site._registry
    ]
    assert len(changelists) >= 6
    for url in changelists:
        for query in ["q=%00", "o=1%002", "p=%00"]:
            response = client.get(f"{url}?{query}")
            assert response.status_code == 400, (url, query)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("&".join(f"p{n}=1" for n in range(1001)), "more than 1000 parameters"),
        ("&".join("country=ES" for _ in range(51)), "more than 50 values"),
        ("q=" + "a" * 201, "limited to 200 characters"),
    ],
)
def test_oversized_input_is_a_400_with_a_message(client, query, message):
    for url in ["/practices/", "/practices/export.csv"]:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400
        assert message in response.content.decode()


@pytest.mark.django_db
def test_error_pages_are_styled_and_never_show_a_traceback(client, rf):
    from django.views.defaults import server_error

    not_found = client.get("/no-such-page/")
    assert not_found.status_code == 404
    body = not_found.content.decode()
    assert "Page not found" in body and "site-header" in body and "Traceback" not in body
    failed = server_error(rf.get("/"))
    assert failed.status_code == 500
    assert "Something went wrong" in failed.content.decode()
    assert "site-header" in failed.content.decode()


def cut_short(monkeypatch, method):
    """`PracticeList.<method>` runs a query that the statement time-out cuts short."""
    from django.db import connection as db

    from practices.lists import PracticeList

    def slow(self, filterset):
        with db.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 50")
            cursor.execute("SELECT pg_sleep(2)")

    monkeypatch.setattr(PracticeList, method, slow)


@pytest.mark.django_db
def test_a_slow_query_is_cut_and_answered_with_a_friendly_503(client, monkeypatch):
    cut_short(monkeypatch, "counts")
    make.practice("Slow")
    response = client.get("/practices/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "The portal is busy" in response.content.decode()


@pytest.mark.django_db
def test_a_file_asked_for_while_the_database_is_busy_is_refused_in_plain_text(client, monkeypatch):
    """A spreadsheet's client (a script, a download) reads the refusal as text, as a CSV's does: not a page."""
    cut_short(monkeypatch, "export_items")
    response = client.get("/practices/export.xlsx?level=local")
    assert response.status_code == 503
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("The portal is busy\n")


@pytest.mark.django_db
def test_the_lock_opens_after_the_cool_off(client, settings):
    import datetime
    import time

    settings.AXES_COOLOFF_TIME = datetime.timedelta(seconds=2)
    User.objects.create_superuser("admin", password="the right password 123")
    login = reverse("admin:login")
    for _ in range(5):
        client.post(login, {"username": "admin", "password": "wrong"})
    assert client.post(login, {"username": "admin", "password": "the right password 123"}).status_code == 429
    time.sleep(2.2)
    assert client.post(login, {"username": "admin", "password": "the right password 123"}).status_code == 302
