"""Every page as a user meets it: accessible, readable without JavaScript, self-contained."""

import re
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

NOT_FOUND = "/en/no-such-page/"


def all_paths(server):
    with urllib.request.urlopen(f"{server.url}/sitemap.xml") as response:
        body = response.read().decode()
    paths = [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>(.*?)</loc>", body)]
    extra = ["/en/offline/", NOT_FOUND, "/en/search/?q=calf", "/en/search/?q=zzz"]
    extra += ["/en/venues/", "/en/venues/harbour-lido/poster/", "/ru/venues/ozero-tikhoe/poster/"]
    return [*paths, *extra]


def axe_failures(axe, page, path):
    """axe's reports for the open page in light and dark, keyed "path (scheme)"; none if clean."""
    # Sections below the first screen are content-visibility: auto (they paint when scrolled
    # to): axe would read colours where their placeholders sit, over another element.
    # Paint everything first (CSSOM, which the policy allows).
    page.evaluate(
        "for (const e of document.querySelectorAll('*')) e.style.contentVisibility = 'visible'"
    )
    failures = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        results = axe.run(page)
        if results.violations_count:
            failures[f"{path} ({scheme})"] = results.generate_report()
    return failures


def test_axe_finds_no_violations_on_any_page(phone, server):
    axe = Axe()
    page = phone.new_page()
    failures = {}
    for path in all_paths(server):
        page.goto(server.url + path)
        failures.update(axe_failures(axe, page, path))
    assert not failures, "\n".join(f"{k}:\n{v}" for k, v in failures.items())


def test_axe_finds_no_violations_with_a_venues_own_line_on_the_screens(phone, server):
    axe = Axe()
    page = phone.new_page()
    page.goto(f"{server.url}/es/venues/playa-del-faro/")
    failures = {}
    for path in ["/es/now/water/", "/es/offline/", "/es/venues/playa-del-faro/"]:
        page.goto(server.url + path)
        page.locator("a.call-venue").first.wait_for()  # the second button, shown
        failures.update(axe_failures(axe, page, path))
    assert not failures, "\n".join(f"{k}:\n{v}" for k, v in failures.items())


def test_no_request_leaves_the_site_and_nothing_is_refused_by_the_policy(phone, server):
    page = phone.new_page()
    requests, problems = [], []
    visiting = [None]

    def complain(text):
        problems.append((visiting[0], text))

    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: complain(m.text) if m.type in ("error", "warning") else 0)
    page.on("pageerror", lambda error: complain(str(error)))
    for path in all_paths(server):
        visiting[0] = path
        page.goto(server.url + path)
    foreign = [url for url in requests if not url.startswith((server.url, "data:"))]
    assert foreign == []
    # Chromium logs the deliberate not-found visit's own status; nothing else may complain
    # (a missing script, stylesheet or icon logs a 404 too).
    deliberate = "Failed to load resource: the server responded with a status of 404"
    complaints = [(path, text) for path, text in problems if path != NOT_FOUND]
    complaints += [
        (path, text)
        for path, text in problems
        if path == NOT_FOUND and not text.startswith(deliberate)
    ]
    assert complaints == []


@pytest.mark.parametrize("path", ["/en/now/", "/en/now/water/", "/en/now/help-someone/"])
def test_emergency_screens_work_without_javascript(phone_without_javascript, server, path):
    page = phone_without_javascript.new_page()
    page.goto(server.url + path)
    steps = page.locator(".step")
    assert steps.count() >= 3
    for index in range(steps.count()):
        # text_content: below the first screen a step is not painted until scrolled to.
        assert steps.nth(index).locator("h2").text_content()
        assert steps.nth(index).locator("p").first.text_content()
    assert page.get_by_role("link", name="Call 112").first.get_attribute("href") == "tel:112"
    # Without the timer script, a hold step still says how long to hold.
    holds = page.locator("[data-hold-seconds]")
    for index in range(holds.count()):
        assert re.search(r"Hold for \d+ seconds", holds.nth(index).text_content())
    # Every link to another emergency screen works.
    page.get_by_role("link", name="In the water", exact=True).click()
    assert page.url.endswith("/en/now/water/")


@pytest.mark.parametrize("path", ["/en/", "/ru/guide/stretches/", "/es/diary/log/"])
def test_pages_are_styled_without_javascript(phone_without_javascript, server, path):
    # The linked stylesheet needs no script: app.css's rules and pages.css's both apply.
    page = phone_without_javascript.new_page()
    page.goto(server.url + path)
    assert page.locator("body").evaluate("(body) => getComputedStyle(body).margin") == "0px"
    search = page.locator("footer .search input")
    assert search.evaluate("(input) => getComputedStyle(input).minHeight") == "48px"


def test_touch_targets_are_at_least_48_pixels(phone, server):
    page = phone.new_page()
    small = []
    for path in ["/en/", "/en/now/", "/en/now/water/", "/en/guide/stretches/"]:
        page.goto(server.url + path)
        for target in page.locator("main a.button, main button, header a, .now-choices a").all():
            if not target.is_visible():
                continue
            box = target.bounding_box()
            if box["height"] < 48 or box["width"] < 48:
                small.append((path, target.inner_text(), box))
    assert small == []


def test_emergency_call_button_is_far_larger_than_the_minimum(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/now/")
    box = page.locator("a.call-big").bounding_box()
    assert box["height"] >= 72
    assert box["width"] >= 300


def test_pages_stay_usable_at_200_percent_text(phone, server):
    page = phone.new_page()
    for path in ["/en/", "/en/now/", "/en/now/water/"]:
        page.goto(server.url + path)
        page.evaluate("() => { document.documentElement.style.fontSize = '225%'; }")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, path
        assert page.locator("a.call").first.is_visible()
