"""Limits on guessing passwords that no single address can turn against an account's owner.

django-axes refuses one address for one account after a few failures (the
pair's lockout). These limits add what it lacks:

- per account, from any address: after ACCOUNT_LIMIT failures, each further
  attempt for that account must wait, and every failure doubles the wait (up
  to a maximum), so guessing from many addresses slows to a trickle; the
  owner's successful sign-in clears it. One address counts towards it at
  most as many failures as axes allows it, and the limit is above that, so
  one address alone can never make an account wait for everyone.
- per address, against any account: after ADDRESS_LIMIT failures the same
  growing wait, so one address cannot try a password on every account.

Failures are forgotten after a day without any.
"""

import datetime
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from signin.models import FailedSignIns, Scope

FORGOTTEN_AFTER = datetime.timedelta(days=1)


def now():
    return timezone.now()


@dataclass(frozen=True)
class Refusal:
    scope: str
    retry_after_seconds: int


def limit(scope):
    return settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT if scope == Scope.ACCOUNT else settings.SIGN_IN_ADDRESS_FAILURE_LIMIT


def wait_after(scope, failures):
    """How long after the last failure the next attempt must wait: nothing below the limit, then doubling."""
    over = failures - limit(scope)
    if over < 0:
        return datetime.timedelta(0)
    first = settings.SIGN_IN_FIRST_WAIT_SECONDS
    return datetime.timedelta(seconds=min(first * 2 ** min(over, 32), settings.SIGN_IN_LONGEST_WAIT_SECONDS))


def pair_key(username, address):
    return f"{username}\n{address}"


def limited_keys(username, address):
    keys = [(Scope.ADDRESS, address)]
    if username:
        keys.insert(0, (Scope.ACCOUNT, username))
    return keys


def refusal(username, address):
    """A Refusal when this account or this address must still wait, else None."""
    moment = now()
    for scope, key in limited_keys(username, address):
        row = FailedSignIns.objects.filter(scope=scope, key=key).first()
        if row is None or moment - row.last_failure > FORGOTTEN_AFTER:
            continue
        allowed_at = row.last_failure + wait_after(scope, row.failures)
        if moment < allowed_at:
            return Refusal(scope, math.ceil((allowed_at - moment).total_seconds()))
    return None


def record_failure(username, address):
    moment = now()
    with transaction.atomic():
        count_one(Scope.ADDRESS, address, moment)
        if not username:
            return
        from_this_address = count_one(Scope.PAIR, pair_key(username, address), moment)
        if from_this_address <= settings.AXES_FAILURE_LIMIT:
            count_one(Scope.ACCOUNT, username, moment)


def count_one(scope, key, moment):
    """One more failure for (scope, key), started afresh when the last one is forgotten; the new count."""
    row, created = FailedSignIns.objects.select_for_update().get_or_create(
        scope=scope, key=key, defaults={"failures": 1, "last_failure": moment}
    )
    if not created:
        row.failures = 1 if moment - row.last_failure > FORGOTTEN_AFTER else F("failures") + 1
        row.last_failure = moment
        row.save(update_fields=["failures", "last_failure"])
        row.refresh_from_db(fields=["failures"])
    return row.failures


def forget_account(username):
    """The owner signed in: the account's counts start again (the addresses' own do not)."""
    FailedSignIns.objects.filter(scope=Scope.ACCOUNT, key=username).delete()
    FailedSignIns.objects.filter(scope=Scope.PAIR, key__startswith=pair_key(username, "")).delete()
