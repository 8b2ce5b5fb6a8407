"""Test-only settings overrides and shared fixtures."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session", autouse=True)
def collected_static_files(tmp_path_factory):
    """Serve static files exactly as production does: collected, hashed, compressed."""
    from django.conf import settings

    static_root = tmp_path_factory.mktemp("staticfiles")
    settings.STATIC_ROOT = static_root
    call_command("collectstatic", interactive=False, verbosity=0)
    return static_root


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    """Every test starts with an empty local cache."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()
