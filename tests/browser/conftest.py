"""Real-browser fixtures: the app in its own gunicorn process, and Debian's Chromium on a phone.

The server is a separate process so that "server stopped" is real: killing it closes every
connection, which pytest-django's live_server does not do.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from phone import CHROMIUM, CHROMIUM_ARGS, PHONE


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _sync_playwright_under_pytest_django(monkeypatch):
    # Sync Playwright runs an event loop; Django's async-safety guard would refuse our fixtures.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """Cramp Aid under gunicorn on 127.0.0.1, with a database of its own."""

    def __init__(self, tmp_path, **environment):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.environment = {
            **os.environ,
            "DJANGO_SECRET_KEY": "browser-tests-only-" + "k" * 40,
            "DJANGO_HTTPS": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_DATABASE_PATH": str(tmp_path / "browser.sqlite3"),
            **environment,
        }
        self.environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.process = None

    def start(self, **environment):
        self.environment.update(environment)
        base = Path(settings.BASE_DIR)
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
                "--log-level",
                "warning",
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


@pytest.fixture
def server(tmp_path):
    app = AppServer(tmp_path).start()
    yield app
    app.stop()


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture
def phone(playwright, tmp_path):
    """A persistent Chromium profile on a phone: service workers, installability, caches."""
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        locale="en-GB",
        service_workers="allow",
        **PHONE,
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()
