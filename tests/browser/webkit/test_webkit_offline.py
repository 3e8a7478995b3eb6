"""In WebKit, after a first visit to the home page, the app opens from the phone, server gone."""

import pytest
from phone import headings_online
from webkitgtk import LONDON

EMERGENCY_PATHS = ["/en/now/", "/en/now/water/", "/en/now/help-someone/"]
GUIDE_PATH = "/en/guide/stretches/"


def test_the_emergency_screens_and_a_guide_page_open_with_the_server_stopped(webkit, server):
    online = headings_online(server.url, [*EMERGENCY_PATHS, GUIDE_PATH, "/en/offline/"])
    # Only the home page is visited: the worker must have kept the rest by itself.
    webkit.open(f"{server.url}/en/")
    webkit.wait_until_ready_offline()
    assert webkit.evaluate("navigator.serviceWorker.controller.scriptURL") == (
        f"{server.url}/serviceworker.js"
    )
    server.stop()
    assert server.is_stopped()
    for path in [*EMERGENCY_PATHS, GUIDE_PATH]:
        webkit.open(server.url + path)
        assert webkit.heading() == online[path], path
    for path in EMERGENCY_PATHS:
        webkit.open(server.url + path)
        assert webkit.find_all(".step"), path
        # The UK phone's number, from its time zone, with the server gone.
        webkit.wait_for("document.querySelector('a.call-big').getAttribute('href') === 'tel:999'")
    # A page the worker never kept: the offline page, which leads to the emergency steps.
    webkit.open(f"{server.url}/en/guide/a-page-that-does-not-exist/")
    assert webkit.heading() == online["/en/offline/"]
    webkit.tap("main a[href='/en/now/water/']")
    webkit.wait_for("location.pathname === '/en/now/water/'")
    assert webkit.heading() == online["/en/now/water/"]


# The worker reads the language cookie with cookieStore, which Safari has only since 18.4: an
# older iPhone's worker relies on what the pages tell it.
@pytest.mark.parametrize("features", [(), ("!CookieStoreAPI",)], ids=["cookieStore", "none"])
def test_the_start_address_offline_opens_the_language_chosen(webkit_in, server, features):
    webkit = webkit_in(*LONDON, features)
    webkit.open(f"{server.url}/en/now/")
    has_cookie_store = "!CookieStoreAPI" not in features
    assert webkit.evaluate("'cookieStore' in window") is has_cookie_store
    webkit.wait_until_ready_offline()
    webkit.tap("a[data-language=es]")
    webkit.wait_for("location.pathname === '/es/now/'")
    webkit.wait_until_ready_offline(ready_text="sin conexión")
    server.stop()
    webkit.open(f"{server.url}/")
    webkit.wait_for("location.pathname === '/es/'", message="the language chosen")
    assert webkit.evaluate("document.documentElement.lang") == "es"
