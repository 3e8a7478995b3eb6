"""Staff sign in as people do, in Chromium: user name, password and a code, then they set up
their authenticator app by scanning the code on the screen."""

import io
from base64 import b32decode
from urllib.parse import parse_qs, urlparse

import zxingcpp
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from PIL import Image

PASSWORD = "a-long-operator-password-7"


def app_code(otpauth):
    """What an authenticator app shows for the otpauth:// address it scanned."""
    secret = parse_qs(urlparse(otpauth).query)["secret"][0]
    return str(totp(b32decode(secret + "=" * (-len(secret) % 8)))).zfill(6)


def test_staff_sign_in_with_a_one_time_code_and_set_up_their_app(phone, server):
    server.manage(
        "createsuperuser", "--noinput", "--username=operator", "--email=op@example.com",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )  # fmt: skip
    page = phone.new_page()
    axe = Axe()
    page.goto(f"{server.url}/admin/login/")
    results = axe.run(page, context="#content-main")
    assert not results.violations_count, results.generate_report()
    page.get_by_label("Username").fill("operator")
    page.get_by_label("Password").fill(PASSWORD)
    # As a script signs in: the code `manage.py addstatictoken` prints, in the `otp_token` field.
    page.get_by_role("textbox", name="Code").fill(server.manage("addstatictoken", "operator"))
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/second-factor/")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        # The code scans in either theme, as an app's camera sees the screen.
        picture = page.get_by_role("img", name="Scan this code").screenshot()
        [scanned] = zxingcpp.read_barcodes(Image.open(io.BytesIO(picture)))
        assert scanned.text.startswith("otpauth://totp/Cramp%20Aid%3Aoperator?")
        results = axe.run(page, context="#content-main")
        assert not results.violations_count, results.generate_report()
    page.get_by_label("The six-digit code the app shows").fill(app_code(scanned.text))
    page.get_by_role("button", name="Confirm").click()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    # Signed out, the app's code (or a recovery code) is the second step from now on.
    page.get_by_role("button", name="Log out").click()
    page.goto(f"{server.url}/admin/login/")
    page.get_by_label("Username").fill("operator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("textbox", name="Code").fill(codes[0])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    assert page.get_by_role("link", name="Second factor").is_visible()
