"""The worker is strict about what it keeps and quick about what it serves."""

import pytest
from network import FaultyProxy
from phone import (
    AppServer,
    second_release,
    take_the_new_version,
    wait_until_ready_offline,
    worker_config,
)
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


def test_tabs_left_on_the_old_version_keep_their_lazy_scripts_offline_after_an_update(
    phone, server, tmp_path
):
    # B5: three tabs of one phone; "Reload" in one activates release 2, which deleted release 1's
    # files. The others, still on release 1, then imported the CPR beat and "Log this cramp"
    # under release 1's names offline, and nothing happened on their first taps.
    tabs = {}
    for name, path in [("beat", "/en/now/help-someone/"), ("offer", "/en/now/"), ("other", "/en/")]:
        tabs[name] = phone.new_page()
        tabs[name].goto(server.url + path)
        wait_until_ready_offline(tabs[name])
    release_1 = worker_config(server.url)
    changed = ("js/app.js", "js/diary/keys.js")  # beat.js and diary/offer.js get new names
    copy, static_root = second_release(tmp_path, server.environment, changed)
    server.stop()
    release_2 = AppServer(tmp_path, base=copy, port=server.port)
    release_2.start(DJANGO_STATIC_ROOT=str(static_root))
    try:
        release_2_static = worker_config(release_2.url)["static"]
        lazy = [url for url in release_1["static"] if "/beat." in url or "/offer." in url]
        assert len(lazy) == 2
        assert not set(lazy) & set(release_2_static)
        take_the_new_version(tabs["other"])
    finally:
        release_2.stop()
    # The browser's HTTP cache may keep release 1's files a while, or not: the phone decides.
    # Only what the worker keeps counts, so that cache is emptied first.
    phone.new_cdp_session(tabs["other"]).send("Network.clearBrowserCache")
    phone.set_offline(True)
    # The old tabs are told a new version is there, and meanwhile work as they are.
    for name in ("beat", "offer"):
        assert tabs[name].locator("[data-update-prompt]").is_visible(), name
    tabs["beat"].get_by_role("button", name="Start the beat").click()
    tabs["beat"].get_by_role("button", name="Stop the beat").click()
    tabs["offer"].get_by_role("button", name="It\u2019s over").click()
    tabs["offer"].get_by_role("link", name="Log this cramp").wait_for()
    # Release 1's files stay while a page of release 1 is open; each "Reload" takes one tab to
    # release 2 (the worker it waited for is already active), and the last takes the files.
    static_1 = f"{release_1['cachePrefix']}-static-{release_1['version']}"
    for name, still_open in [("beat", True), ("offer", False)]:
        with tabs[name].expect_navigation():
            tabs[name].locator("[data-update-prompt]").get_by_role("button").click()
        wait_until_ready_offline(tabs[name])
        app = tabs[name].locator("script[src*='/js/app.']").get_attribute("src")
        assert app in release_2_static
        assert (static_1 in tabs[name].evaluate("() => caches.keys()")) is still_open, name
    names = tabs["other"].evaluate("() => caches.keys()")
    assert [name for name in names if release_1["version"] in name] == []
