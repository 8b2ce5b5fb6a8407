"""Test-only settings overrides and shared fixtures."""

import pytest
from django.core.management import call_command


def pytest_configure(config):
    from django.conf import settings

    # Hashing passwords slowly is the point in production and only time lost in tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def collected_static_files(tmp_path_factory):
    """Serve static files exactly as production does: collected, hashed, compressed."""
    from django.conf import settings

    static_root = tmp_path_factory.mktemp("staticfiles")
    settings.STATIC_ROOT = static_root
    call_command("collectstatic", interactive=False, verbosity=0)
    return static_root


@pytest.fixture(autouse=True)
def export_files(settings, tmp_path):
    """Each test keeps its whole-list exports apart: rolled-back tests would otherwise meet an older test's file."""
    from tests.exports import gzipped_copies_written

    settings.EXPORT_FILES_DIR = str(tmp_path / "exports")
    yield tmp_path / "exports"
    gzipped_copies_written()  # no test's gzipping outlives it


@pytest.fixture(autouse=True)
def each_test_starts_in_english():
    """A request to a French page leaves French active in the test's thread (Django resets it only on the
    next request): without this, a test after it would reverse French addresses and read French labels."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def shared_cache(settings):
    """The Redis every app server shares, as production configures it, with keys of this test's own.

    Each test gets a prefix of its own (parallel workers and earlier tests never
    see its keys) and its keys are removed afterwards.
    """
    import uuid

    import redis

    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    from django.core.cache import cache

    yield cache
    server = redis.Redis.from_url(REDIS_URL)
    stale = list(server.scan_iter(f"{prefix}:*"))
    if stale:
        server.delete(*stale)


# The cast: the same people in every test file.


@pytest.fixture
def reader(db):
    """Someone with an account and no rights: sees what the public sees."""
    from django.contrib.auth.models import User

    return User.objects.create_user("reader", "reader@example.org", "a reader's password")


@pytest.fixture
def contributor(db):
    """A national or city focal point who proposes practices: not staff, in the Contributors group."""
    from django.contrib.auth.models import User

    from contributions.accounts import admit

    user = User.objects.create_user("contributor", "contributor@example.org", "a contributor's password")
    admit(user)
    return user


@pytest.fixture
def editor(db):
    """Staff in the Editors group: adds, corrects and publishes content, and nothing else."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("editor", "editor@example.org", "an editor's password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def administrator(db):
    from django.contrib.auth.models import User

    return User.objects.create_superuser("administrator", "administrator@example.org", "an administrator's password")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def administrator_client(client, administrator):
    client.force_login(administrator)
    return client


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
