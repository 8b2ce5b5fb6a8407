"""At most API_RATE_LIMIT requests per client address and period, counted in the shared cache.

The client is who `config.proxy.client_address` says (forwarding headers only
from a trusted proxy), never DRF's own reading of X-Forwarded-For. Each
address has one counter per period (a fixed window), kept in the cache every
app server shares, so the limit holds across servers and workers; Redis's
INCR makes two concurrent requests count as two.

Without a shared cache (no DJANGO_CACHE_URL) nothing is counted and the API
does not limit: nginx's per-client limits in front of it still hold. If the
cache stops answering, requests are let through, never refused for that.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from rest_framework.throttling import BaseThrottle

from config.proxy import client_address

logger = logging.getLogger(__name__)

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86_400}


def parse_rate(rate):
    """(requests, seconds) from "300/minute"."""
    count, period = rate.split("/")
    return int(count), PERIODS[period]


class ClientAddressRateThrottle(BaseThrottle):
    def __init__(self):
        self.limit, self.period = parse_rate(settings.API_RATE_LIMIT)
        self.window_end = None

    def get_ident(self, request):
        return client_address(request)

    def allow_request(self, request, view):
        if isinstance(caches["default"], DummyCache):
            return True
        now = time.time()
        window = int(now // self.period)
        self.window_end = (window + 1) * self.period
        key = f"api-rate:{self.get_ident(request)}:{self.period}:{window}"
        try:
            cache.add(key, 0, timeout=self.period + 1)
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: this request is the window's first
            return True
        except Exception:
            logger.warning("Cache unavailable; the API's rate limit is not counted", exc_info=True)
            return True
        return count <= self.limit

    def wait(self):
        """Seconds until the client's window ends (Retry-After)."""
        return max(1, round(self.window_end - time.time())) if self.window_end else None
