"""The worker is strict about what it keeps and quick about what it serves."""

import pytest
from network import FaultyProxy
from phone import wait_until_ready_offline
from playwright.sync_api import Error as PlaywrightError

CACHED_URLS = """async () => (await Promise.all((await caches.keys()).map(
    async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname)
))).flat()"""


@pytest.fixture
def proxy(server):
    running = FaultyProxy(server.port).start()
    yield running
    running.stop()


def test_admin_pages_and_files_are_never_kept(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    page.goto(f"{server.url}/admin/login/")
    admin_files = page.evaluate(
        "() => [...document.querySelectorAll('link[href^=\"/static/admin/\"]')].map((l) => l.href)"
    )
    assert admin_files  # the admin's own stylesheets were loaded
    page.goto(f"{server.url}/en/")
    assert [url for url in page.evaluate(CACHED_URLS) if "admin" in url] == []


def test_a_file_the_phone_lacks_fails_offline_as_a_network_error_not_a_page(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/now/")
    wait_until_ready_offline(page)
    phone.set_offline(True)
    outcome = page.evaluate(
        """(urls) => Promise.all(urls.map((url) => fetch(url).then(
            (response) => `${response.status} ${response.headers.get("content-type")}`,
            () => "network error")))""",
        ["/static/js/not-in-the-pack.0123456789ab.js", "/en/not-a-page.png"],
    )
    assert outcome == ["network error", "network error"]
    image_failed = page.evaluate(
        """() => new Promise((resolve) => {
            const image = new Image();
            image.onload = () => resolve(false);
            image.onerror = () => resolve(true);
            image.src = "/static/icons/not-in-the-pack.0123456789ab.png";
        })"""
    )
    assert image_failed


def test_hashed_files_come_from_the_phone_and_pages_use_navigation_preload(phone, server, proxy):
    page = phone.new_page()
    page.goto(f"{proxy.url}/en/")
    wait_until_ready_offline(page)
    page.reload()  # the worker is in control and has enabled navigation preload
    proxy.requests.clear()
    for path in ["/en/guide/stretches/", "/en/water/", "/en/now/water/"]:
        page.goto(proxy.url + path)
        page.wait_for_load_state("load")
    paths = [path for path, _headers in proxy.requests]
    assert [path for path in paths if path.startswith("/static/")] == []
    # One request per network-first page, made by the browser while the worker starts.
    stretches = [headers for path, headers in proxy.requests if path == "/en/guide/stretches/"]
    assert len(stretches) == 1
    assert stretches[0].get("Service-Worker-Navigation-Preload") == "true"


def test_the_worker_answers_only_for_the_apps_own_routes(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/now/")
    wait_until_ready_offline(page)
    page.goto(f"{server.url}/en/offline/")
    offline_heading = page.locator("h1").inner_text()
    server.stop()
    # A page of the app it never had: the app's offline page.
    page.goto(f"{server.url}/en/guide/never-kept/")
    assert page.locator("h1").inner_text() == offline_heading
    # The admin (wherever DJANGO_ADMIN_PATH puts it: the worker is never told) and anything else
    # that is not the app's: the browser's own error, as if there were no worker.
    for path in ("/admin/login/", "/somewhere-else/", "/static/admin/css/base.css"):
        with pytest.raises(PlaywrightError, match="ERR_CONNECTION_REFUSED"):
            page.goto(f"{server.url}{path}")
