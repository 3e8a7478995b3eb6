"""Chromium finds Cramp Aid installable, and a new version is offered with "Reload"."""

from phone import take_the_new_version, wait_until_ready_offline


def installability_errors(phone, page):
    session = phone.new_cdp_session(page)
    return session.send("Page.getInstallabilityErrors")["installabilityErrors"]


def test_chromium_reports_no_installability_errors(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    # getInstallabilityErrors answers [] even with no worker: the worker is checked above.
    assert installability_errors(phone, page) == []
    session = phone.new_cdp_session(page)
    manifest = session.send("Page.getAppManifest")
    assert manifest["url"] == f"{server.url}/en/manifest.json"
    assert not manifest["errors"]


def test_a_new_version_is_offered_and_taken_on_reload(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/now/")
    wait_until_ready_offline(page)
    old = page.evaluate("() => caches.keys()")
    # A new emergency number changes the content, so the server now has a new worker version.
    server.stop()
    server.start(CRAMP_AID_EMERGENCY_NUMBER="999")
    take_the_new_version(page)
    assert page.locator("a.call-big").get_attribute("href") == "tel:999"
    # The previous version's caches are gone (only the user's saved venues outlive versions).
    current = page.evaluate("() => caches.keys()")
    assert [name for name in old if name in current and not name.endswith("-venues")] == []


def test_an_update_installs_with_a_tab_open_on_constructor(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/now/")
    wait_until_ready_offline(page)
    # "constructor" is a property of every object: it must not pass for a language.
    odd = phone.new_page()
    odd.goto(f"{server.url}/constructor/")
    server.stop()
    server.start(CRAMP_AID_EMERGENCY_NUMBER="999")
    take_the_new_version(page)
    assert page.locator("a.call-big").get_attribute("href") == "tel:999"


# Counts the app's own update checks (app.js asks registration.update()).
COUNT_UPDATE_CHECKS = """
    window.updateChecks = 0;
    const update = ServiceWorkerRegistration.prototype.update;
    ServiceWorkerRegistration.prototype.update = function (...args) {
        window.updateChecks += 1;
        return update.apply(this, args);
    };
"""


def test_an_app_coming_back_to_the_screen_looks_for_a_new_version(phone, server):
    phone.add_init_script(COUNT_UPDATE_CHECKS)
    page = phone.new_page()
    page.clock.install()  # the page's timers, under the test's control (time flows meanwhile)
    page.goto(f"{server.url}/en/now/")
    wait_until_ready_offline(page)
    server.stop()
    server.start(CRAMP_AID_EMERGENCY_NUMBER="999")
    # An hour of the app's timers at once, no sleeping: none of them looks for a new version.
    page.clock.run_for("01:00:00")
    assert page.evaluate("() => window.updateChecks") == 0
    prompt = page.locator("[data-update-prompt]")
    assert prompt.is_hidden()
    # Headless Chromium never hides a tab, so the test says "visible again" for it.
    page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
    assert page.evaluate("() => window.updateChecks") == 1
    prompt.wait_for(state="visible")
    with page.expect_navigation():
        prompt.get_by_role("button").click()
    assert page.locator("a.call-big").get_attribute("href") == "tel:999"
