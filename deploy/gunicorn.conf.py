"""gunicorn behind nginx (deploy/nginx.conf.template): `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Sync workers are safe here only because nginx buffers whole requests and whole
responses: a worker never waits on a slow client. Without nginx in front, two
slow clients hold both workers.

What gunicorn may believe from a header: nothing. secure_scheme_headers and
forwarder_headers are empty, so no header ever changes wsgi.url_scheme,
SCRIPT_NAME or PATH_INFO; Django alone decides the scheme and the client's
address (clients/addresses.py), from the proxies named in DJANGO_TRUSTED_PROXIES.
On the Unix socket the peer is whoever may write to the socket: nginx's
workers (the socket's group) and root; gunicorn's forwarded_allow_ips never
applies there. On TCP (GUNICORN_BIND=127.0.0.1:8000, say, behind a load
balancer) forwarded_allow_ips lists the same trusted proxies, and nothing more.
"""

import multiprocessing
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clients.addresses import UNIX_SOCKET

STATE = Path(os.environ.get("SERVE_STATE_DIR", Path(__file__).resolve().parent.parent / "var" / "serve"))

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"unix:{STATE / 'run' / 'gunicorn.sock'}")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
worker_class = "sync"
# A page's queries are cut at 5 s and an export's at 120 s (DJANGO_EXPORT_TIMEOUT_MS);
# nginx takes the export as fast as it comes, so 130 s is the worst a worker waits.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 130))
graceful_timeout = 30
# nginx keeps its connections to us short; nothing to keep alive.
keepalive = 2
max_requests = 2000
max_requests_jitter = 200

secure_scheme_headers = {}
forwarder_headers = ""
forwarded_allow_ips = ",".join(
    entry.strip()
    for entry in os.environ.get("DJANGO_TRUSTED_PROXIES", "").split(",")
    if entry.strip() and entry.strip() != UNIX_SOCKET
)


def readable_by_everyone(path):
    """Whether another user can reach and read `path` (every folder above it searchable)."""
    path = Path(path).resolve()
    folders_searchable = all(folder.stat().st_mode & 0o001 for folder in [path, *path.parents])
    return folders_searchable and bool(path.stat().st_mode & 0o004)


if os.geteuid() == 0:
    # The socket belongs to nginx's group, so only nginx (and root) can talk to us; the
    # workers run as nginx's user too, unless Python itself is out of that user's reach
    # (a pyenv under /root, as on the development machines).
    group = os.environ.get("GUNICORN_USER", "www-data")
    if readable_by_everyone(sys.base_prefix) and readable_by_everyone(Path(__file__).resolve().parent.parent):
        user = group
umask = 0o007

# The client's address as nginx passed it (REMOTE_ADDR is empty on the socket).
access_log_format = '%({x-forwarded-for}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", str(STATE / "logs" / "gunicorn-access.log"))
errorlog = os.environ.get("GUNICORN_ERROR_LOG", str(STATE / "logs" / "gunicorn-error.log"))
pidfile = str(STATE / "run" / "gunicorn.pid") if bind.startswith("unix:") else None
capture_output = True  # the portal’s own log lines (a replica going down, say) land in errorlog
