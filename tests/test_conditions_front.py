"""Today's conditions through the deployed front: a lifeguard signs in on the phone pages
through nginx (password and second factor), changes the flag, and visitors behind nginx's cache
see it within CRAMP_AID_VENUE_CACHE_SECONDS (60 by default; VENUE_SECONDS here)."""

import re
import time
from urllib.parse import urlencode

from test_deploy import HOST, VENUE_SECONDS, Browser, front  # noqa: F401 (the front fixture)

PASSWORD = "a-long-lifeguard-password-8"
VENUE = "/en/venues/porthaven-sands/"  # a demo beach of the demo organisation below
ORGANISATION = "Porthaven Leisure and Beaches (demo)"


def form_token(body):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1]


def post(browser, path, fields):
    token = form_token(browser.request(path).body.decode())
    return browser.request(
        path,
        method="POST",
        body=urlencode({"csrfmiddlewaretoken": token, **fields}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}{path}",
        },
    )


def signed_in_lifeguard(front):  # noqa: F811 (the fixture, imported above)
    app = front["app"]
    app.manage(
        "add_operator",
        "lifeguard",
        "--organisation",
        ORGANISATION,
        "--noinput",
        CRAMP_AID_OPERATOR_PASSWORD=PASSWORD,
    )
    lifeguard = Browser(front)
    assert lifeguard.request("/en/operator/").status == 302
    code = app.manage("addstatictoken", "lifeguard")
    fields = {"username": "lifeguard", "password": PASSWORD, "otp_token": code}
    response = post(lifeguard, "/en/operator/sign-in/", {**fields, "next": "/en/operator/"})
    assert response.status == 302, response.body.decode()[:500]
    return lifeguard


def flag_line(body):
    return re.search(r'class="flag-line">.*?<strong>([^<]+)</strong>', body.decode(), re.S)[1]


def test_a_new_flag_reaches_visitors_behind_nginx_within_the_venue_cache_time(front):  # noqa: F811
    visitor = Browser(front, source="127.0.0.1")
    first = visitor.request(VENUE)
    assert first.status == 200
    assert first.headers["Cache-Control"] == f"public, max-age={VENUE_SECONDS}"
    assert flag_line(first.body).startswith("Red-and-yellow flags since ")  # the demo's report
    assert visitor.request(VENUE).headers["X-Cache-Status"] == "HIT"

    lifeguard = signed_in_lifeguard(front)
    form = lifeguard.request("/en/operator/porthaven-sands/")
    assert form.status == 200
    assert "private" in form.headers["Cache-Control"]
    assert form.headers.get("X-Cache-Status") != "HIT"
    saved = post(lifeguard, "/en/operator/porthaven-sands/", {"flag": "red"})
    changed_at = time.monotonic()
    assert saved.status == 302
    assert saved.headers["Location"] == "/en/operator/"

    # Until the cache lets go, visitors may still get the old page; then the new one, for all.
    deadline = changed_at + VENUE_SECONDS + 5
    seen = flag_line(visitor.request(VENUE).body)
    while not seen.startswith("Red flag since ") and time.monotonic() < deadline:
        time.sleep(0.25)
        seen = flag_line(visitor.request(VENUE).body)
    waited = time.monotonic() - changed_at
    assert seen.startswith("Red flag since "), seen
    assert waited <= VENUE_SECONDS + 5
    again = visitor.request(VENUE)
    assert flag_line(again.body) == seen
    assert "Danger. Do not go in." in again.body.decode()
    # The operator's own pages were never stored for anyone else.
    stranger = Browser(front, source="127.0.0.1")
    assert stranger.request("/en/operator/porthaven-sands/").status == 302
