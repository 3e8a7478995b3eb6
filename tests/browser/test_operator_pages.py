"""The operator pages as a lifeguard meets them: on a 320 px phone, one hand, three taps to a
new flag; accessible in light and dark, at 200% text; every poster printed one A4 page each."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from phone import CHROMIUM, CHROMIUM_ARGS, PHONE
from playwright.sync_api import expect

PASSWORD = "a-long-lifeguard-password-9"
ORGANISATION = "Porthaven Leisure and Beaches (demo)"  # Harbour Lido, Porthaven Sands, a draft
NARROW = {
    **PHONE,
    "viewport": {"width": 320, "height": 640},
    "screen": {"width": 320, "height": 640},
}


@pytest.fixture
def lifeguard(server):
    server.manage(
        "add_operator", "lifeguard", "--organisation", ORGANISATION, "--noinput",
        CRAMP_AID_OPERATOR_PASSWORD=PASSWORD,
    )  # fmt: skip
    return server


def sign_in(page, server):
    """As a lifeguard does on the phone: the operator page sends them to the sign-in form."""
    page.goto(f"{server.url}/en/operator/")
    expect(page).to_have_url(re.compile(r"/en/operator/sign-in/\?next=/en/operator/$"))
    page.get_by_label("Username").fill("lifeguard")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Code").fill(server.manage("addstatictoken", "lifeguard"))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    page.goto(f"{server.url}/en/operator/")
    expect(page.locator("h1")).to_have_text("Your venues")


def test_axe_finds_no_violations_on_the_operator_pages(phone, lifeguard):
    server = lifeguard
    axe = Axe()
    page = phone.new_page()
    complaints = []
    page.on("console", lambda m: complaints.append(m.text) if m.type in ("error", "warning") else 0)
    failures = {}

    def check(name):
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            results = axe.run(page)
            if results.violations_count:
                failures[f"{name} ({scheme})"] = results.generate_report()

    page.goto(f"{server.url}/en/operator/sign-in/")
    check("sign-in")
    sign_in(page, server)
    complaints.clear()  # a first sign-in goes on to the admin's second-factor page
    check("venues")
    for slug in ("porthaven-sands", "harbour-lido"):  # a beach's flags, a pool's none
        page.goto(f"{server.url}/en/operator/{slug}/")
        check(slug)
    # The pool's form emptied: a report that says nothing is refused, with its message.
    page.get_by_label("Lifeguards on duty until").fill("")
    page.get_by_label("Anything else visitors should know").fill("")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Say until when the lifeguards are on duty")
    check("a form with errors")
    page.goto(f"{server.url}/en/operator/posters/")
    check("posters")
    page.goto(f"{server.url}/es/operator/")
    check("venues in Spanish")
    assert not failures, "\n".join(f"{k}:\n{v}" for k, v in failures.items())
    assert complaints == []  # nothing refused by the policy, no missing file


def overflow(page):
    """How far the page runs past the screen's right edge, in pixels: its header with the call
    button, its content and its footer."""
    return page.evaluate(
        """() => Math.max(0, ...[...document.querySelectorAll("body *")].map(
            (e) => e.getBoundingClientRect().right - document.documentElement.clientWidth
        ))"""
    )


def small_targets(page):
    small = []
    for target in page.locator(
        "main a, main button, main label.choice, main input, main textarea"
    ).all():
        if not target.is_visible():
            continue
        box = target.bounding_box()
        kind = target.evaluate("e => e.type || e.tagName")
        if kind in ("radio", "checkbox"):
            continue  # inside a label.choice, which is the target
        if box["height"] < 48 or (box["width"] < 48 and kind != "A"):
            small.append((target.inner_text() or kind, box))
    return small


def test_a_new_flag_in_three_taps_on_a_320_pixel_phone(playwright, lifeguard):
    server = lifeguard
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        page = browser.new_context(**NARROW).new_page()
        sign_in(page, server)
        assert overflow(page) <= 0
        assert small_targets(page) == []
        page.get_by_role("link", name=re.compile("^Porthaven Sands")).tap()  # 1
        expect(page.locator("h1")).to_have_text("Porthaven Sands (demo)")
        assert overflow(page) <= 0
        assert small_targets(page) == []
        page.locator("label.choice", has_text="Red flag").tap()  # 2
        expect(page.get_by_role("radio", name="Red flag Danger. Do not go in.")).to_be_checked()
        page.get_by_role("button", name="Save").tap()  # 3
        expect(page).to_have_url(f"{server.url}/en/operator/")
        expect(page.locator(".message")).to_contain_text(
            re.compile(r"Saved for Porthaven Sands \(demo\): Red flag since \d\d:\d\d")
        )
        page.goto(f"{server.url}/en/venues/porthaven-sands/")
        expect(page.locator(".flag-line")).to_contain_text(re.compile(r"^Red flag since \d\d:\d\d"))
        expect(page.locator(".flag-meaning")).to_have_text("Danger. Do not go in.")
        # The same pages at 200% text: nothing runs off the side.
        # In Spanish too, whose call button says more ("Llamar al 999").
        paths = ["/en/operator/", "/en/operator/porthaven-sands/", "/en/operator/sign-in/"]
        for path in [*paths, *(path.replace("/en/", "/es/") for path in paths)]:
            page.goto(server.url + path)
            page.evaluate("() => { document.documentElement.style.fontSize = '225%'; }")
            assert overflow(page) <= 1, path
    finally:
        browser.close()


def test_every_poster_prints_on_one_a4_page_each(phone, lifeguard):
    server = lifeguard
    page = phone.new_page()
    sign_in(page, server)
    page.goto(f"{server.url}/en/operator/posters/")
    posters = page.locator("article.poster")
    expect(posters).to_have_count(2)  # the draft has no poster until it is published
    for index, (name, language) in enumerate(
        [("Harbour Lido (demo)", "en"), ("Porthaven Sands (demo)", "en")]
    ):
        expect(posters.nth(index).locator(".poster-venue")).to_have_text(name)
        assert posters.nth(index).get_attribute("lang") == language
    pdf = page.pdf(format="A4", print_background=True)
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) == 2
