"""What browser tests and the benchmark share: the app server, Chromium, the phone, waits."""

import html
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))  # for the benchmark, which runs from tests/
import chromium  # noqa: E402  (beside this file: tooling, not part of the app)
from front import free_port  # noqa: E402  (one per xdist worker, see there)

CHROMIUM = chromium.EXECUTABLE
CHROMIUM_ARGS = chromium.ARGS

# A mid-range Android phone (Playwright's "Pixel 7" descriptor, spelled out).
PHONE = {
    "viewport": {"width": 412, "height": 839},
    "screen": {"width": 412, "height": 915},
    "device_scale_factor": 2.625,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36"
    ),
}
WORKER_READY_TIMEOUT_MS = 15_000


class AppServer:
    """Cramp Aid under gunicorn on 127.0.0.1, with a database of its own.

    `base` is the project folder to serve (a copy, for a second release); the database is the
    SQLite file `database`, which a test may edit between two visits.
    """

    def __init__(self, tmp_path, base=BASE_DIR, port=None, **environment):
        self.base = base
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database = tmp_path / "browser.sqlite3"
        self.environment = {
            **os.environ,
            "DJANGO_SECRET_KEY": "browser-tests-only-" + "k" * 40,
            "DJANGO_HTTPS": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_DATABASE_PATH": str(self.database),
            **environment,
        }
        self.environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.process = None

    def start(self, **environment):
        self.environment.update(environment)
        base = self.base
        for command in (["migrate", "-v", "0"], ["load_demo_venues"]):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=base,
                env=self.environment,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        self.process = subprocess.Popen(
            [
                Path(sys.executable).parent / "gunicorn",
                "cramps_site.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                # As in production (cramps_site/deploy/gunicorn.conf.py): with sync workers, two
                # connections Chromium opens ahead and leaves idle hold both workers for 30 s.
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--log-level",
                "warning",
                # Several servers at once (pytest-xdist): none takes ~/.gunicorn/gunicorn.ctl.
                "--no-control-socket",
            ],
            cwd=base,
            env=self.environment,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/en/now/", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def manage(self, *command, **environment):
        """Runs a management command on this server's database; returns what it printed."""
        return subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=self.base,
            env={**self.environment, **environment},
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def edit_database(self, sql, *parameters):
        """Changes the app's data behind its back, as an operator's edit in the admin would."""
        database = sqlite3.connect(self.database)
        try:
            with database:
                database.execute(sql, parameters)
        finally:
            database.close()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def is_stopped(self):
        try:
            urllib.request.urlopen(f"{self.url}/en/now/", timeout=1)
        except OSError:
            return True
        return False


def second_release(tmp_path, environment, changed=("js/app.js",)):
    """A copy of the project whose `changed` scripts changed: new hashed names, like any release.

    A script that imports a changed one is renamed too (its import is rewritten), as in a real
    release: a change to app.js renames timer.js and beat.js.
    """
    copy = tmp_path / "release-2"
    ignore = shutil.ignore_patterns("__pycache__", "*.sqlite3")
    for folder in ["cramps_site", "guide", "static"]:
        shutil.copytree(BASE_DIR / folder, copy / folder, ignore=ignore)
    shutil.copy(BASE_DIR / "manage.py", copy)
    for name in changed:
        with (copy / "static" / name).open("a") as script:
            script.write("// Release 2.\n")
    static_root = tmp_path / "static-2"
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=copy,
        env={**environment, "DJANGO_STATIC_ROOT": str(static_root)},
        check=True,
    )
    return copy, static_root


def wait_until_ready_offline(page, ready_text="works with no connection"):
    """Waits until a worker controls the page and has cached the page's language."""
    page.wait_for_function(
        "() => navigator.serviceWorker.controller !== null", timeout=WORKER_READY_TIMEOUT_MS
    )
    status = page.locator("[data-offline-status]")
    status.filter(has_text=ready_text).wait_for(timeout=WORKER_READY_TIMEOUT_MS)


def take_the_new_version(page):
    """Checks for a new worker, then does what a user does: "Reload" on the prompt."""
    page.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => r.update())")
    prompt = page.locator("[data-update-prompt]")
    prompt.wait_for(state="visible")
    with page.expect_navigation():
        prompt.get_by_role("button").click()
    wait_until_ready_offline(page)


def worker_is_ready(page):
    """navigator.serviceWorker.ready can wait forever: race it against a timeout."""
    return page.evaluate(
        """() => Promise.race([
            navigator.serviceWorker.ready.then((r) => Boolean(r.active)),
            new Promise((resolve) => setTimeout(() => resolve(false), 10000)),
        ])"""
    )


def first_heading(page):
    return page.locator("h1").first.inner_text()


def worker_config(url):
    """The CONFIG the server writes into its service worker (guide/offline.py)."""
    with urllib.request.urlopen(f"{url}/serviceworker.js") as response:
        body = response.read().decode()
    return json.loads(re.match(r"const CONFIG = (\{.*\});\n", body)[1])


def headings_online(url, paths):
    """Each page's h1, read over plain HTTP so the browser's caches learn nothing."""
    headings = {}
    for path in paths:
        with urllib.request.urlopen(url + path) as response:
            body = response.read().decode()
        heading = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)[1])
        headings[path] = " ".join(html.unescape(heading).split())
    return headings


def save_venue(phone, server, path):
    """What a visitor does: open the app once, then the venue, and tap "Keep this venue offline"."""
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    page.goto(server.url + path)
    page.get_by_role("button", name="Keep this venue offline").click()
    page.get_by_role("status").filter(has_text="Saved on this phone").wait_for()
    return page
