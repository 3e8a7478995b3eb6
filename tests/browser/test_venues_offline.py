"""A venue saved with its button opens offline and dials its country's number, with its own
line as a second button; a removed one is gone."""

import re

import pytest
import zxingcpp
from phone import (
    first_heading,
    save_venue,
    take_the_new_version,
    wait_until_ready_offline,
)
from PIL import Image
from playwright.sync_api import expect

VENUE = "/en/venues/harbour-lido/"
POOL_COUNTRY_NUMBER = "999"  # the demo pool's country's (the UK's), not the default 112
POOL_LINE = "+441632960123"  # its lifeguards' phone, a second button


def test_a_saved_venue_opens_with_the_server_stopped(phone, server):
    page = save_venue(phone, server, VENUE)
    heading = first_heading(page)
    server.stop()
    page.goto(server.url + VENUE)
    assert first_heading(page) == heading
    assert page.locator("a.call-big").get_attribute("href") == f"tel:{POOL_COUNTRY_NUMBER}"
    assert page.locator("main a.call-venue").get_attribute("href") == f"tel:{POOL_LINE}"


def test_an_unsaved_venue_is_not_kept_by_merely_visiting_it(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    page.goto(server.url + VENUE)
    server.stop()
    page.goto(server.url + VENUE)
    assert first_heading(page) == "You are offline"


def test_emergency_screens_dial_the_last_opened_venues_country_and_offer_its_line_offline(
    phone, server
):
    page = phone.new_page()  # a phone whose country the app cannot tell
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    assert page.locator("header a.call").get_attribute("href") == "tel:112"
    page.goto(server.url + VENUE)
    server.stop()
    for path in ["/en/now/", "/en/now/water/", "/en/now/help-someone/"]:
        page.goto(server.url + path)
        calls = page.locator("a[data-call]").all()
        assert len(calls) >= 2, path  # the header's and the red flags' buttons
        for call in calls:
            assert call.get_attribute("href") == f"tel:{POOL_COUNTRY_NUMBER}"
            call.scroll_into_view_if_needed()  # the red flags' button is below the first screen
            expect(call).to_contain_text(POOL_COUNTRY_NUMBER, use_inner_text=True)
        line = page.locator("header a[data-venue-call]")  # under the header's call button
        assert line.get_attribute("href") == f"tel:{POOL_LINE}"
        expect(line).to_have_text(f"Lifeguards at Harbour Lido (demo): {POOL_LINE}")


def test_the_rescue_screen_says_where_the_last_opened_venues_defibrillator_is(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/now/help-someone/")
    aed = page.locator("[data-venue-aed]")
    assert aed.get_attribute("hidden") is not None  # no venue yet: the step reads as everywhere
    page.goto(server.url + VENUE)
    place = page.locator("dt:has-text('Nearest defibrillator') + dd").inner_text()
    page.goto(f"{server.url}/en/now/help-someone/")
    expect(aed).to_have_text(f"The defibrillator at Harbour Lido (demo): {place}")
    # The words name the number the buttons dial: the venue's country's, on a phone that tells
    # none of its own.
    expect(page.locator(".lead-alert")).to_contain_text(f"Call {POOL_COUNTRY_NUMBER} now")


def test_the_default_number_comes_back_when_asked(phone, server):
    page = phone.new_page()
    page.goto(server.url + VENUE)
    page.goto(f"{server.url}/en/now/water/")
    assert page.locator("a.call-big").get_attribute("href") == f"tel:{POOL_COUNTRY_NUMBER}"
    assert page.locator("a[data-venue-call]").get_attribute("href") == f"tel:{POOL_LINE}"
    page.goto(f"{server.url}/en/venues/")
    page.get_by_role("button", name="Stop offering it").click()
    page.goto(f"{server.url}/en/now/water/")
    # The inline lines ran as the page was parsed, before goto returned.
    assert page.locator("a.call-big").get_attribute("href") == "tel:112"
    assert page.locator("a[data-venue-call]").is_hidden()


def test_a_saved_venue_survives_an_update_of_the_app(phone, server):
    page = save_venue(phone, server, VENUE)
    server.stop()
    server.start(CRAMP_AID_EMERGENCY_NUMBER="911")  # new content: a new worker version
    page.goto(f"{server.url}/en/now/")
    take_the_new_version(page)
    server.stop()
    page.goto(server.url + VENUE)
    assert first_heading(page) == "Harbour Lido (demo)"


def test_a_removed_venue_is_gone_from_the_cache(phone, server):
    page = save_venue(phone, server, VENUE)
    page.goto(f"{server.url}/en/venues/")
    saved = page.locator("main")
    saved.get_by_role("link", name="Harbour Lido (demo)").wait_for()
    page.get_by_role("button", name="Remove: Harbour Lido (demo)").click()
    page.get_by_role("status").filter(has_text="Removed").wait_for()
    assert saved.get_by_role("link", name="Harbour Lido (demo)").count() == 0
    cached = page.evaluate(
        """async (url) => {
            for (const name of await caches.keys()) {
                if (await (await caches.open(name)).match(url, {ignoreVary: true})) return name;
            }
            return null;
        }""",
        VENUE,
    )
    assert cached is None
    server.stop()
    page.goto(server.url + VENUE)
    assert first_heading(page) == "You are offline"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_poster_prints_on_one_page(phone, server, paper):
    page = phone.new_page()
    page.goto(f"{server.url}/en/venues/harbour-lido/poster/")
    page.emulate_media(media="print")
    pdf = page.pdf(format=paper, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_the_posters_qr_code_scans_to_the_venue_url(phone, server, tmp_path):
    page = phone.new_page()
    page.goto(f"{server.url}/es/venues/playa-del-faro/poster/")
    page.locator("svg.qr").screenshot(path=tmp_path / "qr.png")
    with Image.open(tmp_path / "qr.png") as image:
        codes = zxingcpp.read_barcodes(image)
    assert [code.text for code in codes] == [f"{server.url}/es/venues/playa-del-faro/"]


def test_a_saved_venue_follows_the_operators_edits_and_goes_when_unpublished(phone, server):
    page = save_venue(phone, server, VENUE)
    server.edit_database(
        # As the admin saves it: `updated` moves, which is how the origin's page cache knows.
        "UPDATE guide_venue SET name = 'Harbour Lido Baths', emergency_number = '0555', "
        "updated = CURRENT_TIMESTAMP WHERE slug = 'harbour-lido'"
    )
    page.goto(server.url + VENUE)  # online: the operator's edit arrives and is kept
    assert first_heading(page) == "Harbour Lido Baths"
    server.stop()
    page.goto(server.url + VENUE)
    assert first_heading(page) == "Harbour Lido Baths"
    # The operator's new number is the venue's own line, named; the country's stays the main.
    assert page.locator("a.call-big").get_attribute("href") == f"tel:{POOL_COUNTRY_NUMBER}"
    own_line = page.locator("main a.call-venue")
    assert own_line.get_attribute("href") == "tel:0555"
    assert own_line.text_content() == "Emergency line at Harbour Lido Baths: 0555"
    page.goto(f"{server.url}/en/venues/")
    page.locator("main").get_by_role("link", name="Harbour Lido Baths").wait_for()
    server.start()
    server.edit_database(
        "UPDATE guide_venue SET published = 0, updated = CURRENT_TIMESTAMP "
        "WHERE slug = 'harbour-lido'"
    )
    page.goto(server.url + VENUE)
    assert first_heading(page) == "Page not found"
    page.goto(f"{server.url}/en/venues/")
    notice = page.locator("[data-gone]")
    notice.filter(has_text="Harbour Lido Baths is no longer published").wait_for()
    assert page.get_by_role("link", name="Harbour Lido Baths").count() == 0  # nor its number
    page.reload()  # told once
    page.locator("[data-empty]").wait_for()
    assert notice.is_hidden()
    server.stop()
    page.goto(server.url + VENUE)
    assert first_heading(page) == "You are offline"


# Chromium decides alone whether to keep storage persistent; what the app controls is asking.
COUNT_PERSIST_REQUESTS = """
    const persist = StorageManager.prototype.persist;
    StorageManager.prototype.persist = function () {
        window.persistRequests = (window.persistRequests || 0) + 1;
        return persist.call(this);
    };
"""


def test_saving_a_venue_or_installing_asks_to_keep_the_offline_pack(phone, server):
    phone.add_init_script(COUNT_PERSIST_REQUESTS)
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    page.goto(server.url + VENUE)
    assert page.evaluate("() => window.persistRequests || 0") == 0  # a visit is no reason
    page.get_by_role("button", name="Keep this venue offline").click()
    page.get_by_role("status").filter(has_text="Saved on this phone").wait_for()
    assert page.evaluate("() => window.persistRequests") == 1
    page.goto(f"{server.url}/en/")
    page.evaluate("() => window.dispatchEvent(new Event('appinstalled'))")
    assert page.evaluate("() => window.persistRequests") == 1


def test_keeping_a_venue_the_operator_just_unpublished_says_it_could_not_be_kept(phone, server):
    # B7: a CDN may still show the page for minutes after "unpublish"; the worker's own fetch then
    # gets 404. It said "Saved", and listed the venue among those saved.
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    page.goto(server.url + VENUE)
    server.edit_database(
        "UPDATE guide_venue SET published = 0, updated = CURRENT_TIMESTAMP "
        "WHERE slug = 'harbour-lido'"
    )
    page.get_by_role("button", name="Keep this venue offline").click()
    status = page.locator("[data-save-status]")
    status.filter(has_text="Could not save it").wait_for()
    assert "Saved on this phone" not in status.inner_text()
    page.goto(f"{server.url}/en/venues/")
    page.locator("[data-empty]").wait_for()
    assert page.locator("[data-saved-venues] [data-list] li").count() == 0


# Storage that refuses every write (private mode, a full phone), holding a damaged value.
REFUSING_STORAGE = """(() => {
    try { localStorage.setItem("cramp-aid-venue", "{not json"); } catch {}
    Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
})()"""


def test_the_venue_pages_work_when_storage_refuses_or_holds_damage(phone, server):
    phone.add_init_script(REFUSING_STORAGE)
    errors = []
    phone.on("weberror", lambda error: errors.append(str(error.error)))
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    page.goto(server.url + VENUE)
    page.get_by_role("button", name="Keep this venue offline").click()
    page.get_by_role("status").filter(has_text="Saved on this phone").wait_for()
    page.goto(f"{server.url}/en/venues/")
    page.locator("[data-empty]").wait_for()  # nothing could be listed, and the page says so
    assert errors == []


def test_keeping_a_venue_without_a_working_worker_says_so_and_lets_the_user_try_again(
    phone, server
):
    # A registration that failed: navigator.serviceWorker.ready never settles, and the button
    # stayed disabled with its progress bar for good.
    phone.add_init_script(
        "ServiceWorkerContainer.prototype.register = () => Promise.reject(new Error('refused'));"
    )
    page = phone.new_page()
    page.clock.install()
    page.goto(server.url + VENUE)
    button = page.get_by_role("button", name="Keep this venue offline")
    button.click()
    page.clock.run_for(60_000)
    page.get_by_role("status").filter(has_text="Could not save it").wait_for()
    assert button.is_enabled()
    assert page.locator("[data-progress]").is_hidden()
