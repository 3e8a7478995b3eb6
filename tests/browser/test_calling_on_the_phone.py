"""The call buttons dial the number of the user's country, named, offline, and never by themselves.

The country comes from the user's choice on /<lang>/country/, else the phone's own settings
(its languages' regions and its time zone, the zone winning), else the country of a venue opened
in the last 12 hours, else the server's default. A number an operator typed is never the main
button: a venue's own line is a second button, labelled with the venue's name, for 12 hours.
The right number is on the button at the first paint.
"""

import datetime
import json
import re

import pytest
from django.utils import translation
from network import FaultyProxy
from phone import wait_until_ready_offline
from playwright.sync_api import expect

from guide import emergency

HOUR_MS = 3600 * 1000


def call_buttons(page):
    return page.locator("a[data-call]")


def wait_for_number(page, number):
    """app.js fills the number from the device after the page shows the server's default."""
    page.wait_for_function(
        """(number) => [...document.querySelectorAll("a[data-call]")]
            .every((link) => link.getAttribute("href") === `tel:${number}`)""",
        arg=number,
    )


def assert_every_button_dials(page, number):
    wait_for_number(page, number)
    assert call_buttons(page).count() >= 2  # the header's and the "Get help now" box's
    for link in call_buttons(page).all():
        assert link.get_attribute("href") == f"tel:{number}"
        # text_content: below the first screen, content-visibility leaves it unrendered.
        assert number in link.text_content()


def place(page):
    return page.locator("header [data-call-place]")


@pytest.mark.parametrize(
    ("locale", "zone", "code"),
    [
        ("es-CL", "America/Santiago", "CL"),
        ("en-GB", "Europe/London", "GB"),
        ("en-US", "America/New_York", "US"),
        ("ru-RU", "Europe/Moscow", "RU"),
        # The time zone wins when it disagrees with the language: an American in London.
        ("en-US", "Europe/London", "GB"),
    ],
)
def test_the_phone_suggests_its_countrys_number_online_and_with_the_server_stopped(
    phone_in, server, locale, zone, code
):
    country = emergency.get(code)
    page = phone_in(locale, zone).new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    page.goto(f"{server.url}/en/now/")
    assert_every_button_dials(page, country.ambulance)
    # A suggestion is shown as one until the user confirms it.
    assert place(page).inner_text() == f"{country.name('en')}? Change"
    assert place(page).get_attribute("href") == "/en/country/"
    server.stop()
    for path in ["/en/now/water/", "/en/now/help-someone/"]:
        page.goto(server.url + path)
        assert_every_button_dials(page, country.ambulance)


def test_a_confirmed_choice_overrides_the_phones_suggestion_even_offline(phone_in, server):
    page = phone_in("es-CL", "America/Santiago").new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    page.goto(f"{server.url}/en/country/")
    uk = emergency.get("GB")
    page.get_by_role("button", name="Choose United Kingdom").click()
    page.get_by_role("status").filter(has_text=f"now dial {uk.ambulance}").wait_for()
    # The header follows at once, named without a question.
    wait_for_number(page, uk.ambulance)
    assert place(page).inner_text() == "United Kingdom"
    page.goto(f"{server.url}/es/")
    wait_until_ready_offline(page, ready_text="funciona sin conexión")
    server.stop()
    page.goto(f"{server.url}/es/now/water/")  # another language names it in that language
    assert_every_button_dials(page, uk.ambulance)
    assert place(page).inner_text() == "Reino Unido"


def test_a_number_that_reaches_the_police_is_named_so_online_and_with_the_server_stopped(
    phone, server
):
    # Bolivia's best number, 110, is the police: the caller hears "Police" and asks them for
    # an ambulance, so the label beside every call button says who answers, in every language.
    bolivia = emergency.get("BO")
    assert (bolivia.ambulance, bolivia.reaches) == ("110", "police")
    page = phone.new_page()
    for language, ready_text in [("ru", "работает без интернета"), ("en", "no connection")]:
        page.goto(f"{server.url}/{language}/")
        wait_until_ready_offline(page, ready_text=ready_text)
    page.goto(f"{server.url}/en/country/")
    row = page.locator("#BO")
    assert row.get_by_role("link").first.inner_text() == "Police, who send an ambulance: 110"
    row.get_by_role("button", name="Choose Bolivia").click()
    page.get_by_role("status").filter(has_text="now dial 110").wait_for()
    wait_for_number(page, "110")
    assert place(page).inner_text() == "Police, who send an ambulance · Bolivia"
    assert page.locator("[data-country-now-text]").inner_text() == (
        "The call buttons dial 110 (Bolivia)."
    )
    page.goto(f"{server.url}/en/now/")
    assert_every_button_dials(page, "110")
    assert place(page).inner_text() == "Police, who send an ambulance · Bolivia"
    server.stop()
    page.goto(f"{server.url}/en/now/water/")
    assert_every_button_dials(page, "110")
    assert place(page).inner_text() == "Police, who send an ambulance · Bolivia"
    page.goto(f"{server.url}/ru/now/help-someone/")
    assert_every_button_dials(page, "110")
    assert place(page).inner_text() == "Полиция (вызовет скорую) · Боливия"


def test_a_suggested_country_whose_number_reaches_the_firefighters_is_named_so(phone_in, server):
    page = phone_in("es-PE", "America/Lima").new_page()
    page.goto(f"{server.url}/es/now/")
    assert_every_button_dials(page, emergency.get("PE").ambulance)
    expected = "Bomberos, que envían una ambulancia · ¿Perú? Cambiar"
    page.wait_for_function(
        "(text) => document.querySelector('header [data-call-place]').textContent === text",
        arg=expected,
    )


def test_an_older_stored_choice_learns_who_answers_from_the_worker(phone, server):
    # A choice stored before the table said who answers (no `reaches`) takes the worker's
    # current row when the page refreshes it: Bolivia gains its label, and Paraguay, stored
    # when its button dialled 911, now dials the ambulance service, 141, with no label.
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    for code, old_number, number, label in [
        ("BO", "110", "110", "Police, who send an ambulance · Bolivia"),
        ("PY", "911", "141", "Paraguay"),
    ]:
        country = emergency.get(code)
        stored = {"code": code, "names": country.names, "ambulance": old_number, "confirmed": True}
        page.evaluate(
            "(entry) => localStorage.setItem('cramp-aid-country', JSON.stringify(entry))", stored
        )
        page.goto(f"{server.url}/en/now/")
        assert_every_button_dials(page, number)
        page.wait_for_function(
            "(text) => document.querySelector('header [data-call-place]').textContent === text",
            arg=label,
        )
        kept = page.evaluate("() => JSON.parse(localStorage.getItem('cramp-aid-country'))")
        assert kept["confirmed"] is True
        assert kept.get("reaches") == (country.reaches or None)


def test_the_country_page_offers_the_phones_suggestion_to_confirm(phone_in, server):
    page = phone_in("es-CL", "America/Santiago").new_page()
    page.goto(f"{server.url}/es/country/")
    confirm = page.get_by_role("button", name="Sí, Chile")
    confirm.click()
    wait_for_number(page, emergency.get("CL").ambulance)
    assert place(page).inner_text() == "Chile"
    assert confirm.is_hidden()


def test_a_country_is_found_by_its_name_in_any_language(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/country/")
    search = page.get_by_label("Find your country")
    for query, shown in [("Испания", "Spain"), ("espana", "Spain"), ("reino", "United Kingdom")]:
        search.fill(query)
        visible = page.locator("[data-country]:visible h2")
        # Names in other languages come with /numbers.json; typed before it came, the page
        # searches again when it does.
        expect(visible.filter(has_text=shown).first).to_be_visible()
        assert visible.count() < len(emergency.countries()), query
    search.fill("")
    assert page.locator("[data-country]:visible").count() == len(emergency.countries())


# Queries that find one country, a few, more, and none (counts read from the page itself).
COUNT_QUERIES = ["chile", "po", "stan", "\u043d\u0438", "zz"]


@pytest.mark.parametrize("language", ["en", "ru", "es", "pt", "fr"])
def test_the_count_of_countries_found_takes_its_languages_plural(phone, server, language):
    # B9: "1 countries shown". Every language's plural forms come from its catalogue.
    page = phone.new_page()
    page.goto(f"{server.url}/{language}/country/")
    with translation.override(language):
        search = page.get_by_label(translation.gettext("Find your country"))
    said = {}
    for query in COUNT_QUERIES:
        search.fill(query)
        shown = page.locator("[data-country]:visible").count()
        with translation.override(language):
            expected = translation.ngettext(
                "%(count)s country shown", "%(count)s countries shown", shown
            ) % {"count": shown}
        assert page.locator("#country-filter-count").inner_text() == expected, query
        said[shown] = expected
    assert sorted(said)[:2] == [0, 1]
    if language == "en":
        assert said[1] == "1 country shown"
        many = max(said)  # names in every language count: more languages, more matches
        assert said[many] == f"{many} countries shown"
    # Russian says 1, 2 to 4, and 5 or 0 three ways: the page shows all three. French counts 0
    # with 1 ("0 pays affiché"), as gettext's rule and the browser's CLDR categories agree;
    # Portuguese says it one way for every count.
    forms = {re.sub(r"\d+", "N", text) for text in said.values()}
    assert len(forms) == {"en": 2, "ru": 3, "es": 2, "pt": 1, "fr": 2}[language], said
    if language == "fr":
        assert said[0] == "0 pays affiché"


def test_the_country_choice_never_leaves_the_device(phone_in, server):
    context = phone_in("es-CL", "America/Santiago")
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append(request))
    page.goto(f"{server.url}/en/country/")
    page.get_by_role("button", name="Choose United Kingdom").click()
    wait_for_number(page, emergency.get("GB").ambulance)
    for path in ["/en/now/", "/es/now/water/", "/en/guide/causes/", "/"]:
        page.goto(server.url + path)
    assert len(sent) > 5
    for request in sent:
        headers = " ".join(request.all_headers().values())
        assert "GB" not in request.url
        assert "United Kingdom" not in headers
        assert "Reino Unido" not in headers
        assert "cramp-aid" not in headers
        assert request.post_data is None
    assert not [c for c in context.cookies() if "country" in c["name"] or "GB" in c["value"]]


def test_a_choice_made_while_the_worker_answers_is_not_overwritten(phone_in, server):
    # On a first visit the worker may still be installing when the user taps "Choose": its
    # late suggestion (Chile, from the phone's settings) must not replace the user's choice.
    context = phone_in("es-CL", "America/Santiago")
    context.add_init_script(
        """const send = ServiceWorker.prototype.postMessage;
        ServiceWorker.prototype.postMessage = function (...args) {
          setTimeout(() => send.apply(this, args), 1500);
        };"""
    )
    page = context.new_page()
    page.goto(f"{server.url}/en/country/")
    page.get_by_role("button", name="Choose United Kingdom").click()
    wait_for_number(page, emergency.get("GB").ambulance)
    # The worker's late answer has arrived (the suggestion is kept) and the choice stands.
    page.wait_for_function("() => localStorage.getItem('cramp-aid-country-suggested') !== null")
    wait_for_number(page, emergency.get("GB").ambulance)
    page.goto(f"{server.url}/en/now/")
    assert_every_button_dials(page, emergency.get("GB").ambulance)
    assert place(page).inner_text() == "United Kingdom"


def venue_buttons(page):
    return page.locator("a[data-venue-call]")


def assert_the_venues_line_is_offered(page, number, label):
    """Every screen's second button, visible, labelled, dialling the venue's own line."""
    page.wait_for_function(
        """(number) => [...document.querySelectorAll("a[data-venue-call]")]
            .every((link) => !link.hidden && link.getAttribute("href") === `tel:${number}`)""",
        arg=number,
    )
    assert venue_buttons(page).count() >= 1
    for link in venue_buttons(page).all():
        assert link.text_content() == f"{label}: {number}"


def test_a_venues_own_line_is_a_second_labelled_button_and_never_the_main_one(phone_in, server):
    # A phone in Chile that opened a pool's page in England: its suggestion is the main button.
    page = phone_in("es-CL", "America/Santiago").new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    page.goto(f"{server.url}/en/venues/harbour-lido/")
    page.goto(f"{server.url}/en/now/")
    chile = emergency.get("CL").ambulance
    assert_every_button_dials(page, chile)
    assert place(page).inner_text() == "Chile? Change"
    assert_the_venues_line_is_offered(page, "+441632960123", "Lifeguards at Harbour Lido (demo)")
    page.goto(f"{server.url}/es/")
    wait_until_ready_offline(page, ready_text="funciona sin conexión")
    server.stop()
    for path in ["/en/now/water/", "/es/now/help-someone/"]:
        page.goto(server.url + path)
        assert_every_button_dials(page, chile)
    assert_the_venues_line_is_offered(page, "+441632960123", "Socorristas de Harbour Lido (demo)")


def test_without_a_country_the_venues_country_is_dialled_and_its_line_can_be_put_aside(
    phone, server
):
    page = phone.new_page()  # a phone whose country the app cannot tell
    page.goto(f"{server.url}/es/venues/playa-del-faro/")
    page.goto(f"{server.url}/en/now/water/")
    spain = emergency.get("ES")
    assert_every_button_dials(page, spain.ambulance)
    assert place(page).inner_text() == "Spain? Change"
    sea = page.locator("[data-water-line] a")
    assert sea.get_attribute("href") == f"tel:{spain.water}"
    assert sea.inner_text() == "900 202 202"  # grouped as on the country page
    assert_the_venues_line_is_offered(page, "+34600000123", "Lifeguards at Playa del Faro (demo)")
    page.goto(f"{server.url}/en/venues/harbour-lido/")  # the last one opened counts
    page.goto(f"{server.url}/en/now/")
    assert_every_button_dials(page, "999")
    assert_the_venues_line_is_offered(page, "+441632960123", "Lifeguards at Harbour Lido (demo)")
    page.goto(f"{server.url}/en/venues/")
    page.get_by_role("button", name="Stop offering it").click()
    page.goto(f"{server.url}/en/now/")
    # The inline lines ran as the page was parsed, before goto returned: 999 became 112.
    assert_every_button_dials(page, "112")
    assert venue_buttons(page).first.is_hidden()


def test_a_venues_country_whose_number_reaches_the_police_is_named_so(phone, server):
    # A lake in Bolivia, on a phone that tells no country: its country's 110 is the police, and
    # the label says so on the venue's page, in its CPR line's number, and on the other screens.
    server.edit_database(
        "UPDATE guide_venue SET country = 'BO', updated = CURRENT_TIMESTAMP "
        "WHERE slug = 'harbour-lido'"
    )
    bolivia = emergency.get("BO")
    assert (bolivia.ambulance, bolivia.reaches) == ("110", "police")
    page = phone.new_page()
    label = "Police, who send an ambulance · Bolivia? Change"
    for path in ["/en/venues/harbour-lido/", "/en/now/"]:
        page.goto(server.url + path)
        assert_every_button_dials(page, "110")
        place(page).filter(has_text=label).wait_for()
    page.goto(f"{server.url}/en/venues/harbour-lido/")
    assert "Call 110 on speaker, start CPR" in page.locator(".venue-cpr").inner_text()


@pytest.mark.parametrize("where", ["online", "with the server stopped"])
def test_a_typo_or_a_hijacked_venue_number_never_becomes_the_main_button(phone, server, where):
    # The operator's account is used to put a premium-rate number in the pool's emergency line.
    server.edit_database(
        "UPDATE guide_venue SET emergency_number = '+19005550100', "
        "updated = CURRENT_TIMESTAMP WHERE slug = 'harbour-lido'"
    )
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    page.goto(f"{server.url}/en/venues/harbour-lido/")
    uk = emergency.get("GB").ambulance
    assert_every_button_dials(page, uk)  # the venue's own page, too
    line = page.locator("main a.call-venue")
    assert line.get_attribute("href") == "tel:+19005550100"
    assert line.text_content() == "Emergency line at Harbour Lido (demo): +19005550100"
    if where != "online":
        server.stop()
    for path in ["/en/now/", "/en/now/water/", "/en/now/help-someone/", "/en/offline/"]:
        page.goto(server.url + path)
        assert_every_button_dials(page, uk)
        assert_the_venues_line_is_offered(
            page, "+19005550100", "Emergency line at Harbour Lido (demo)"
        )


def test_a_venue_number_kept_before_this_release_is_never_dialled(phone_in, server):
    # Earlier releases kept { url, name, number, until } and dialled that number first.
    phone = phone_in("en-GB", "Europe/London")
    phone.add_init_script(
        """localStorage.setItem("cramp-aid-venue", JSON.stringify({
            url: "/en/venues/harbour-lido/", name: "Harbour Lido (demo)",
            number: "+19005550100", until: Date.now() + 3600000 }));"""
    )
    page = phone.new_page()
    page.goto(f"{server.url}/en/now/")
    # app.js has run and the worker has answered: the phone's suggestion is named.
    place(page).filter(has_text="United Kingdom? Change").wait_for()
    assert_every_button_dials(page, emergency.get("GB").ambulance)
    assert venue_buttons(page).first.is_hidden()


def test_a_venues_line_lapses_after_12_hours_and_comes_back_when_it_is_opened(phone, server):
    start = datetime.datetime(2026, 7, 1, 10, 0, tzinfo=datetime.UTC)
    phone.clock.install(time=start)
    page = phone.new_page()
    page.goto(f"{server.url}/en/venues/harbour-lido/")
    page.goto(f"{server.url}/en/now/")
    assert_every_button_dials(page, "999")
    assert_the_venues_line_is_offered(page, "+441632960123", "Lifeguards at Harbour Lido (demo)")
    phone.clock.fast_forward(11 * HOUR_MS)
    page.reload()
    assert_every_button_dials(page, "999")
    assert_the_venues_line_is_offered(page, "+441632960123", "Lifeguards at Harbour Lido (demo)")
    phone.clock.fast_forward(HOUR_MS + 60_000)
    page.reload()
    # The inline lines ran as the page was parsed, before reload returned: 999 became 112.
    assert_every_button_dials(page, "112")
    assert venue_buttons(page).first.is_hidden()
    page.goto(f"{server.url}/en/venues/harbour-lido/")
    page.goto(f"{server.url}/en/now/water/")
    assert_every_button_dials(page, "999")
    assert_the_venues_line_is_offered(page, "+441632960123", "Lifeguards at Harbour Lido (demo)")


# Records, before every frame the page paints, what its call buttons dial and offer, until the
# test has seen app.js finish (window.__stop). A slow phone may paint a page its parser has
# not finished: a frame then holds the buttons parsed so far.
FRAMES = """
window.__frames = [];
const record = () => {
  const calls = [...document.querySelectorAll("a[data-call]")];
  const venueLinks = [...document.querySelectorAll("a[data-venue-call]")];
  const lines = venueLinks.filter((a) => !a.hidden);
  window.__frames.push({
    parsed: document.readyState !== "loading",
    calls: calls.map((a) => a.getAttribute("href") + " " + a.textContent.trim()),
    venueLinks: venueLinks.length,
    lines: lines.map((a) => a.getAttribute("href")),
    texts: [...document.querySelectorAll("[data-number-text]")].map((e) => e.textContent.trim()),
  });
  if (!window.__stop) requestAnimationFrame(record);
};
requestAnimationFrame(record);
"""


@pytest.mark.parametrize(
    ("locale", "zone", "venues", "chosen", "number", "line"),
    [
        ("en", "UTC", [], "GB", "999", None),
        ("en", "UTC", ["/es/venues/playa-del-faro/"], None, "112", "+34600000123"),
        ("es-CL", "America/Santiago", ["/en/venues/harbour-lido/"], None, "131", "+441632960123"),
        ("en", "UTC", [], None, "112", None),
    ],
    ids=["chosen country", "venue's country", "suggested country and a venue", "nothing"],
)
def test_the_right_number_is_on_the_button_at_the_first_paint_offline(
    phone_in, server, locale, zone, venues, chosen, number, line
):
    phone = phone_in(locale, zone)
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    for venue in venues:
        page.goto(server.url + venue)
    if chosen:
        page.goto(f"{server.url}/en/country/")
        page.get_by_role("button", name=f"Choose {emergency.get(chosen).name('en')}").click()
        wait_for_number(page, number)
    page.goto(f"{server.url}/en/now/")
    wait_for_number(page, number)  # the worker's suggestion, if any, is kept
    page.close()
    server.stop()
    page = phone.new_page()
    page.add_init_script(FRAMES)
    page.goto(f"{server.url}/en/now/water/")
    wait_until_ready_offline(page)  # app.js has done all its work
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
    frames = page.evaluate("() => { window.__stop = true; return window.__frames; }")
    assert_every_frame_dials(frames, number, line)
    assert frames[-1]["parsed"], frames[-1]
    assert len(frames[-1]["calls"]) == 2, frames[-1]


def assert_every_frame_dials(frames, number, line):
    """From the first paint on, never the page's 112 and then the right number: every button
    in every frame dials `number`, and once the header's venue button is parsed it offers
    `line` (or stays hidden)."""
    painted = [frame for frame in frames if frame["calls"]]
    assert painted, "no frame showed a call button"
    for frame in painted:
        assert set(frame["calls"]) == {f"tel:{number} Call {number}"}, frame
        assert all(number in text for text in frame["texts"]), frame
        if frame["venueLinks"]:
            assert frame["lines"] == ([f"tel:{line}"] if line else []), frame
    whole = [frame for frame in painted if frame["parsed"]]
    assert whole, painted[-1]
    assert f"Call {number} now if:" in whole[-1]["texts"], whole[-1]


def test_a_page_painted_before_its_parser_finished_already_dials_the_phones_number(phone, server):
    # A slow network hands the browser the top of the page, header and its call button
    # included, and then nothing for a while: the browser paints what it has. That button
    # must already dial the number this phone keeps (first-paint.js fixes each button as the
    # parser adds it; one pass at the end of the page would come after this paint).
    proxy = FaultyProxy(server.port).start()
    try:
        page = phone.new_page()
        # The phone keeps the United Kingdom (no page of this origin has been opened: no worker
        # answers in place of the network).
        kept = {"code": "GB", "names": emergency.get("GB").names, "ambulance": "999"}
        page.add_init_script(
            f"localStorage.setItem('cramp-aid-country', JSON.stringify({json.dumps(kept)}));"
        )
        page.add_init_script(FRAMES)
        proxy.fail("stall", only=r"^/en/now/$")
        page.goto(f"{proxy.url}/en/now/", wait_until="commit")
        # The header has arrived and a frame has been painted with it; the rest has not come.
        page.wait_for_function("() => window.__frames.some((frame) => frame.calls.length)")
        assert page.evaluate("() => document.readyState") == "loading"
        assert page.locator("a[data-call]").count() == 1
        assert page.locator("a[data-call]").get_attribute("href") == "tel:999"
        proxy.heal()
        page.wait_for_load_state()
        frames = page.evaluate("() => { window.__stop = true; return window.__frames; }")
        assert any(not frame["parsed"] for frame in frames if frame["calls"])
        assert_every_frame_dials(frames, "999", None)
    finally:
        proxy.stop()


def test_the_urgent_line_and_sea_rescue_follow_the_country(phone_in, server):
    page = phone_in("en-GB", "Europe/London").new_page()
    page.goto(f"{server.url}/en/now/water/")
    uk = emergency.get("GB")
    urgent = page.locator("a[data-urgent-call]")
    urgent.wait_for()
    assert urgent.get_attribute("href") == f"tel:{uk.urgent}"
    assert uk.urgent_name("en") in urgent.text_content()
    chile = emergency.get("CL")
    page.goto(f"{server.url}/en/country/")
    page.get_by_role("button", name="Choose Chile").click()
    page.goto(f"{server.url}/en/now/help-someone/")
    sea = page.locator("[data-water-line] a")
    sea.wait_for()
    assert sea.get_attribute("href") == f"tel:{chile.water}"
    assert page.locator("a[data-urgent-call]").is_hidden()
    # Not hidden (below the first screen, content-visibility keeps it unpainted until scrolled).
    assert page.locator("[data-urgent-default]").get_attribute("hidden") is None


def test_the_cpr_beat_keeps_time_offline(phone, server):
    start = datetime.datetime(2026, 7, 1, 10, 0, tzinfo=datetime.UTC)
    phone.clock.install(time=start)
    page = phone.new_page()
    page.goto(f"{server.url}/en/")
    wait_until_ready_offline(page)
    server.stop()
    page.goto(f"{server.url}/en/now/help-someone/")
    # timer.js adds the button a frame and a timer after the paint: on a busy machine, after
    # goto has returned. A paused clock would hold that timer forever.
    page.get_by_role("button", name="Start the beat").wait_for()
    # From here the page's time moves only when the test says: a busy machine's slow click
    # must not count as a push (a push comes every 0.55 s).
    page.clock.pause_at(start + datetime.timedelta(hours=1))
    page.get_by_role("button", name="Start the beat").click()
    beat = page.locator("[data-beats-per-minute] output")
    assert beat.text_content() == "Push 1"
    # 110 a minute: 59 seconds later the 109th push counts 19 in the fourth round of 30 (no "of 30":
    # an untrained rescuer pushes without stopping, clinical review 4, m14).
    page.clock.run_for(59_000)
    assert beat.text_content() == "Push 19"
    page.get_by_role("button", name="Stop the beat").click()
    page.clock.run_for(5_000)
    assert beat.text_content() == "Push 19"


@pytest.mark.parametrize("language", ["en", "ru", "es", "pt", "fr"])
def test_without_javascript_the_default_number_both_flag_groups_and_cpr_still_show(
    phone_without_javascript, server, language
):
    page = phone_without_javascript.new_page()
    page.goto(f"{server.url}/{language}/now/help-someone/")
    assert call_buttons(page).first.get_attribute("href") == "tel:112"
    help_box = page.locator("#get-help")
    assert help_box.locator("h3").count() == 2
    # The rescue screen shows its own signs; the rest of each group waits one tap away, in a
    # <details> that opens without a script.
    today = help_box.locator(".call-line-big ~ ul li, .call-line-big ~ details li").count()
    assert help_box.locator("li").count() - today >= 8
    assert today >= 5
    more = help_box.locator("details")
    assert more.count() == 2
    assert not more.first.locator("li").first.is_visible()
    more.first.locator("summary").click()
    assert more.first.locator("li").first.is_visible()
    # Someone already out of the water and not responding: the first line jumps to CPR.
    page.locator(".lead-alert a").click()
    assert page.url.endswith("#cpr")
    cpr = page.locator("#cpr")
    assert cpr.evaluate("e => e.getBoundingClientRect().top") < 100
    assert page.locator(".steps").count() == 2  # the rescue, then once they are out
    assert page.locator("[data-beats-per-minute]").text_content().strip()
    page.locator("header [data-call-place]").click()
    assert page.url.endswith(f"/{language}/country/")
    chile = page.locator("#CL")
    assert chile.get_by_role("link").first.get_attribute("href") == "tel:131"
    assert chile.get_by_role("button").count() == 0  # choosing needs the script
    # Who answers a police or fire number is in the page itself, not added by a script.
    police = {"en": "Police, who send an ambulance", "ru": "Полиция (вызовет скорую)"}
    police["es"] = "Policía, que envía una ambulancia"
    police["pt"] = "Polícia, que envia uma ambulância"
    police["fr"] = "Police, qui envoie une ambulance"
    bolivia = page.locator("#BO").get_by_role("link").first
    colon = "\u00a0:" if language == "fr" else ":"  # French: a no-break space before the colon
    assert bolivia.inner_text() == f"{police[language]}{colon} 110"


def test_without_javascript_a_venue_page_dials_its_country_first_and_its_line_second(
    phone_without_javascript, server
):
    server.edit_database(
        "UPDATE guide_venue SET emergency_number = '+19005550100', "
        "updated = CURRENT_TIMESTAMP WHERE slug = 'playa-del-faro'"
    )
    page = phone_without_javascript.new_page()
    page.goto(f"{server.url}/es/venues/playa-del-faro/")
    spain = emergency.get("ES").ambulance
    for link in call_buttons(page).all():  # the header's, and the big one under the title
        assert link.get_attribute("href") == f"tel:{spain}"
        assert link.inner_text() == f"Llamar al {spain}"
    main = page.locator("main")
    big = main.locator("a.call-big")
    line = main.locator("a.call-venue")
    assert line.inner_text() == "Línea de emergencias de Playa del Faro (demo): +19005550100"
    assert line.get_attribute("href") == "tel:+19005550100"
    # The country's button comes first, and is the big one.
    assert big.bounding_box()["y"] < line.bounding_box()["y"]
    assert big.bounding_box()["height"] > line.bounding_box()["height"]
    assert page.locator("header a.call-venue").count() == 0
    # The CPR line names the number the buttons dial, and where the defibrillator is.
    assert f"Llama al {spain}" in main.locator(".venue-cpr").inner_text()
