"""The production front on 127.0.0.1, in a temporary directory: nginx and gunicorn as deployed.

Used by tests/test_deploy.py (the site in cramps_site/deploy/ in front of gunicorn) and by
`make bench` (nginx serving a file from disk, the static baseline). Nothing is written outside
the directory: nginx gets its own prefix, pid file, logs and temporary paths.
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
NGINX = "/usr/sbin/nginx"
DEPLOY = BASE_DIR / "cramps_site" / "deploy"


def free_port():
    """A port nothing listens on now, that no other pytest-xdist worker of this run picks.

    The kernel hands out a free one; between closing it here and a server binding it, another
    worker could be handed the same. Each worker keeps to its own share of the ports, so two
    servers of one run never meet on one. Shares go by half the port: Linux gives bind() odd
    ports first (even ones are left for outgoing connections), so the port itself would not do.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    index = int(worker.removeprefix("gw") or 0)
    for _ in range(10_000):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if (port // 2) % workers == index % workers:
            return port
    raise RuntimeError(f"no free port for pytest-xdist worker {worker} of {workers}")


def wait_for_port(port, process=None, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answered on 127.0.0.1:{port}")


def reachable_by_everyone():
    """A folder for files nginx's workers read: every folder above it lets anyone through.

    As root, the workers run as `nobody`; the checkout, pytest's temporary folders and a private
    TMPDIR may all be closed to it (a clone under `mktemp -d` is mode 0700).
    """
    for candidate in (Path(tempfile.gettempdir()), Path("/tmp")):
        folders = [candidate.resolve(), *candidate.resolve().parents]
        if all(folder.stat().st_mode & 0o001 for folder in folders):
            return candidate
    raise RuntimeError("no temporary folder that nginx's workers can reach")


class Nginx:
    """Debian's nginx with the given `http` block contents, as its own unprivileged workers."""

    def __init__(self, directory, http):
        self.directory = Path(directory)
        self.http = http
        self.config = self.directory / "nginx.conf"
        self.error_log = self.directory / "error.log"

    def start(self):
        # Workers must reach their buffers and cache: not under pytest's private tmp.
        temp = self.temp = Path(
            tempfile.mkdtemp(prefix="cramp-aid-nginx-", dir=reachable_by_everyone())
        )
        temp.chmod(0o755)
        for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "cache"):
            (temp / name).mkdir(parents=True, exist_ok=True)
        http = self.http.replace("{cache}", str(temp / "cache"))
        user = ""
        if os.geteuid() == 0:  # workers drop to nobody; they write only the cache and buffers
            nobody = pwd.getpwnam("nobody")
            for path in [temp, *temp.iterdir()]:
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
            user = "user nobody nogroup;"
        self.config.write_text(
            f"""{user}
worker_processes 2;
pid {self.directory}/nginx.pid;
error_log {self.error_log} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{http}
}}
"""
        )
        command = [NGINX, "-p", f"{self.directory}/", "-c", str(self.config)]
        command += ["-e", str(self.error_log)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"nginx did not start: {result.stderr}")
        return self

    def stop(self):
        pid_file = self.directory / "nginx.pid"
        if not pid_file.exists():  # never started, or it failed to
            if hasattr(self, "temp"):
                shutil.rmtree(self.temp, ignore_errors=True)
            return
        pid = int(pid_file.read_text())
        os.kill(pid, signal.SIGQUIT)
        deadline = time.monotonic() + 10
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        shutil.rmtree(self.temp, ignore_errors=True)

    @property
    def cache(self):
        return self.temp / "cache"


def self_signed_certificate(directory, host):
    """A certificate for `host` and 127.0.0.1, made now with the openssl command."""
    cert, key = Path(directory) / "cert.pem", Path(directory) / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={host}",
         "-addext", f"subjectAltName=DNS:{host},IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


class Gunicorn:
    """Cramp Aid under gunicorn with cramps_site/deploy/gunicorn.conf.py, a database of its own."""

    def __init__(self, directory, workers=2, **environment):
        self.port = free_port()
        self.log = Path(directory) / "gunicorn.log"
        self.workers = workers
        self.environment = {
            **os.environ,
            "DJANGO_DATABASE_PATH": str(Path(directory) / "front.sqlite3"),
            **environment,
        }
        for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
            if name not in environment:
                self.environment.pop(name, None)
        self.process = None

    def manage(self, *command, **extra):
        """Runs a management command against this server's database; returns what it printed."""
        return subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=BASE_DIR,
            env={**self.environment, **extra},
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def start(self):
        self.manage("migrate", "-v", "0")
        self.manage("load_demo_venues")
        gunicorn = Path(sys.executable).parent / "gunicorn"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [gunicorn, "-c", DEPLOY / "gunicorn.conf.py", "--bind",
                 f"127.0.0.1:{self.port}", "--workers", str(self.workers)],
                cwd=BASE_DIR, env=self.environment, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        wait_for_port(self.port, self.process)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None


def deployed_site(port_http, port_https, upstream_port, cert, key, static_root, webroot):
    """cramps_site/deploy/nginx.conf with this machine's ports and paths in place of the real ones.

    Every replaced string must be there: the test runs the file the README tells people to copy.
    """
    site = (DEPLOY / "nginx.conf").read_text()
    replacements = {
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{upstream_port};",
        # Filled in by Nginx.start (its temp directory); nginx creates the rest.
        "/var/cache/nginx/cramp-aid": "{cache}",
        "listen 80;": f"listen 127.0.0.1:{port_http};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{port_https} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "/etc/letsencrypt/live/cramp-aid.example/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/cramp-aid.example/privkey.pem": str(key),
        "/srv/cramp-aid/app/staticfiles/": f"{static_root}/",
        "root /var/www/html;": f"root {webroot};",  # certbot's webroot (README, "Deploying")
    }
    for old, new in replacements.items():
        assert old in site, f"cramps_site/deploy/nginx.conf no longer has {old!r}"
        site = site.replace(old, new)
    return site
