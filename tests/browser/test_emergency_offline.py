"""After one visit, the emergency screens open with the network cut and with the server gone."""

import re

from phone import first_heading, wait_until_ready_offline, worker_is_ready
from playwright.sync_api import expect

EMERGENCY_PATHS = ["/en/now/", "/en/now/water/", "/en/now/help-someone/"]


def visit_once(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    assert worker_is_ready(page)
    online = {}
    for path in [*EMERGENCY_PATHS, "/en/offline/"]:
        page.goto(server.url + path)
        online[path] = first_heading(page)
    return page, online


def test_the_service_worker_takes_control_of_the_first_page(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    scope = page.evaluate("navigator.serviceWorker.controller.scriptURL")
    assert scope == f"{server.url}/serviceworker.js"


def test_emergency_screens_open_with_the_network_cut(phone, server):
    page, online = visit_once(phone, server)
    phone.set_offline(True)
    for path, heading in online.items():
        page.goto(server.url + path)
        assert first_heading(page) == heading, path
        assert page.locator(".step").count() >= 1 or path == "/en/offline/"


def test_emergency_screens_and_fallback_open_with_the_server_stopped(phone, server):
    page, online = visit_once(phone, server)
    server.stop()
    assert server.is_stopped()
    for path, heading in online.items():
        page.goto(server.url + path)
        assert first_heading(page) == heading, path
    # A page that was never cached gets the offline page, which leads to the emergency steps.
    page.goto(f"{server.url}/en/guide/a-page-that-does-not-exist/")
    assert first_heading(page) == online["/en/offline/"]
    page.get_by_role("link", name=re.compile("in the water", re.I)).first.click()
    assert first_heading(page) == online["/en/now/water/"]


def test_the_call_button_works_offline(phone, server):
    page, _online = visit_once(phone, server)
    server.stop()
    page.goto(f"{server.url}/en/now/water/")
    call = page.locator("a.call-big")
    assert call.get_attribute("href") == "tel:112"
    # Below the first screen: rendered once scrolled to, as a user does.
    call.scroll_into_view_if_needed()
    expect(call).to_contain_text("112", use_inner_text=True)


def test_pages_still_match_offline_after_the_language_header_changes(phone, server):
    page, online = visit_once(phone, server)
    server.stop()
    phone.set_extra_http_headers({"Accept-Language": "de-DE,de;q=0.9"})
    page.goto(f"{server.url}/en/now/")
    assert first_heading(page) == online["/en/now/"]
