"""A per-address limit on what costs the portal (an e-mail sent) or could flood the editors' queue.

Each client address (as config.proxy.client_address decides it) may do each
action a number of times an hour, counted in a window that opens with its
first action. Over the limit the action is refused, with how long to wait.
Counts are kept in the database, so every app server shares them and the
limit holds without a cache.
"""

import datetime
import math

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from contributions.models import AddressActions

WINDOW = datetime.timedelta(hours=1)


class Action(models.TextChoices):
    SIGN_IN_LINK = "sign_in_link", "sign-in links asked for"
    CONTRIBUTION = "contribution", "submissions started or sent for review"


def limit(action):
    return settings.SIGN_IN_LINKS_PER_HOUR if action == Action.SIGN_IN_LINK else settings.CONTRIBUTIONS_PER_HOUR


def now():
    return timezone.now()


def take(action, address):
    """Count one `action` from `address`: None when allowed, else the seconds to wait (and nothing counted)."""
    moment = now()
    with transaction.atomic():
        row, created = AddressActions.objects.select_for_update().get_or_create(
            action=action, address=address, defaults={"window_started": moment, "count": 1}
        )
        if created:
            return None
        if moment - row.window_started >= WINDOW:
            row.window_started, row.count = moment, 1
        elif row.count >= limit(action):
            return max(1, math.ceil((row.window_started + WINDOW - moment).total_seconds()))
        else:
            row.count += 1
        row.save(update_fields=["window_started", "count"])
    return None
