"""`make slow-clients`: do slow clients hold up everybody else? gunicorn alone against the `make serve` stack.

For each server, on loopback ports: two clients that send their headers one
line a second and never finish, then (separately) two clients that ask for
the full CSV export and read nothing; meanwhile a normal reader asks for
/practices/. It prints how long that normal request took. The first server
is the recipe the README used to give (gunicorn, 2 sync workers, nothing in
front); the second is deploy/serve.py (nginx buffering in front of the same
gunicorn). Every client and server is bounded in time and stopped at the end.

Usage: python bench/slow_clients.py   (DATABASE_URL and DJANGO_SECRET_KEY as for make serve;
a large export shows the slow-reader effect: `manage.py generate_practices --count 20000` first)
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe import get
from run import ROOT, SERVER_ENV, free_port

PATIENCE_S = 40  # the normal reader gives up after this; the slow clients stop after it too


def normal_request(port):
    """Seconds for one ordinary GET /practices/, or None when it did not come back within PATIENCE_S."""
    answer = get(port, "/practices/", timeout=PATIENCE_S)
    if isinstance(answer.status, str):
        return None
    return round(answer.seconds, 2) if answer.status == 200 else f"status {answer.status}"


def slow_headers(port, stop, source=None):
    with socket.create_connection(("127.0.0.1", port), source_address=(source, 0) if source else None) as client:
        client.sendall(f"GET /practices/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
        while not stop.wait(1):
            try:
                client.sendall(b"X-Still-Typing: 1\r\n")
            except OSError:
                return


def slow_reader(port, stop, source=None):
    with socket.socket() as client:
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        if source:
            client.bind((source, 0))
        client.connect(("127.0.0.1", port))
        client.sendall(f"GET /practices/export.csv HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        stop.wait(PATIENCE_S)  # never reads


def with_slow_clients(port, kind):
    stop = threading.Event()
    clients = [threading.Thread(target=kind, args=(port, stop)) for _ in range(2)]
    for client in clients:
        client.start()
    time.sleep(2)
    try:
        return normal_request(port)
    finally:
        stop.set()
        for client in clients:
            client.join()


def wait_until_up(port, process):
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit("the server stopped at start")
        if get(port, "/", timeout=5).status == 200:
            return
        time.sleep(0.1)
    raise SystemExit("the server did not come up")


def measure(command, port, env):
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True,  # noqa: S603
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_until_up(port, process)
        return {
            "alone": normal_request(port),
            "behind_two_slow_header_clients": with_slow_clients(port, slow_headers),
            "behind_two_slow_export_readers": with_slow_clients(port, slow_reader),
        }
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def main():
    env = {**os.environ, **SERVER_ENV, "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or SERVER_ENV[
        "DJANGO_SECRET_KEY"]}  # fmt: skip
    results = {}
    port = free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    results["gunicorn alone, 2 workers"] = measure(
        [gunicorn, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "30"], port,
        {**env, "DJANGO_ALLOWED_HOST_PORTS": str(port)},
    )  # fmt: skip
    port = free_port()
    state = Path(tempfile.mkdtemp(prefix="slow-clients-"))
    try:
        results["nginx + gunicorn (make serve), 2 workers"] = measure(
            [sys.executable, "deploy/serve.py", "--port", str(port), "--state-dir", str(state)], port,
            {**env, "WEB_CONCURRENCY": "2"},
        )  # fmt: skip
    finally:
        shutil.rmtree(state, ignore_errors=True)
    print(json.dumps(results, indent=2))
    print("(seconds for one GET /practices/; null: no answer within", PATIENCE_S, "s)")


if __name__ == "__main__":
    main()
