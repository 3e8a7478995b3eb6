"""cramps_site/deploy/update.sh as the README runs it: against a git upstream with a new release,
a throwaway PostgreSQL, systemd's socket and service (tests/socket_service.py) and the shipped
nginx site, with visitors on pages nginx has not cached all the while.
"""

import http.client
import os
import pwd
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import postgres
import pytest
from front import BASE_DIR, Nginx, deployed_site, free_port, self_signed_certificate
from socket_service import SocketService

UPDATE = "cramps_site/deploy/update.sh"
MANAGE = "cramps_site/deploy/manage.sh"
HOST = "cramp-aid.example"
SECRET_KEY = "dGk9w6FE5QEtO9S4zmH5CyC2GZpX49JUkXt_Gc0jQ3REjOk8EtktWKVIiNH8"  # for this test only
ME = pwd.getpwuid(os.getuid()).pw_name
ROOT = os.geteuid() == 0
RELEASE_2_TAG = '<meta name="cramp-aid-release" content="2">'
RELEASE_2_WORDS = "Выпуск 2: к содержанию"  # the Russian "Skip to content" in release 2


def git(directory, *arguments):
    return subprocess.run(
        ["git", "-C", str(directory), "-c", "user.name=Release", "-c",
         "user.email=release@cramp-aid.example", *arguments],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def memory_disk():
    """/dev/shm where programs may run from it: a deploy writes and deletes some 11,000 files
    (most in .venv), which takes a minute on a busy disk and a second in memory."""
    shm = "/dev/shm"
    if os.path.isdir(shm) and not os.statvfs(shm).f_flag & os.ST_NOEXEC:
        return shm
    return None


@pytest.fixture
def place():
    """A directory that nginx's workers and a service user may enter, wherever the checkout is."""
    directory = Path(tempfile.mkdtemp(prefix="cramp-aid-update-", dir=memory_disk()))
    directory.chmod(0o755)
    yield directory
    shutil.rmtree(directory)


def upstream(place):
    """`place/upstream.git` with this checkout's files as they are now as release 1; returns a
    working copy of it to make the next release in."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=BASE_DIR, check=True, capture_output=True,
    ).stdout  # fmt: skip
    work = place / "work"
    for name in filter(None, map(os.fsdecode, listed.split(b"\0"))):
        if (BASE_DIR / name).is_file():  # not deleted since the last commit
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(BASE_DIR / name, work / name)
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "Release 1")
    git(place, "clone", "-q", "--bare", str(work), str(place / "upstream.git"))
    git(work, "remote", "add", "origin", str(place / "upstream.git"))
    return work


def deploy_clone(place):
    """The checkout as the README's Deploying section makes it: a clone of the upstream."""
    git(place, "clone", "-q", "--branch", "main", str(place / "upstream.git"), str(place / "app"))
    return place / "app"


def publish_release_2(work):
    """A release a visitor can tell apart: a tag in every page, a new script (a new hashed
    name), a new Russian translation (compiled only by compilemessages) and a migration."""
    base = work / "guide/templates/base.html"
    base.write_text(base.read_text().replace("<head>", f"<head>\n    {RELEASE_2_TAG}", 1))
    script = work / "static/js/app.js"
    script.write_text(script.read_text() + "\nexport const release = 2;\n")
    catalogue = work / "guide/locale/ru/LC_MESSAGES/django.po"
    text, count = re.subn(
        r'(msgid "Skip to content"\nmsgstr ")[^"]*"', rf'\g<1>{RELEASE_2_WORDS}"',
        catalogue.read_text(),
    )  # fmt: skip
    assert count == 1
    catalogue.write_text(text)
    latest = max(path.stem for path in (work / "guide/migrations").glob("0*.py"))
    (work / "guide/migrations/9999_release_2.py").write_text(
        "from django.db import migrations\n\n\n"
        "class Migration(migrations.Migration):\n"
        f'    dependencies = [("guide", "{latest}")]\n'
        "    operations = []\n"
    )
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "Release 2")
    git(work, "push", "-q", "origin", "main")


def write_settings(path, database_url=None, port=8000):
    """/etc/cramp-aid/env as the README's Deploying section writes it."""
    lines = [
        f"DJANGO_SECRET_KEY={SECRET_KEY}",
        f"DJANGO_ALLOWED_HOSTS={HOST}",
        f"CRAMP_AID_PUBLIC_URL=https://{HOST}",
        f"GUNICORN_BIND=127.0.0.1:{port}",
        "WEB_CONCURRENCY=2",
    ]
    if database_url:
        lines.append(f"DATABASE_URL={database_url}")
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o640)
    return path


def run_script(script, app, settings, *arguments, run_as=(), path=None, user=ME, **environment):
    """One of the deploy scripts in `app`, as the README runs it (`run_as`: setpriv's words)."""
    environment = {
        **os.environ,
        "PATH": f"{path}:{os.environ['PATH']}" if path else os.environ["PATH"],
        "CRAMP_AID_USER": user,
        "CRAMP_AID_ENV_FILE": str(settings),
        **environment,
    }
    return subprocess.run(
        [*run_as, str(app / script), *arguments], env=environment, capture_output=True,
        text=True, timeout=900, check=False,
    )  # fmt: skip


def update(app, settings, **options):
    return run_script(UPDATE, app, settings, **options)


def manage(app, settings, *arguments, **options):
    return run_script(MANAGE, app, settings, *arguments, **options)


@dataclass
class Visit:
    began: float
    ended: float
    path: str
    status: int | str  # the HTTP status, or the error instead of an answer
    release: str | None  # Cramp-Aid-Version: which code answered


class Visitors:
    """A few visitors requesting pages nginx has not cached (each address is new), through the
    shipped site, until stopped: at most 10,000 requests each and 5 minutes in all."""

    PATHS = ("/en/water/?visit={}", "/es/now/water/?visit={}", "/healthz")

    def __init__(self, ports, tls, count=3):
        self.ports, self.tls = ports, tls
        self.visits = []
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.visit, args=(n,)) for n in range(count)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *error):
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def visit(self, visitor):
        deadline = time.monotonic() + 300
        for number in range(10_000):
            if self.stopping.is_set() or time.monotonic() > deadline:
                return
            path = self.PATHS[number % len(self.PATHS)].format(f"{visitor}-{number}")
            if path == "/healthz":  # a load balancer's probe, over plain http
                connection = http.client.HTTPConnection("127.0.0.1", self.ports["http"], timeout=60)
            else:
                connection = http.client.HTTPSConnection(
                    "127.0.0.1", self.ports["https"], context=self.tls, timeout=60
                )
            began = time.monotonic()
            try:
                connection.request("GET", path, headers={"Host": HOST})
                response = connection.getresponse()
                response.read()
                status, release = response.status, response.headers["Cramp-Aid-Version"]
            except OSError as error:
                status, release = repr(error), None
            finally:
                connection.close()
            self.visits.append(Visit(began, time.monotonic(), path, status, release))
            time.sleep(0.02)


def get(ports, tls, path):
    connection = http.client.HTTPSConnection("127.0.0.1", ports["https"], context=tls, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": HOST})
        response = connection.getresponse()
        return response.status, response.read().decode(), response.headers
    finally:
        connection.close()


def test_an_update_serves_the_new_release_and_no_visitor_sees_an_error(place):
    work = upstream(place)
    app = deploy_clone(place)
    subprocess.run([sys.executable, "-m", "venv", str(app / ".venv")], check=True)
    cert, key = self_signed_certificate(place, HOST)
    (place / "acme").mkdir()
    (place / "nginx").mkdir()
    with postgres.cluster() as database:
        service = SocketService(place, app, place / "env")
        nginx = None
        try:
            settings = write_settings(place / "env", database.url, service.port)
            # The first deploy runs it too (README, "Deploying"): it starts the service.
            first = update(app, settings, path=service.bin)
            assert first.returncode == 0, first.stdout + first.stderr
            ports = {"http": free_port(), "https": free_port()}
            site = deployed_site(
                ports["http"], ports["https"], service.port, cert, key, app / "staticfiles",
                place / "acme",
            )  # fmt: skip
            nginx = Nginx(place / "nginx", site).start()
            tls = ssl.create_default_context(cafile=str(cert))
            tls.check_hostname = False
            status, page, headers = get(ports, tls, "/en/now/?before=update")
            assert status == 200
            assert RELEASE_2_TAG not in page
            old_release = headers["Cramp-Aid-Version"]
            old_script = re.search(r'src="(/static/js/app\.[0-9a-f]{12}\.js)"', page)[1]

            publish_release_2(work)
            with Visitors(ports, tls) as visitors:
                second = update(app, settings, path=service.bin)
                time.sleep(1)  # and a few visits to the new release
            output = second.stdout + second.stderr
            assert second.returncode == 0, output
            assert "update.sh: updated" in second.stdout

            # Nobody saw an error, while the service restarted either.
            assert service.calls == [["restart", "cramp-aid.service"]] * 2
            failed = [visit for visit in visitors.visits if visit.status != 200]
            assert not failed, failed[:5]
            # Visitors whose request was waiting when the new gunicorn became ready: the old one
            # had gone, the socket held them.
            ready = service.restarts[-1][1]
            waited = [visit for visit in visitors.visits if visit.began < ready < visit.ended]
            assert len(waited) >= 2, "no visitor was waiting while gunicorn restarted"
            assert visitors.visits[-1].began > ready, "the visitors stopped before the restart"

            # The new release is served: its page, its script (collected), its translation
            # (compiled), its migration (on PostgreSQL, not a stray SQLite file).
            status, page, headers = get(ports, tls, "/en/now/?after=update")
            assert status == 200
            assert RELEASE_2_TAG in page
            new_release = headers["Cramp-Aid-Version"]
            assert new_release != old_release
            # Every answer named one release or the other, never a mix of old code and new files.
            pages = [visit for visit in visitors.visits if visit.path != "/healthz"]
            assert {visit.release for visit in pages} == {old_release, new_release}
            new_script = re.search(r'src="(/static/js/app\.[0-9a-f]{12}\.js)"', page)[1]
            assert new_script != old_script
            status, script, headers = get(ports, tls, new_script)
            assert status == 200
            assert re.search(r"export const release ?= ?2", script)  # minified or not
            assert get(ports, tls, "/ru/now/?after=update")[1].count(RELEASE_2_WORDS) == 1
            migrations = database.psql("SELECT name FROM django_migrations WHERE app = 'guide'")
            assert "9999_release_2" in migrations
            assert not (app / "db.sqlite3").exists()

            # manage.sh runs any other command on the same database.
            created = manage(
                app, settings, "createsuperuser", "--noinput", "--username=operator",
                "--email=operator@cramp-aid.test",
                DJANGO_SUPERUSER_PASSWORD="a-long-operator-password-7", DATABASE_URL="sqlite:///x",
            )  # fmt: skip
            assert created.returncode == 0, created.stderr
            assert database.psql("SELECT username FROM auth_user") == ["operator"]
            assert not (app / "db.sqlite3").exists()
        finally:
            if nginx:
                nginx.stop()
            service.close()


def test_update_refuses_to_run_without_a_database_in_its_settings(place):
    work = upstream(place)
    app = deploy_clone(place)
    git(work, "commit", "-q", "--allow-empty", "-m", "Release 2")
    git(work, "push", "-q", "origin", "main")
    settings = write_settings(place / "env")  # neither DATABASE_URL nor DJANGO_DATABASE_PATH
    # What the caller's shell exports does not count: the service will not have it.
    result = update(app, settings, DATABASE_URL="postgres://cramp_aid@/elsewhere")
    assert result.returncode == 1
    assert "sets neither DATABASE_URL (PostgreSQL) nor DJANGO_DATABASE_PATH" in result.stderr
    assert "Nothing was changed." in result.stderr
    assert git(app, "log", "-1", "--format=%s").strip() == "Release 1"
    result = manage(app, settings, "migrate", DATABASE_URL="sqlite:///x")
    assert result.returncode == 1
    assert "sets neither DATABASE_URL (PostgreSQL) nor DJANGO_DATABASE_PATH" in result.stderr


def test_update_stops_at_the_first_step_that_fails(place):
    work = upstream(place)
    app = deploy_clone(place)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(app / ".venv")], check=True)
    # Someone changed the deployed checkout, and the upstream moved on: the pull cannot
    # fast-forward.
    git(app, "commit", "-q", "--allow-empty", "-m", "A change made on the server")
    git(work, "commit", "-q", "--allow-empty", "-m", "Release 2")
    git(work, "push", "-q", "origin", "main")
    settings = write_settings(place / "env", "postgres://cramp_aid@/never-reached")
    result = update(app, settings)
    assert result.returncode != 0
    assert "update.sh: pulling" in result.stdout
    assert "update.sh: stopped: pulling failed" in result.stderr
    assert "The service still runs the code it had loaded" in result.stderr
    assert "installing" not in result.stdout
    assert "restarting" not in result.stdout


def test_update_builds_only_as_the_service_user(place):
    upstream(place)
    app = deploy_clone(place)
    settings = write_settings(place / "env", "postgres://cramp_aid@/never-reached")
    if ROOT:
        # Run by root, it switches to the service user (runuser) before touching the checkout.
        # Owned by root, the checkout is refused: the service user could not update it.
        result = update(app, settings, user="nobody")
        assert result.returncode == 1
        assert f"{app} belongs to root, not to nobody" in result.stderr
        subprocess.run(["chown", "-R", "nobody:nogroup", str(app)], check=True)
        # The settings file as root alone may read it: the switch shows in whose reading fails.
        settings.chmod(0o600)
        result = update(app, settings, user="nobody")
        assert result.returncode == 1
        assert "update.sh: building as nobody" in result.stdout
        assert f"nobody cannot read {settings}" in result.stderr
    # Anyone else is turned away.
    other = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if ROOT else []
    result = update(app, settings, run_as=other, user="daemon")
    assert result.returncode == 1
    assert "run it as root (it builds as daemon, then restarts cramp-aid.service)" in result.stderr
    result = manage(app, settings, "check", run_as=other, user="daemon")
    assert result.returncode == 1
    assert "manage.sh: run it as root or as daemon" in result.stderr
