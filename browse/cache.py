"""A shared cache that may be absent or down: the page is then computed, never broken."""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def cached(key, compute, timeout=600):
    """cache[key], computing and storing it on a miss; `compute()` alone when the cache fails."""
    try:
        value = cache.get(key)
    except Exception:
        logger.warning("Cache unavailable; computing %s", key, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("Cache unavailable; not storing %s", key, exc_info=True)
    return value


def generation(name):
    """The current generation number of `name`; bumping it retires every key built with it."""
    try:
        value = cache.get(f"generation:{name}")
        if value is None:
            cache.add(f"generation:{name}", 1, None)
            value = cache.get(f"generation:{name}") or 1
        return value
    except Exception:
        return None


def bump_generation(name):
    try:
        cache.incr(f"generation:{name}")
    except ValueError:
        cache.add(f"generation:{name}", 2, None)
    except Exception:
        logger.warning("Cache unavailable; could not retire %s keys", name, exc_info=True)
