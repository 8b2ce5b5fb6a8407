"""Whole pages for readers without a session: from the shared cache, and still there when the database is not.

A public page a reader without a session gets (GET or HEAD, 200, HTML) is
kept in the shared cache under the content generation's token (and the release), so the next
reader of the same address gets it without the database (one indexed read
of the token), and every write retires it everywhere at once. A copy is
also kept under the address alone, for a day: while PostgreSQL does not
answer, readers get that copy, with a line saying it may be a few minutes
old, instead of an error. Signed-in people (editors, contributors) always
get their pages made afresh.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy

from browse.cache import (
    cache_is_configured,
    content_generation,
    generation_for_this_request,
    generation_read_once,
    kept_under,
)

logger = logging.getLogger(__name__)

FRESH_SECONDS = 600
LAST_COPY_SECONDS = 24 * 3600
STALE_NOTICE_MARK = b"<!--stale-notice-->"
STALE_NOTICE = gettext_lazy(
    "The portal's database is not answering just now: this page is as it was a few minutes ago at most."
)


def stale_notice(request):
    """The line saying so, in the language of the page's address (this runs before the language is chosen)."""
    with translation.override(translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE):
        return f'<p class="notice notice--stale" role="status">{escape(STALE_NOTICE)}</p>'.encode()


def page_key(request):
    # Hashed: a filtered address can be longer than a cache key may be (250 characters for memcached).
    address = f"{request.get_host()}{request.get_full_path()}"
    return hashlib.sha256(address.encode()).hexdigest()


def cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and cache_is_configured()
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES))
    )


def storable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            if request.method not in ("GET", "HEAD"):
                return self.get_response(request)
            with generation_read_once():
                return self.get_response(request)
        page = page_key(request)
        try:
            token = content_generation()
        except (OperationalError, InterfaceError):
            return self.last_copy(request, page)
        with generation_for_this_request(token):
            fresh = f"page:{kept_under(token)}:{page}"
            hit = _get(fresh)
            if hit is not None:
                return hit
            response = self.get_response(request)
            if storable(response):
                _set(fresh, response, FRESH_SECONDS)
                _set(f"page-last:{page}", response, LAST_COPY_SECONDS)
            return response

    def last_copy(self, request, page):
        """The page as it was last made, marked as perhaps a few minutes old; else the usual answer to an outage."""
        copy = _get(f"page-last:{page}")
        if copy is None:
            return self.get_response(request)  # it will meet the outage itself and answer 503
        logger.warning("Database unavailable; serving the last copy of %s", request.get_full_path())
        copy.content = copy.content.replace(STALE_NOTICE_MARK, stale_notice(request), 1)
        copy["Cache-Control"] = "no-store"
        return copy


def _get(key):
    try:
        return cache.get(key)
    except Exception:
        logger.warning("Cache unavailable; page %s made afresh", key, exc_info=True)
        return None


def _set(key, response, timeout):
    try:
        cache.set(key, response, timeout)
    except Exception:
        logger.warning("Cache unavailable; page %s not kept", key, exc_info=True)
