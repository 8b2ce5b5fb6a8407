"""`make serve`: the production stack on this machine, in the foreground.

nginx on 127.0.0.1:PORT (8080) in front of gunicorn on a Unix socket, both
under var/serve/ (or --state-dir): rendered config, sockets, pid files, logs,
nginx's temporary files. Nothing outside the project is written. Production
settings throughout: debug off, and no start without DJANGO_SECRET_KEY.
Ctrl-C (or SIGTERM) stops both; if either stops, so does the other.

Run `manage.py collectstatic` first (make serve does): nginx serves
STATIC_ROOT itself.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
WORKER_USER = "www-data"  # nginx's workers and gunicorn's, when started as root

# What this machine's stack needs unless the environment says otherwise: plain
# HTTP on loopback, nginx on the socket as the one trusted proxy.
LOCAL_DEFAULTS = {
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_TRUSTED_PROXIES": "unix",
    "DJANGO_BEHIND_TLS_PROXY": "1",
    "DJANGO_SECURE_SSL": "0",
    "DJANGO_EXPORT_FILES_ACCEL_PREFIX": "/_kept_exports/",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8080))
    parser.add_argument("--listen", default="127.0.0.1", help="address nginx listens on")
    parser.add_argument("--state-dir", type=Path, default=ROOT / "var" / "serve")
    args = parser.parse_args()

    if not os.environ.get("DJANGO_SECRET_KEY"):
        sys.exit("DJANGO_SECRET_KEY is not set: the production stack refuses to start without it.")
    state = args.state_dir.resolve()
    env = {**LOCAL_DEFAULTS, **os.environ, "DJANGO_DEBUG": "0", "SERVE_STATE_DIR": str(state)}
    env.setdefault("DJANGO_ALLOWED_HOST_PORTS", str(args.port))
    static_root = Path(env.get("DJANGO_STATIC_ROOT") or ROOT / "staticfiles")
    if not (static_root / "staticfiles.json").exists():
        sys.exit(f"No collected static files in {static_root}: run `manage.py collectstatic` first.")

    prepare(state)
    export_files = Path(env.get("DJANGO_EXPORT_FILES_DIR") or ROOT / "var" / "exports")
    config = render_nginx_config(state, args, static_root, export_files)
    nginx = [nginx_binary(), "-p", f"{state}/", "-e", str(state / "logs" / "nginx-error.log"), "-c", str(config)]
    check = subprocess.run([*nginx, "-t", "-q"], capture_output=True, text=True)  # noqa: S603
    if check.returncode != 0:
        sys.exit(f"nginx refuses its configuration:\n{check.stderr}")

    stop_on_signal()
    gunicorn = ROOT / ".venv" / "bin" / "gunicorn"
    processes = [subprocess.Popen([str(gunicorn), "-c", str(DEPLOY / "gunicorn.conf.py")], cwd=ROOT, env=env)]  # noqa: S603
    try:
        wait_for(state / "run" / "gunicorn.sock", processes[0], "gunicorn")
        processes.append(subprocess.Popen(nginx, cwd=ROOT))  # noqa: S603
        wait_for(state / "run" / "nginx.pid", processes[1], "nginx")
        print(f"The portal runs at http://{args.listen}:{args.port}/ (nginx → gunicorn); logs in {state / 'logs'}")
        sys.stdout.flush()
        while all(process.poll() is None for process in processes):
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        for process in reversed(processes):  # nginx first: no request reaches a stopping gunicorn
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    return max(process.returncode or 0 for process in processes)


def prepare(state):
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o755)  # nginx's workers reach the socket through it
    for folder in ["run", "logs", "tmp"]:
        (state / folder).mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            # nginx's and gunicorn's workers write temporary files and reopen logs as this user.
            shutil.chown(state / folder, WORKER_USER, WORKER_USER)


def render_nginx_config(state, args, static_root, export_files):
    values = {
        "@USER_DIRECTIVE@": f"user {WORKER_USER} {WORKER_USER};" if os.geteuid() == 0 else "",
        "@STATE@": str(state),
        "@DEPLOY@": str(DEPLOY),
        "@SOCKET@": str(state / "run" / "gunicorn.sock"),
        "@STATIC_ROOT@": str(static_root.resolve()),
        "@EXPORT_FILES@": str(export_files.resolve()),
        "@LISTEN@": args.listen,
        "@PORT@": str(args.port),
    }
    text = (DEPLOY / "nginx.conf.template").read_text()
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    config = state / "nginx.conf"
    config.write_text(text)
    return config


def nginx_binary():
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        sys.exit("nginx is missing: `make serve` installs Debian's package, or run `apt-get install nginx`.")
    return found


def wait_for(path, process, name):
    for _ in range(150):
        if path.exists():
            return
        if process.poll() is not None:
            raise SystemExit(f"{name} stopped at start (exit {process.returncode}); see its log.")
        time.sleep(0.1)
    raise SystemExit(f"{name} did not start within 15 s.")


def stop_on_signal():
    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


if __name__ == "__main__":
    sys.exit(main())
