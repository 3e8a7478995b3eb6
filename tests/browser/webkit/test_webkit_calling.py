"""In WebKit, the call buttons dial the phone's country, offline, and the choice stays on the phone.

WebKitGTK takes the phone's language from its locale and its time zone from TZ (webkitgtk.py):
each test first checks that the page sees them, so a pass means the app, not a default, chose.
"""

import pytest
from django.utils import translation
from network import FaultyProxy
from webkitgtk import LONDON, SANTIAGO

from guide import emergency


def wait_until_every_button_dials(webkit, number, at_least=2):
    webkit.wait_for(
        """[...document.querySelectorAll("a[data-call]")]
            .every((link) => link.getAttribute("href") === `tel:${arguments[0]}`)""",
        number,
        message="every call button",
    )
    buttons = webkit.find_all("a[data-call]")
    assert len(buttons) >= at_least  # on emergency screens, the header's and "Get help now"
    for button in buttons:
        assert number in button.get_attribute("textContent")


@pytest.mark.parametrize(
    ("place", "tag", "language", "code"),
    [
        (SANTIAGO, "es-CL", "es", "CL"),
        (LONDON, "en-GB", "en", "GB"),
        # The time zone wins over the language's region: an American phone in London.
        (("en_US", "Europe/London"), "en-US", "en", "GB"),
    ],
    ids=["Santiago", "London", "American-in-London"],
)
def test_the_call_buttons_dial_the_countrys_number_with_the_server_stopped(
    webkit_in, server, place, tag, language, code
):
    country = emergency.get(code)
    webkit = webkit_in(*place)
    webkit.open(f"{server.url}/")  # the server picks the language from the browser's
    webkit.wait_for("location.pathname === arguments[0]", f"/{language}/")
    assert webkit.evaluate("navigator.languages") == [tag]  # WebKit tells only the first
    assert webkit.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == place[1]
    webkit.wait_until_ready_offline(
        ready_text={"en": "works with no connection", "es": "sin conexión"}[language]
    )
    webkit.open(f"{server.url}/{language}/now/")
    wait_until_every_button_dials(webkit, country.ambulance)
    with translation.override(language):
        # The template's {% translate %} looks a % up as %%.
        template = translation.gettext("%%(country)s? Change").replace("%%", "%")
    suggested = template % {"country": country.name(language)}
    webkit.wait_for(
        "document.querySelector('header [data-call-place]').textContent === arguments[0]",
        suggested,
    )
    server.stop()
    for path in ["now/water/", "now/help-someone/"]:
        webkit.open(f"{server.url}/{language}/{path}")
        wait_until_every_button_dials(webkit, country.ambulance)


@pytest.fixture
def proxy(server):
    """Every request that leaves the browser, logged on its way to the app."""
    logging = FaultyProxy(server.port).start()
    yield logging
    logging.stop()


def test_the_country_chosen_stays_on_the_phone(webkit, proxy):
    # A phone in London chooses Chile: nothing the browser sends may carry that choice.
    chile = emergency.get("CL")
    webkit.open(f"{proxy.url}/en/")
    webkit.wait_until_ready_offline()
    webkit.open(f"{proxy.url}/en/country/")
    webkit.tap("button[aria-label='Choose Chile']")
    wait_until_every_button_dials(webkit, chile.ambulance, at_least=1)
    for path in ["/", "/es/now/water/", "/en/guide/causes/", "/en/country/", "/en/now/"]:
        webkit.open(proxy.url + path)
        webkit.wait_for("document.readyState === 'complete'")
    wait_until_every_button_dials(webkit, chile.ambulance)
    kept = webkit.evaluate("JSON.parse(localStorage.getItem('cramp-aid-country'))")
    assert (kept["code"], kept["confirmed"]) == ("CL", True)
    assert len(proxy.requests) > 10  # the pages, the worker's precaching, the static files
    names = {chile.name(language) for language in ("en", "es", "ru")}
    for path, headers in proxy.requests:
        sent = path + " " + " ".join(f"{name}: {value}" for name, value in headers.items())
        assert "CL" not in path, sent
        assert not [name for name in names if name in sent], sent
        assert "cramp-aid" not in sent, sent
    # The only cookie is the language one, which this test never set.
    assert webkit.driver.get_cookies() == []
    assert webkit.evaluate("document.cookie") == ""
