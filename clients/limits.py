"""How often clients may ask for what costs the most: counted in fixed windows in the shared cache (Redis).

A `Rate` allows so many requests a window, for one client (keyed by the
client address `clients.addresses.client_address` decided) or for everyone.
The counts live in the cache every app server shares, so the limit holds
across servers. Without a shared cache nothing is counted and nothing is
refused (the README says so): a limit that cannot be counted must not turn
readers away.
"""

import logging
import math
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rate:
    name: str
    requests: int  # allowed in each window
    seconds: int  # the window


def wait_before(rate, who):
    """Seconds `who` must wait before asking `rate` again, or 0: then this request is counted and may go on."""
    window = int(time.time() // rate.seconds)
    key = f"rate:{rate.name}:{who}:{window}"
    try:
        count = 1 if cache.add(key, 1, rate.seconds + 1) else cache.incr(key)
    except ValueError:  # no shared cache (the dummy one keeps nothing): nothing to count
        return 0
    except Exception:
        logger.warning("Cache unavailable; %s not counted", rate.name, exc_info=True)
        return 0
    if count <= rate.requests:
        return 0
    return max(1, math.ceil((window + 1) * rate.seconds - time.time()))


def first_refusal(rates_and_keys):
    """The wait of the first of [(rate, who)] that is used up, or 0 when every one lets the request through."""
    for rate, who in rates_and_keys:
        wait = wait_before(rate, who)
        if wait:
            return wait
    return 0


def too_many_requests(request, wait, what):
    """429 with Retry-After: `what` is asked too often; plain text for files, a page for pages."""
    message = f"{what} Please wait {wait} second{'s' if wait != 1 else ''} and try again."
    if request.path.endswith((".csv", ".xlsx", ".pdf", ".json")):
        response = HttpResponse(f"Too many requests\n{message}\n", status=429, content_type="text/plain; charset=utf-8")
    else:
        html = render_to_string("429.html", {"title": "Too many requests", "message": message}, request=request)
        response = HttpResponse(html, status=429)
    response["Retry-After"] = str(wait)
    return response
