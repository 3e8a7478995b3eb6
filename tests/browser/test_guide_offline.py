"""After one visit to the home page, every guide page and the search work with the server gone."""

import html
import json
import re
import urllib.request

from phone import first_heading, wait_until_ready_offline


def fetch(url):
    with urllib.request.urlopen(url) as response:
        return response.read().decode()


def headings_online(server, language="en"):
    """Each page's h1, read over plain HTTP so the browser's caches learn nothing."""
    paths = [
        entry["url"] for entry in json.loads(fetch(f"{server.url}/{language}/search/index.json"))
    ]
    return {
        path: html.unescape(
            re.search(r"<h1[^>]*>(.*?)</h1>", fetch(server.url + path), re.S)[1]
        ).strip()
        for path in paths
    }


def test_every_page_opens_with_the_server_stopped(phone, server):
    online = headings_online(server)
    assert len(online) >= 18  # 3 emergency screens, 8 guide pages, 7 water pages
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    server.stop()
    for path, heading in online.items():
        page.goto(server.url + path)
        assert first_heading(page) == heading, path
        # Styled: app.css's rules came inline (emergency screens) or in the linked stylesheet,
        # which the worker keeps with the scripts (a browser's default body margin is 8px).
        assert page.locator("body").evaluate("(body) => getComputedStyle(body).margin") == "0px"


def test_search_works_with_the_server_stopped(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    page.goto(f"{server.url}/en/search/?q=calf")  # online: answered by the server
    page.get_by_role("link", name="Evening stretches").wait_for()
    cached = page.evaluate(
        """async () => (await Promise.all((await caches.keys()).map(
            async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)))).flat()"""
    )
    assert not [url for url in cached if "?" in url], "one cached search page, not one per query"
    server.stop()
    page.goto(f"{server.url}/en/guide/night-cramps/")
    footer_search = page.locator("footer form[role=search]")
    footer_search.get_by_label("Find in the guide").fill("quinine")
    footer_search.get_by_role("button", name="Find").click()
    results = page.locator("[data-search-results]")
    results.get_by_role("link", name="When to see a doctor").wait_for()
    # Searching again on the results page needs no navigation at all.
    main_form = page.locator("main form[role=search]")
    main_form.get_by_label("Find in the guide").fill("xylophone")
    main_form.get_by_role("button", name="Find").click()
    results.get_by_text("Nothing found").wait_for()


def test_the_about_page_says_how_much_the_offline_pack_takes(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/guide/about/")
    wait_until_ready_offline(page)
    page.reload()
    line = page.locator("[data-storage-use]")
    line.wait_for()
    size = float(re.search(r"takes ([\d.]+) MB", line.inner_text())[1])
    assert 0.1 < size < 5, line.inner_text()
    page.goto(f"{server.url}/en/guide/stretches/")
    assert page.locator("[data-storage-use]").count() == 0
