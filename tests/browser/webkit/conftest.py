"""WebKit phones for the tests in this folder (webkitgtk.py says how WebKitGTK runs here).

A browser takes a few seconds to start, so each kind of phone (language, time zone, features)
starts once and serves every test that asks for it. Each test has its own server on its own
port, hence its own origin: a new service worker, caches, IndexedDB and localStorage, as on a
phone that never saw the app. What would leak across ports, cookies, is deleted after each test.
"""

import pytest
from webkitgtk import LONDON, VirtualDisplay, WebKitPhone


@pytest.fixture(scope="session")
def virtual_display():
    display = VirtualDisplay().start()
    yield display.name
    display.stop()


@pytest.fixture(scope="session")
def webkit_phones(virtual_display, tmp_path_factory):
    """webkit_phones(locale, zone, features=()): the session's browser set up that way."""
    phones = {}
    folder = tmp_path_factory.mktemp("webkit")

    def phone(locale, zone, features=()):
        key = (locale, zone, tuple(features))
        if key in phones and not phones[key].alive():
            phones.pop(key).quit()  # a crashed browser is replaced, not shared broken
        if key not in phones:
            name = "-".join([locale, zone.replace("/", "_"), *features])
            phones[key] = WebKitPhone.start(virtual_display, folder / name, locale, zone, features)
        return phones[key]

    yield phone
    for started in phones.values():
        started.quit()


@pytest.fixture
def webkit_in(webkit_phones):
    """webkit_in(locale, zone, features=()): a WebKit phone in that country, cleared after."""
    used = []

    def phone(locale, zone, features=()):
        used.append(webkit_phones(locale, zone, features))
        return used[-1]

    yield phone
    for started in used:
        if started.alive():
            started.forget()


@pytest.fixture
def webkit(webkit_in):
    """An iPhone's engine in the UK: en-GB, Europe/London (its buttons dial 999)."""
    return webkit_in(*LONDON)
