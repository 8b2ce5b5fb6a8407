"""The production stack as `make serve` runs it: nginx in front of gunicorn on a Unix socket.

Real processes on loopback ports, each stack stopped (its whole process group)
however the test ends. Clients come from different loopback addresses
(127.0.0.x) so that nginx's per-client limits of one test never touch another.
"""

import contextlib
import http.client
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.conf import global_settings
from django.contrib.auth.models import User
from django.db import connection

from tests import factories as make

ROOT = Path(__file__).resolve().parent.parent
SECRET = "stack-test-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def server_environment(static_root, **extra):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(
        DJANGO_SECRET_KEY=SECRET, DATABASE_URL=database_url(), DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_LOG_LEVEL="ERROR", WEB_CONCURRENCY="2", **extra,
    )  # fmt: skip
    return environment


def stop(process):
    """SIGTERM to the launcher (it stops its children), then SIGKILL to whatever of the group is left."""
    if process.poll() is None:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=20)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def wait_until_answering(port, process, path="/"):
    answer = None
    for _ in range(200):
        if process.poll() is not None:
            raise AssertionError(f"the server stopped at start: {process.stdout.read()}")
        try:
            answer = fetch(port, path)
            if answer[0] == 200:
                return
        except OSError as error:
            answer = error
        time.sleep(0.1)
    raise AssertionError(f"the server did not answer 200 within 20 s: {answer}")


def fetch(port, path, *, method="GET", headers=None, body=None, source="127.0.0.1"):
    """(status, headers, body) of one request from the loopback address `source`."""
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    try:
        client.request(method, path, body=body, headers={"Host": f"127.0.0.1:{port}", **(headers or {})})
        response = client.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        client.close()


class Stack:
    def __init__(self, port, state):
        self.port = port
        self.state = state
        self.export_files = state / "exports"  # the kept whole-list exports (browse/kept_exports.py)

    def get(self, path, **options):
        return fetch(self.port, path, **options)

    def gzipped_copy(self, timeout=10):
        """The gzipped copy of the export kept last, once the app has written it beside the plain one."""
        plain = max(self.export_files.glob("*.csv"), key=lambda path: path.stat().st_mtime)
        gzipped = plain.with_name(plain.name + ".gz")
        deadline = time.monotonic() + timeout
        while not gzipped.exists():
            assert time.monotonic() < deadline, f"no {gzipped.name} within {timeout} s"
            time.sleep(0.05)
        return gzipped

    def bytes_gunicorn_sent(self, source, path, timeout=10):
        """The body size gunicorn logged for source's request, once written: it logs after answering."""
        line = re.compile(rf'^{re.escape(source)} .*"GET {re.escape(path)} HTTP/1.1" \d+ (\d+)', re.MULTILINE)
        deadline = time.monotonic() + timeout
        while not (found := line.findall((self.state / "logs" / "gunicorn-access.log").read_text())):
            assert time.monotonic() < deadline, f"gunicorn logged no {path} from {source}"
            time.sleep(0.05)
        return int(found[-1])


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker, collected_static_files):
    state = Path(tempfile.mkdtemp(prefix="serve-"))  # short: a Unix socket's path is at most 107 bytes
    # nginx's workers cannot read pytest's private temporary folder: a copy they can.
    static_root = shutil.copytree(collected_static_files, state / "static")
    for folder, _, files in os.walk(static_root):
        os.chmod(folder, 0o755)  # noqa: S103 - public files, read by nginx
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "deploy/serve.py", "--port", str(port), "--state-dir", str(state)],
        cwd=ROOT, env=server_environment(static_root, DJANGO_EXPORT_FILES_DIR=str(state / "exports")),
        start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        wait_until_answering(port, process)
        yield Stack(port, state)
    finally:
        stop(process)
        shutil.rmtree(state, ignore_errors=True)


def test_two_slow_header_clients_do_not_hold_up_a_page(stack, transactional_db):
    make.practice("Slow clients", slug="slow-clients")
    stop_trickling = threading.Event()

    def trickle_headers():
        """A client that sends one header line a second and never finishes."""
        with socket.create_connection(("127.0.0.1", stack.port), source_address=("127.0.0.21", 0)) as slow:
            slow.sendall(f"GET /practices/ HTTP/1.1\r\nHost: 127.0.0.1:{stack.port}\r\n".encode())
            while not stop_trickling.wait(1):
                try:
                    slow.sendall(b"X-Still-Typing: 1\r\n")
                except OSError:
                    return

    slow_clients = [threading.Thread(target=trickle_headers) for _ in range(2)]
    for client in slow_clients:
        client.start()
    try:
        time.sleep(1.5)  # both slow clients are connected and sending
        started = time.monotonic()
        status, _, body = stack.get("/practices/", source="127.0.0.22")
        elapsed = time.monotonic() - started
    finally:
        stop_trickling.set()
        for client in slow_clients:
            client.join()
    assert status == 200
    assert b"Slow clients" in body
    assert elapsed < 3, f"a page took {elapsed:.1f} s behind two slow clients"


def test_static_files_are_served_by_nginx_compressed_and_cached_for_a_year(stack, transactional_db):
    _, _, home = stack.get("/")
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home).group(1).decode()
    status, headers, body = stack.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert body[:2] == b"\x1f\x8b"
    gunicorn_log = (stack.state / "logs" / "gunicorn-access.log").read_text()
    assert "GET / " in gunicorn_log  # positive control: pages do reach gunicorn
    assert "/static/" not in gunicorn_log


def sign_in(stack, username, password, source, forged_address):
    """A browser's sign-in: the form (for its CSRF token), then the post. (status, page)."""
    _, headers, form = stack.get("/admin/login/", source=source)
    cookie = headers["Set-Cookie"].split(";")[0]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1).decode()
    body = f"csrfmiddlewaretoken={token}&username={username}&password={password}&next=/admin/"
    status, _, page = stack.get(
        "/admin/login/", method="POST", body=body, source=source,
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded",
                 "X-Forwarded-For": forged_address},
    )  # fmt: skip
    return status, page.decode()


def test_the_client_address_is_nginxs_to_say_not_the_clients(stack, transactional_db, settings):
    from axes.models import AccessAttempt

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS  # the server's own, not the tests' fast one
    User.objects.create_superuser("admin", password="the right password 123")
    statuses = [sign_in(stack, "admin", "guess", "127.0.0.31", f"198.51.100.{n}")[0] for n in range(1, 6)]
    assert statuses == [200, 200, 200, 200, 429]  # a forged X-Forwarded-For per attempt changes nothing
    status, page = sign_in(stack, "admin", "the right password 123", "127.0.0.31", "192.0.2.1")
    assert status == 429 and "Too many failed sign-ins for this account from here." in page
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.31"}
    # Another client, as nginx tells it apart, signs in.
    assert sign_in(stack, "admin", "the right password 123", "127.0.0.32", "127.0.0.31")[0] == 302


def test_sign_in_posts_are_rate_limited_per_client_by_nginx(stack, transactional_db):
    statuses = [stack.get("/admin/login/", method="POST", body="", source="127.0.0.41")[0] for _ in range(8)]
    assert statuses[:6] == [403] * 6  # Django's answer (no CSRF token): 1 at once plus a burst of 5
    assert statuses[6:] == [429, 429]  # nginx's, before Django
    assert stack.get("/admin/login/", method="POST", body="", source="127.0.0.42")[0] == 403  # others unaffected


def test_a_flood_of_refused_exports_writes_nothing_per_refusal(stack, transactional_db):
    """A refusal costs nginx no log line: under a flood, writing one per refusal slowed every reader."""
    statuses = [stack.get("/practices/export.csv?year_from=2000", source="127.0.0.45")[0] for _ in range(12)]
    assert statuses.count(200) >= 1 and statuses.count(429) >= 5  # 1 a second with bursts of 5
    logs = stack.state / "logs"
    assert "limiting" not in (logs / "nginx-error.log").read_text()
    assert '" 429 ' not in (logs / "nginx-access.log").read_text()


def test_forged_scheme_host_or_port_never_reach_a_link(stack, transactional_db):
    make.practice("Canonical", slug="canonical")
    forged = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example", "X-Forwarded-Port": "443"}
    status, _, body = stack.get("/practices/canonical/", headers=forged, source="127.0.0.51")
    assert status == 200
    assert f'<link rel="canonical" href="http://127.0.0.1:{stack.port}/practices/canonical/">'.encode() in body
    status, _, body = stack.get("/practices/canonical/", headers={"Host": "127.0.0.1:9999"}, source="127.0.0.51")
    assert status == 400
    assert b"9999" not in body


def test_head_answers_through_the_stack(stack, transactional_db):
    make.practice("Head", slug="head")
    for path in ["/", "/practices/", "/practices/head/", "/practices/export.csv", "/practices/feed/"]:
        status, _, body = stack.get(path, method="HEAD", source="127.0.0.61")
        assert (path, status, body) == (path, 200, b"")


@pytest.mark.django_db(transaction=True)
def test_gunicorn_alone_takes_the_scheme_from_no_header(collected_static_files):
    make.practice("Scheme", slug="scheme")
    for extra, expected in [
        ({}, "http"),  # DJANGO_BEHIND_TLS_PROXY off: a header from 127.0.0.1 changes nothing
        ({"DJANGO_BEHIND_TLS_PROXY": "1", "DJANGO_TRUSTED_PROXIES": "127.0.0.1"}, "https"),  # the configured proxy
    ]:
        port = free_port()
        environment = server_environment(
            collected_static_files, GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_ACCESS_LOG="-",
            GUNICORN_ERROR_LOG="-", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_ALLOWED_HOST_PORTS=str(port), DJANGO_SECURE_SSL="0", **extra,
        )  # fmt: skip
        process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py"], cwd=ROOT, env=environment,
            start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        try:
            wait_until_answering(port, process)
            status, _, body = fetch(port, "/practices/scheme/", headers={"X-Forwarded-Proto": "https"})
        finally:
            stop(process)
        assert status == 200
        assert f'<link rel="canonical" href="{expected}://127.0.0.1:{port}/practices/scheme/">'.encode() in body


def test_serve_refuses_to_start_without_a_secret_key():
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "deploy/serve.py", "--port", str(free_port()), "--state-dir", tempfile.gettempdir()],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_slow_readers_of_a_large_export_hold_no_worker(stack, transactional_db):
    from django.core.management import call_command

    long_text = " ".join(f"word{n}" for n in range(400))  # about 12 KB a practice: a 12 MB export
    make.practice("Corpus", purpose=long_text, rationale=long_text, process=long_text, impact=long_text)
    with contextlib.redirect_stderr(io.StringIO()):  # its progress bar
        call_command("generate_practices", count=1000, seed=1, stdout=io.StringIO())
    stop_waiting = threading.Event()

    def read_nothing(source):
        with socket.socket() as reader:
            reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            reader.bind((source, 0))
            reader.connect(("127.0.0.1", stack.port))
            reader.sendall(f"GET /practices/export.csv HTTP/1.1\r\nHost: 127.0.0.1:{stack.port}\r\n\r\n".encode())
            stop_waiting.wait(30)

    readers = [threading.Thread(target=read_nothing, args=(f"127.0.0.7{n}",)) for n in (1, 2)]
    for reader in readers:
        reader.start()
    try:
        # gunicorn hands both whole exports to nginx (made, or the kept file named for nginx to send)
        # while their readers read nothing.
        sent = [stack.bytes_gunicorn_sent(f"127.0.0.7{n}", "/practices/export.csv", timeout=20) for n in (1, 2)]
        started = time.monotonic()
        status, _, _ = stack.get("/practices/", source="127.0.0.73")
        elapsed = time.monotonic() - started
    finally:
        stop_waiting.set()
        for reader in readers:
            reader.join()
    assert max(sent) > 5_000_000  # the first was made as it streamed; the other may be the kept file
    assert status == 200
    assert elapsed < 3, f"a page took {elapsed:.1f} s behind two slow export readers"


def test_the_kept_whole_export_is_sent_by_nginx_zipped_or_not(stack, transactional_db):
    import gzip

    make.practice("Kept", purpose="A text " * 200)
    status, _, made = stack.get("/practices/export.csv", source="127.0.0.81")  # streamed, and kept
    assert status == 200 and b"Kept" in made
    stack.gzipped_copy()  # written beside the plain copy after the answer
    status, headers, plain = stack.get("/practices/export.csv", source="127.0.0.82")
    assert status == 200 and plain == made
    assert headers["Content-Type"] == "text/csv; charset=utf-8"
    assert headers["Content-Disposition"].startswith('attachment; filename="practices-')
    assert "Content-Encoding" not in headers and "X-Accel-Redirect" not in headers
    assert headers["Content-Length"] == str(len(made))  # the plain file as it is, not the gzipped one unzipped
    status, headers, zipped = stack.get(
        "/practices/export.csv", headers={"Accept-Encoding": "gzip"}, source="127.0.0.83"
    )
    assert status == 200 and headers["Content-Encoding"] == "gzip" and gzip.decompress(zipped) == made
    # gunicorn answered the kept ones with no body: nginx read the file.
    assert stack.bytes_gunicorn_sent("127.0.0.81", "/practices/export.csv") > 1000  # positive control
    assert stack.bytes_gunicorn_sent("127.0.0.82", "/practices/export.csv") < 100
    assert stack.bytes_gunicorn_sent("127.0.0.83", "/practices/export.csv") < 100


def test_until_the_gzipped_copy_is_written_nginx_sends_the_plain_one_to_everyone(stack, transactional_db):
    import fcntl
    import gzip

    make.practice("Kept plain", purpose="A text " * 200)
    status, _, made = stack.get("/practices/export.csv", source="127.0.0.84")  # streamed, and kept
    assert status == 200 and b"Kept plain" in made
    stack.gzipped_copy().unlink()  # as if gzipping were still under way: its lock, below, keeps the app from it
    [lock_file] = stack.export_files.glob(".practices-all-en-gb-*.gzip.lock")
    with lock_file.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        status, headers, body = stack.get(
            "/practices/export.csv", headers={"Accept-Encoding": "gzip"}, source="127.0.0.85"
        )
    assert status == 200 and "Content-Encoding" not in headers and body == made
    assert stack.bytes_gunicorn_sent("127.0.0.85", "/practices/export.csv") < 100  # nginx sent the plain file
    # The next answer finds no gzipped copy and no one writing it: the app writes it again.
    assert stack.get("/practices/export.csv", source="127.0.0.86")[2] == made
    assert gzip.decompress(stack.gzipped_copy().read_bytes()) == made


def test_the_french_whole_export_is_its_own_kept_file_sent_by_nginx(stack, transactional_db):
    make.practice("Kept in French", purpose="A text " * 200)
    status, _, english = stack.get("/practices/export.csv", source="127.0.0.91")  # made and kept
    assert status == 200 and b",Spain," in english
    status, _, made = stack.get("/fr/practices/export.csv", source="127.0.0.92")  # not the English file: made
    assert status == 200 and b",Espagne," in made and b",Spain," not in made
    status, headers, kept = stack.get("/fr/practices/export.csv", source="127.0.0.93")
    assert status == 200 and kept == made
    assert headers["Content-Disposition"].startswith('attachment; filename="practices-')
    # gunicorn made the French file once, then named it for nginx to send.
    assert stack.bytes_gunicorn_sent("127.0.0.92", "/fr/practices/export.csv") > 1000  # positive control
    assert stack.bytes_gunicorn_sent("127.0.0.93", "/fr/practices/export.csv") < 100
    status, _, english_again = stack.get("/practices/export.csv", source="127.0.0.94")
    assert status == 200 and english_again == english
