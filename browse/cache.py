"""Cached reads, retired by every write: the one cache policy of the portal.

A cached value is keyed by the content generation (browse.models.ContentGeneration),
which database triggers move on in every transaction that writes content or
vocabulary, so no way of writing leaves a stale count, facet or related list
behind, and every app server sharing the cache (Redis) sees the change at once;
and by the code answering (`settings.RELEASE`), so no deploy does (`kept_under`).

The shared cache may be absent (nothing is cached, which is always correct)
or down (the page is computed without it, never broken).
"""

import contextlib
import contextvars
import hashlib
import json
import logging

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import get_language

from browse.models import ContentGeneration, KeptCounts

logger = logging.getLogger(__name__)

TIMEOUT = 600


# The token of the request being answered, so a page reads it once: set by the page cache, or kept on first
# use while answering a read (`generation_read_once`: then a list, empty until read).
_request_generation = contextvars.ContextVar("request_generation", default=None)


def cached_read(name, state, compute, timeout=TIMEOUT):
    """`compute()`, cached under `name` and `state` (any string) for the current content generation.

    Kept per language: what is computed may hold words of the active language (a level's label).
    """
    if not cache_is_configured():
        return compute()
    digest = hashlib.sha256(state.encode()).hexdigest()[:32]
    token = content_generation()
    key = f"{name}:{get_language()}:{kept_under(token)}:{digest}"
    try:
        value = cache.get(key)
    except Exception:
        logger.warning("Cache unavailable; computing %s", name, exc_info=True)
        return compute()
    if value is None:
        with generation_for_this_request(token):  # what is computed reads the generation it is kept under
            value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("Cache unavailable; not storing %s", name, exc_info=True)
    return value


def kept_read(key, compute):
    """`compute()` (JSON), kept in the database for the current content generation and day: one read while
    nothing changes. Counted under the token read before counting, so a row is never older than its token.
    Each release keeps its own row: two running at once (a rolling deploy) never count over each other; the
    rows of releases gone are removed when the next one is migrated (`forget_other_releases_counts`)."""
    today = timezone.localdate()
    key = f"{key}:{settings.RELEASE}"
    current = Subquery(ContentGeneration.objects.filter(pk=1).values("token"))
    kept = KeptCounts.objects.filter(key=key, day=today, token=current).values_list("counts", flat=True).first()
    if kept is not None:
        return kept
    token = content_generation()
    with generation_for_this_request(token):
        # As it will be read back: JSON, lazy labels in the language counted in.
        value = json.loads(json.dumps(compute(), cls=DjangoJSONEncoder))
    try:
        KeptCounts.objects.bulk_create(
            [KeptCounts(key=key, token=token, day=today, counts=value)],
            update_conflicts=True, unique_fields=["key"], update_fields=["token", "day", "counts"],
        )  # fmt: skip
    except DatabaseError:
        logger.warning("Could not keep %s; counted again next time", key, exc_info=True)
    return value


def content_generation():
    """The token the last committed write to content left (one indexed read): a new one for every write."""
    held = _request_generation.get()
    if isinstance(held, str):
        return held
    if held:
        return held[0]
    # No row: the table was emptied (a flush) and nothing has been written since.
    token = ContentGeneration.objects.values_list("token", flat=True).filter(pk=1).first() or "none"
    if held is not None:
        held.append(token)
    return token


def kept_under(token):
    """What a value kept beyond a worker's life is made from: the content generation `token` and the code
    answering (`settings.RELEASE`, a digest of the source). Neither a write nor a deploy serves an older one."""
    return f"{token}.{settings.RELEASE}"


@contextlib.contextmanager
def generation_for_this_request(token):
    """While answering one request, the content generation is the one read at its start."""
    reset = _request_generation.set(token)
    try:
        yield
    finally:
        _request_generation.reset(reset)


@contextlib.contextmanager
def generation_read_once():
    """While answering a read, the content generation is read on first use and kept for the rest of it (or of
    the request, when it already keeps one)."""
    if _request_generation.get() is not None:
        yield
        return
    reset = _request_generation.set([])
    try:
        yield
    finally:
        _request_generation.reset(reset)


def cache_is_configured():
    return not isinstance(caches["default"], DummyCache)


def forget_other_releases_counts(using, **kwargs):
    """Remove the counts kept by other releases of the code (a post_migrate receiver: each deploy migrates)."""
    KeptCounts.objects.using(using).exclude(key__endswith=f":{settings.RELEASE}").delete()
