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
def fast_password_hashing(settings):
    """Sign-in tests make dozens of attempts; production's hasher takes a second each on a busy machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def shared_cache(settings):
    """A working cache, empty, standing in for the Redis all app servers share."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


# Browser tests: real headless Chromium (Debian's package) driven by Playwright.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def live_server(collected_static_files):
    """pytest-django's live server, but static files come from WhiteNoise as in production.

    The stock server answers /static/ from the source folders, which know
    nothing of the hashed names the manifest storage puts in the pages.
    """
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost", start=False)
    server.thread.static_handler = lambda application: application
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    import os

    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make around it are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (1280 px wide) against the live test server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.base_url = live_server.url
    yield tab
    context.close()


@pytest.fixture
def axe_violations():
    """Serious and critical axe-core violations on the page as it is now: [(rule, impact, targets)]."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(tab):
        results = axe.run(tab)
        return [
            (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]][:5])
            for violation in results.response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]

    return check
