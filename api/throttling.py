"""At most API_RATE_LIMIT requests per client address and period, counted by the portal's one limiter.

The client is who `clients.addresses.client_address` says (forwarding headers
only from a trusted proxy), never DRF's own reading of X-Forwarded-For; the
counting is `clients.limits` (fixed windows counted in PostgreSQL), so the
limit holds across servers and workers, with or without a cache.
"""

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from clients.addresses import client_address
from clients.limits import Rate, wait_before

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86_400}


def parse_rate(rate):
    """(requests, seconds) from "300/minute"."""
    count, period = rate.split("/")
    return int(count), PERIODS[period]


class ClientAddressRateThrottle(BaseThrottle):
    def __init__(self):
        self.rate = Rate("api", *parse_rate(settings.API_RATE_LIMIT))
        self.seconds_to_wait = None

    def get_ident(self, request):
        return client_address(request)

    def allow_request(self, request, view):
        self.seconds_to_wait = wait_before(self.rate, self.get_ident(request)) or None
        return self.seconds_to_wait is None

    def wait(self):
        """Seconds until the client's window ends (Retry-After)."""
        return self.seconds_to_wait
