"""The sign-in lockout protects accounts without letting one address lock an account for everyone.

Defaults: axes locks one account from one address after 5 failures; one account
from any addresses waits after 10 (30 s, then doubling); one address against
any accounts waits after 20.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from signin import limits

pytestmark = pytest.mark.django_db

WRONG_PASSWORD = "Please enter the correct username and password for a staff account."
PAIR_LOCKED = "Too many failed sign-ins for this account from here."
ACCOUNT_WAITS = "Too many failed sign-ins for this account, from several places."
ADDRESS_WAITS = "Too many failed sign-ins from your address."
RIGHT = "the right password 123"


@pytest.fixture
def clock(monkeypatch):
    """The limits' clock, moved by hand: clock.advance(seconds)."""

    class Clock:
        moment = timezone.now()

        def advance(self, seconds):
            self.moment += datetime.timedelta(seconds=seconds)

    fixed = Clock()
    monkeypatch.setattr(limits, "now", lambda: fixed.moment)
    return fixed


def sign_in(address, username, password, **headers):
    """One attempt from a fresh browser at `address`: (status, page text, Retry-After)."""
    response = Client(REMOTE_ADDR=address, **headers).post(
        reverse("admin:login"), {"username": username, "password": password}
    )
    return response.status_code, response.content.decode(), response.get("Retry-After")


def test_five_addresses_against_one_account_slow_down_then_the_owner_gets_in(clock):
    User.objects.create_superuser("admin", password=RIGHT)
    attackers = [f"198.51.100.{n}" for n in range(1, 6)]
    for round_number in range(2):
        for address in attackers:
            status, page, retry_after = sign_in(address, "admin", "guess")
            if (round_number, address) != (1, attackers[-1]):
                assert status == 200, (round_number, address)
                assert WRONG_PASSWORD in page
    # The tenth failure, from five places: the account now waits 30 s, whoever asks.
    assert (status, retry_after) == (429, "30")
    assert ACCOUNT_WAITS in page and "Wait 30 seconds" in page

    status, page, retry_after = sign_in("192.0.2.50", "admin", RIGHT)  # the owner, elsewhere
    assert (status, retry_after) == (429, "30")
    assert ACCOUNT_WAITS in page

    clock.advance(31)
    status, page, retry_after = sign_in(attackers[0], "admin", "guess")
    assert (status, retry_after) == (429, "60")  # each further failure doubles the wait
    assert "Wait 60 seconds" in page
    status, _, retry_after = sign_in(attackers[1], "admin", RIGHT)
    assert (status, retry_after) == (429, "60")  # refused unseen, even the right password

    clock.advance(61)
    status, _, _ = sign_in("192.0.2.50", "admin", RIGHT)
    assert status == 302  # the owner signs in, and the account's count starts again
    status, page, _ = sign_in(attackers[2], "admin", "guess")
    assert status == 200 and WRONG_PASSWORD in page


def test_one_address_cannot_make_an_account_wait_for_everyone(clock):
    User.objects.create_superuser("admin", password=RIGHT)
    attacker = "198.51.100.1"
    for attempt in range(1, 5):
        status, page, _ = sign_in(attacker, "admin", "guess")
        assert (attempt, status) == (attempt, 200) and WRONG_PASSWORD in page
    status, page, retry_after = sign_in(attacker, "admin", "guess")
    assert (status, retry_after) == (429, "900")  # axes: this account, from here, for 15 minutes
    assert PAIR_LOCKED in page and "Wait 15 minutes" in page
    status, _, _ = sign_in(attacker, "admin", RIGHT)
    assert status == 429

    # The lock ends; the same address fails five times again: still only its own lock.
    AccessAttempt.objects.all().delete()  # as axes does once its cool-off has passed
    clock.advance(16 * 60)
    for _ in range(5):
        status, _, _ = sign_in(attacker, "admin", "guess")
    assert status == 429
    assert sign_in("192.0.2.50", "admin", RIGHT)[0] == 302  # the owner, elsewhere, is never held up


def test_one_address_against_five_accounts_is_stopped_and_the_owners_are_not(clock):
    owners = {f"editor{n}": f"192.0.2.{n}" for n in range(1, 6)}
    for username in owners:
        User.objects.create_superuser(username, password=RIGHT)
    sprayer = "198.51.100.77"
    attempts = [username for _ in range(4) for username in owners]  # four guesses on each, 20 in all
    for number, username in enumerate(attempts, start=1):
        status, page, retry_after = sign_in(sprayer, username, "guess")
        if number < 20:
            assert status == 200, number
            assert WRONG_PASSWORD in page
    assert (status, retry_after) == (429, "30")
    assert ADDRESS_WAITS in page
    status, page, _ = sign_in(sprayer, "editor1", RIGHT)
    assert status == 429 and ADDRESS_WAITS in page  # this address waits, whatever it tries

    for username, address in owners.items():
        assert sign_in(address, username, RIGHT)[0] == 302, username  # nobody else does


def test_behind_the_load_balancer_each_client_is_locked_out_alone(settings, clock):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    User.objects.create_superuser("admin", password=RIGHT)
    balancer = "10.0.0.2"
    for _ in range(5):
        status, page, _ = sign_in(balancer, "admin", "guess", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert status == 429 and PAIR_LOCKED in page
    status, _, _ = sign_in(balancer, "admin", RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.50")
    assert status == 302


def test_a_direct_client_cannot_dodge_the_lock_with_a_forwarded_header(clock):
    User.objects.create_superuser("admin", password=RIGHT)
    for n in range(5):
        status, _, _ = sign_in("198.51.100.1", "admin", "guess", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert status == 429
    assert sign_in("198.51.100.1", "admin", RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.99")[0] == 429
