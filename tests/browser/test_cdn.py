"""Updates survive a CDN: nginx's proxy cache still holds version 1's pages when 2 goes live."""

import gzip
import re
import urllib.request

import pytest
from network import CachingNginx
from phone import (
    AppServer,
    second_release,
    take_the_new_version,
    wait_until_ready_offline,
    worker_config,
)

APP_SCRIPT = re.compile(r'src="(/static/js/app\.[0-9a-f]{12}\.js)"')


def page_through(cdn, path):
    """A page as the CDN gives it (compressed, as for Chromium), and whether it was a HIT."""
    request = urllib.request.Request(cdn.url + path, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        body = response.read()
        if response.headers["Content-Encoding"] == "gzip":
            body = gzip.decompress(body)
        return body.decode(), response.headers["X-Cache-Status"]


@pytest.fixture
def cdn(server, tmp_path):
    nginx = CachingNginx(tmp_path / "nginx", server.port).start()
    yield nginx
    nginx.stop()


def test_an_update_behind_a_cdn_holding_old_pages_works_offline(phone, server, cdn, tmp_path):
    page = phone.new_page()
    page.goto(f"{cdn.url}/en/")
    wait_until_ready_offline(page)
    pages = [url for url in worker_config(cdn.url)["pages"]["en"] if url.endswith("/")]
    for path in pages:  # the CDN now holds every page of release 1
        page_through(cdn, path)
    old_script = APP_SCRIPT.search(page_through(cdn, "/en/guide/stretches/")[0])[1]

    copy, static_root = second_release(tmp_path, server.environment)
    server.stop()
    release_2 = AppServer(tmp_path, base=copy, port=server.port)
    release_2.start(DJANGO_STATIC_ROOT=str(static_root))
    try:
        body, status = page_through(cdn, "/en/guide/stretches/")
        assert (status, APP_SCRIPT.search(body)[1]) == ("HIT", old_script)  # the CDN is stale
        new_script = next(u for u in worker_config(cdn.url)["static"] if "/js/app." in u)
        assert new_script != old_script
        take_the_new_version(page)
    finally:
        release_2.stop()
    failed = []
    # The manifest's home-screen icons stay out of the pack on purpose (guide/offline.py).
    page.on(
        "requestfailed",
        lambda r: failed.append(r.url) if r.resource_type in ("script", "stylesheet") else 0,
    )
    page.context.set_offline(True)
    for path in pages:  # everything from the phone, release 2's pages with release 2's files
        page.goto(cdn.url + path)
        page.wait_for_load_state("load")
        assert APP_SCRIPT.search(page.content())[1] == new_script, path
        assert page.evaluate(
            "() => [...document.scripts].every((s) => !s.src || performance"
            ".getEntriesByName(s.src).length)"
        ), path
    assert failed == []
