"""The call buttons dial the number of the user's country, named, offline, and never by themselves.

The country comes from the user's choice on /<lang>/country/, else the phone's own settings
(its languages' regions and its time zone, the zone winning), else the server's default; a
venue's number takes over for 12 hours after its page is opened.
"""

import datetime
import re

import pytest
from django.utils import translation
from phone import wait_until_ready_offline

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
        assert shown in visible.all_inner_texts(), query
        assert visible.count() < len(emergency.countries())
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


def test_a_venues_number_applies_is_named_and_can_be_put_aside(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/venues/harbour-lido/")
    page.goto(f"{server.url}/en/now/")
    assert_every_button_dials(page, "999")
    assert place(page).inner_text() == "Harbour Lido (demo)"
    page.get_by_role("button", name="Use my country's number").first.click()
    assert_every_button_dials(page, "112")
    assert place(page).inner_text() == "Numbers by country"


def test_a_venues_number_lapses_after_12_hours_and_comes_back_when_it_is_opened(phone, server):
    start = datetime.datetime(2026, 7, 1, 10, 0, tzinfo=datetime.UTC)
    phone.clock.install(time=start)
    page = phone.new_page()
    page.goto(f"{server.url}/en/venues/harbour-lido/")
    page.goto(f"{server.url}/en/now/")
    assert_every_button_dials(page, "999")
    phone.clock.fast_forward(11 * HOUR_MS)
    page.reload()
    assert_every_button_dials(page, "999")
    phone.clock.fast_forward(HOUR_MS + 60_000)
    page.reload()
    assert_every_button_dials(page, "112")
    page.goto(f"{server.url}/en/venues/harbour-lido/")
    page.goto(f"{server.url}/en/now/water/")
    assert_every_button_dials(page, "999")


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
    # From here the page's time moves only when the test says: a busy machine's slow click
    # must not count as a push (a push comes every 0.55 s).
    page.clock.pause_at(start + datetime.timedelta(hours=1))
    page.get_by_role("button", name="Start the beat").click()
    beat = page.locator("[data-beats-per-minute] output")
    assert beat.text_content() == "Push 1 of 30"
    # 110 a minute: 59 seconds later the 109th push counts 19 of the fourth round of 30.
    page.clock.run_for(59_000)
    assert beat.text_content() == "Push 19 of 30"
    page.get_by_role("button", name="Stop the beat").click()
    page.clock.run_for(5_000)
    assert beat.text_content() == "Push 19 of 30"


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
    bolivia = page.locator("#BO").get_by_role("link").first
    assert bolivia.inner_text() == f"{police[language]}: 110"
