"""Real-browser fixtures: the app in its own gunicorn process, and Debian's Chromium on a phone.

The server is a separate process so that "server stopped" is real: killing it closes every
connection, which pytest-django's live_server does not do.
"""

import pytest
from phone import CHROMIUM, CHROMIUM_ARGS, PHONE, AppServer


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _sync_playwright_under_pytest_django(monkeypatch):
    # Sync Playwright runs an event loop; Django's async-safety guard would refuse our fixtures.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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


def open_phone(playwright, profile, locale, timezone_id):
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        locale=locale,
        timezone_id=timezone_id,
        service_workers="allow",
        **PHONE,
    )
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def phone(playwright, tmp_path):
    """A persistent Chromium profile on a phone: service workers, installability, caches.

    Its language has no region and its clock is on UTC, so it suggests no country: the call
    buttons dial the server's default, as on a phone whose country the app cannot tell.
    """
    context = open_phone(playwright, tmp_path / "profile", "en", "UTC")
    yield context
    context.close()


@pytest.fixture
def phone_in(playwright, tmp_path):
    """phone_in(locale, time zone): a phone set up in a country ("es-CL", "America/Santiago")."""
    contexts = []

    def make(locale, timezone_id):
        contexts.append(
            open_phone(playwright, tmp_path / f"profile-{len(contexts)}", locale, timezone_id)
        )
        return contexts[-1]

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def phone_without_javascript(playwright):
    """A phone with JavaScript turned off: the pages must still say and dial what matters."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    context = browser.new_context(java_script_enabled=False, **PHONE)
    yield context
    context.close()
    browser.close()
