"""What the proxy in front of the app server may tell us, and who the client is.

Forwarding headers (X-Forwarded-For, -Proto, -Host, …) are anyone's to write.
They are believed only when the request came from a proxy named in
DJANGO_TRUSTED_PROXIES (addresses, networks, or `unix` for nginx on
gunicorn's Unix socket); from anyone else they are dropped before any other
code can read them. The client's address is decided here, once per request,
and everything that keys on it (the sign-in lockout) asks `client_address`.
"""

import ipaddress
import logging

from django.conf import settings

logger = logging.getLogger(__name__)

# Over a Unix socket gunicorn has no peer address: REMOTE_ADDR is empty.
UNIX_SOCKET = "unix"

FORWARDING_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


def parse_trusted_proxies(entries):
    """`unix` and IP networks from DJANGO_TRUSTED_PROXIES; ValueError names a bad entry."""
    parsed = []
    for entry in entries:
        if entry == UNIX_SOCKET:
            parsed.append(UNIX_SOCKET)
            continue
        try:
            parsed.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"{entry!r} is neither an IP address, a network nor {UNIX_SOCKET!r}") from None
    return parsed


def is_trusted_proxy(remote_addr):
    trusted = parse_trusted_proxies(settings.TRUSTED_PROXIES)
    if remote_addr == "":
        return UNIX_SOCKET in trusted
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    return any(network != UNIX_SOCKET and address in network for network in trusted)


def forwarded_client(forwarded_for, proxy_count):
    """The address the outermost trusted proxy saw: the proxy_count-th entry of X-Forwarded-For from the right.

    Entries further left were written by the client itself and prove nothing.
    """
    entries = [entry.strip() for entry in forwarded_for.split(",") if entry.strip()]
    if len(entries) < proxy_count:
        return None
    candidate = entries[-proxy_count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def decide_client_address(request):
    remote_addr = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(remote_addr):
        return remote_addr
    forwarded_for = request.META.get("HTTP_X_FORWARDED_FOR", "")
    client = forwarded_client(forwarded_for, settings.PROXY_COUNT)
    if client is None:
        logger.warning("A trusted proxy sent no usable X-Forwarded-For (%r); using its own address.", forwarded_for)
        return remote_addr
    return client


def client_address(request):
    """The client's address, as ProxyHeadersMiddleware decided it (AXES_CLIENT_IP_CALLABLE points here)."""
    if not hasattr(request, "client_address"):
        request.client_address = decide_client_address(request)
    return request.client_address


class ProxyHeadersMiddleware:
    """First in the chain: forwarding headers from an untrusted peer are dropped, the client address is set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            for header in FORWARDING_HEADERS:
                request.META.pop(header, None)
        request.client_address = decide_client_address(request)
        return self.get_response(request)
