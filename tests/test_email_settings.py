"""E-mail is configured by one EMAIL_URL: the console in development, SMTP in production, checked at deploy."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import email_settings
from tests.test_security import PRODUCTION, manage, python

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp+tls://portal%40example.org:p%40ss%3Aword@mail.example.org:2525",
            {"EMAIL_HOST": "mail.example.org", "EMAIL_PORT": 2525, "EMAIL_HOST_USER": "portal@example.org",
             "EMAIL_HOST_PASSWORD": "p@ss:word", "EMAIL_USE_TLS": True, "EMAIL_USE_SSL": False},
        ),
        ("smtp+tls://mail.example.org", {"EMAIL_PORT": 587, "EMAIL_USE_TLS": True, "EMAIL_HOST_USER": ""}),
        ("smtp+ssl://u:p@mail.example.org", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False}),
        ("smtp://relay.internal", {"EMAIL_HOST": "relay.internal", "EMAIL_PORT": 25, "EMAIL_USE_TLS": False}),
    ],
)  # fmt: skip
def test_smtp_addresses(url, expected):
    settings = email_settings(url)
    assert settings["EMAIL_BACKEND"] == SMTP
    assert {key: settings[key] for key in expected} == expected


def test_console_and_memory_for_development_and_tests():
    assert email_settings("console://") == {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    assert email_settings("locmem://") == {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("imap://mail.example.org", "EMAIL_URL must start with one of smtp://, smtp+tls://, smtp+ssl://"),
        ("smtp://mail.example.org:port", "EMAIL_URL has a port that is not a number"),
        ("smtp://", "EMAIL_URL names no SMTP host"),
    ],
)
def test_a_wrong_address_stops_the_start(url, message):
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        email_settings(url)


def test_the_settings_follow_the_environment():
    probe = "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)"
    assert python(probe, DJANGO_DEBUG="1") == "django.core.mail.backends.console.EmailBackend localhost 25 False"
    production = python(probe, **PRODUCTION)
    assert production == f"{SMTP} mail.example.org 587 True"
    unset = python(probe, **{**PRODUCTION, "EMAIL_URL": ""})
    assert unset == f"{SMTP} localhost 25 False"


def test_the_deploy_check_warns_when_e_mail_is_left_to_its_defaults():
    result = manage("check", "--deploy", "--fail-level", "WARNING",
                    **{**PRODUCTION, "EMAIL_URL": "", "DJANGO_DEFAULT_FROM_EMAIL": ""})  # fmt: skip
    assert result.returncode != 0
    assert "config.W001" in result.stderr and "EMAIL_URL is not set" in result.stderr
    assert "config.W002" in result.stderr
    broken = manage("check", **{**PRODUCTION, "EMAIL_URL": "smtp://"})
    assert broken.returncode != 0 and "EMAIL_URL names no SMTP host" in broken.stderr
