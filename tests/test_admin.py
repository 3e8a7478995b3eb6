"""The admin as operators use it: typed phone numbers, fixed addresses, and signing in with a
password and a second factor, throttled by address and by user name."""

import io
import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from staff import HttpsClient, one_time_code, sign_in

from cramps_site.admin_login import KNOWN_BROWSER_COOKIE
from guide.models import Venue

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-operator-password-7"


@pytest.fixture
def operator():
    return User.objects.create_superuser("operator", "op@example.com", PASSWORD)


@pytest.fixture
def staff(client, operator):
    return sign_in(client, operator, PASSWORD)


def test_phone_numbers_typed_with_spaces_brackets_and_dashes_are_accepted(staff, venue_form):
    response = staff.post(
        "/admin/guide/venue/add/",
        {
            **venue_form,
            "emergency_number": "+1 (555) 123-4567",
            "lifeguard_phone": "+44 (0)20 7946-0958",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    venue = Venue.objects.get(slug="test-pool")
    assert venue.emergency_number == "+15551234567"
    assert venue.lifeguard_phone == "+440207946" + "0958"


def test_a_number_with_too_many_digits_is_refused_whatever_its_separators(staff, venue_form):
    response = staff.post(
        "/admin/guide/venue/add/", {**venue_form, "emergency_number": "+1 (555) 123-4567-8901-23"}
    )
    assert response.status_code == 200
    assert "short emergency number" in response.content.decode()
    assert not Venue.objects.exists()


def test_a_published_venues_address_cannot_be_changed(staff, venue_form):
    venue = Venue.objects.create(**unpublished(venue_form), published=True)
    page = staff.get(f"/admin/guide/venue/{venue.pk}/change/").content.decode()
    assert 'name="slug"' not in page
    assert "test-pool" in page  # shown, read-only
    response = staff.post(
        f"/admin/guide/venue/{venue.pk}/change/",
        {**venue_form, "slug": "renamed", "published": "on", "lifeguards": "Tower"},
    )
    assert response.status_code == 302
    venue.refresh_from_db()
    assert (venue.slug, venue.lifeguards) == ("test-pool", "Tower")


def test_an_unpublished_venues_address_can_still_be_corrected(staff, venue_form):
    venue = Venue.objects.create(**unpublished(venue_form), published=False)
    assert 'name="slug"' in staff.get(f"/admin/guide/venue/{venue.pk}/change/").content.decode()
    staff.post(f"/admin/guide/venue/{venue.pk}/change/", {**venue_form, "slug": "test-pool-2"})
    venue.refresh_from_db()
    assert venue.slug == "test-pool-2"


def unpublished(form):
    """The form's fields as the model takes them (no "published" tick box)."""
    return {k: v for k, v in form.items() if k != "published"}


def log_in(client, password, code="", address="127.0.0.1", **headers):
    """One sign-in as the admin's form sends it, from `address` (the direct peer)."""
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "operator", "password": password, "otp_token": code},
        REMOTE_ADDR=address,
        headers=headers,
    )


def app_code(device):
    """What the authenticator app shows now."""
    return str(totp(device.bin_key, device.step, device.t0, device.digits)).zfill(device.digits)


def command_output(*arguments):
    output = io.StringIO()
    call_command(*arguments, stdout=output)
    return output.getvalue().strip()


# The second factor


def test_every_admin_page_shows_the_apps_icon_in_the_browser_tab(client, operator, venue):
    # As the app's pages do: the admin is a tab among them, and staff find it by its icon.
    icon = '<link rel="icon" href="data:image/svg+xml,'
    assert icon in client.get("/admin/login/").content.decode()
    sign_in(client, operator, PASSWORD)
    for path in (
        "/admin/",
        "/admin/guide/venue/",
        f"/admin/guide/venue/{venue.pk}/change/",
        "/admin/guide/venue/import/",
        "/admin/second-factor/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.content.decode().count(icon) == 1, path


def test_the_password_alone_does_not_sign_in(client, operator):
    response = log_in(client, PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert 'name="otp_token"' in response.content.decode()  # the second step's field, here


def test_a_code_from_addstatictoken_completes_the_sign_in_once(client, operator):
    code = command_output("addstatictoken", "operator")
    assert log_in(client, PASSWORD, code).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    assert log_in(client, PASSWORD, code).status_code == 200  # used up


def test_a_wrong_code_reads_like_a_wrong_password_and_counts_as_a_failure(client, operator):
    one_time_code("operator")
    wrong_password = log_in(client, "wrong-password", "12345678").content.decode()
    wrong_code = log_in(client, PASSWORD, "abcdefgh").content.decode()
    message = "Please enter the correct username, password and code of a staff account"
    assert message in wrong_password
    assert message in wrong_code  # a guesser never learns that the password was right
    assert AccessAttempt.objects.get(username="operator").failures_since_start == 2


def test_a_session_without_the_second_factor_does_not_reach_the_admin(client, operator):
    # The test client's login() (or a shell's) opens a session with the password alone.
    assert client.login(username="operator", password=PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_set_up_an_authenticator_app_and_get_recovery_codes(client, operator, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no second's wait after the wrong code below
    response = log_in(client, PASSWORD, one_time_code("operator"))
    assert response["Location"] == "/admin/second-factor/"  # no app yet: set it up first
    page = client.get("/admin/second-factor/").content.decode()
    assert "<svg" in page  # the QR code, drawn in the page
    pending = TOTPDevice.objects.get(user=operator, confirmed=False)
    wrong = client.post("/admin/second-factor/", {"action": "confirm", "otp_token": "000000"})
    assert "did not match" in wrong.content.decode()
    done = client.post(
        "/admin/second-factor/", {"action": "confirm", "otp_token": app_code(pending)}
    )
    codes = done.context["codes"]
    assert len(codes) == 10
    assert all(code in done.content.decode() for code in codes)
    client.logout()
    # A recovery code signs in once; then the app's codes are needed.
    assert log_in(client, PASSWORD, codes[0])["Location"] == "/admin/"
    client.logout()
    assert log_in(client, PASSWORD, codes[0]).status_code == 200


def test_the_authenticator_apps_code_signs_in(client, operator):
    device = TOTPDevice.objects.create(user=operator, name="Authenticator app")
    assert log_in(client, PASSWORD, app_code(device))["Location"] == "/admin/"
    assert client.get("/admin/guide/venue/").status_code == 200


def test_resetting_the_second_factor_ends_sessions_and_prints_a_new_code(client, operator):
    TOTPDevice.objects.create(user=operator, name="Authenticator app")
    sign_in(client, operator, PASSWORD)
    assert client.get("/admin/").status_code == 200
    code = command_output("reset_second_factor", "operator")
    assert not TOTPDevice.objects.filter(user=operator).exists()
    assert client.get("/admin/").status_code == 302  # the session's device is gone
    client.logout()
    assert log_in(client, PASSWORD, code)["Location"] == "/admin/second-factor/"


def test_passwords_are_twelve_characters_or_more_and_sessions_last_a_shift(client, operator):
    with pytest.raises(ValidationError):
        validate_password("Tr0ub4dor&3")  # eleven characters
    validate_password("Tr0ub4dor&3x")
    sign_in(client, operator, PASSWORD)
    assert client.cookies["sessionid"]["max-age"] == 8 * 60 * 60


# Throttling: by user name and address


def test_five_failures_from_one_address_lock_that_pair_out(client, operator):
    code = one_time_code("operator")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong-password").status_code == 200  # the form, with its error
    assert log_in(client, "wrong-password").status_code == 429  # the fifth locks the pair out
    locked = log_in(client, PASSWORD, code)  # even the right password and code, for now
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_clears_the_pairs_failures(client, operator):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong-password")
    assert log_in(client, PASSWORD, one_time_code("operator")).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong-password")
    assert log_in(client, PASSWORD, one_time_code("operator")).status_code == 302


def test_ipv6_addresses_count_by_their_slash_64(client, operator, settings):
    settings.SIGN_IN_NAME_FAILURE_LIMIT = 100  # the pair's limit alone
    for host in range(1, settings.AXES_FAILURE_LIMIT + 1):
        log_in(client, "wrong-password", address=f"2001:db8:1:2::{host}")
    assert log_in(client, "wrong-password", address="2001:db8:1:2:ffff::9").status_code == 429
    attempt = AccessAttempt.objects.get()
    assert (attempt.ip_address, attempt.failures_since_start) == ("2001:db8:1:2::", 6)
    other = log_in(client, PASSWORD, one_time_code("operator"), address="2001:db8:1:3::1")
    assert other.status_code == 302  # the next /64 is someone else


# Throttling: by user name, from every address together


def test_a_guesser_with_many_addresses_gets_a_handful_of_tries_an_hour(client, operator):
    code = one_time_code("operator")
    answers = [
        log_in(client, "wrong-password", address=f"198.51.100.{n}").status_code
        for n in range(1, 21)
    ]
    limit = settings.SIGN_IN_NAME_FAILURE_LIMIT
    assert answers == [200] * limit + [429] * (20 - limit)
    # From yet another address even the right password and code are refused: the password
    # is not even tried, so the guesser learns nothing from it.
    assert log_in(client, PASSWORD, code, address="198.51.100.200").status_code == 429
    assert AccessAttempt.objects.filter(ip_address="198.51.100.1").get().failures_since_start == 1


def test_a_strangers_failures_do_not_stop_the_operator_at_their_own_address(client, operator):
    sign_in(client, operator, PASSWORD, REMOTE_ADDR="203.0.113.9")  # their usual place
    client.logout()
    client.cookies.clear()  # not even their browser's cookie: the address alone
    for n in range(1, 21):
        log_in(client, "wrong-password", address=f"198.51.100.{n}")
    operator_again = log_in(client, PASSWORD, one_time_code("operator"), address="203.0.113.9")
    assert operator_again.status_code == 302


def test_the_operators_own_browser_signs_in_from_a_new_address_despite_a_guesser(client, operator):
    sign_in(client, operator, PASSWORD, REMOTE_ADDR="203.0.113.9")
    known_browser = client.cookies[KNOWN_BROWSER_COOKIE].value
    client.logout()
    client.cookies[KNOWN_BROWSER_COOKIE] = known_browser  # signing out leaves it in the browser
    guesser = HttpsClient()
    for n in range(1, 21):
        log_in(guesser, "wrong-password", address=f"198.51.100.{n}")
    on_the_beach = log_in(client, PASSWORD, one_time_code("operator"), address="192.0.2.44")
    assert on_the_beach.status_code == 302
    stranger = log_in(guesser, PASSWORD, one_time_code("operator"), address="192.0.2.45")
    assert stranger.status_code == 429


def test_unlock_sign_in_lets_the_name_in_again(client, operator):
    for n in range(1, 11):
        log_in(client, "wrong-password", address=f"198.51.100.{n}")
    assert log_in(client, PASSWORD, one_time_code("operator")).status_code == 429
    # Ten guesses and the refused right password: eleven.
    assert "Forgot 11 failed sign-ins" in command_output("unlock_sign_in", "operator")
    assert log_in(client, PASSWORD, one_time_code("operator")).status_code == 302


def test_the_admin_path_is_a_setting():
    script = (
        "import django; django.setup(); from django.test import Client; c = Client(); "
        "print('RESULT', c.get('/backstage/login/').status_code, "
        "c.get('/admin/login/').status_code, c.get('/backstage/login/')['Cache-Control'])"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "cramps_site.settings",
            "DJANGO_ADMIN_PATH": "backstage",
            "DJANGO_HTTPS": "0",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_DATABASE_PATH": ":memory:",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT"))
    _, login, old_login, cache_control = line.split(" ", 3)
    assert (login, old_login) == ("200", "404")
    assert "private" in cache_control


PUBLIC_ANSWERS_SCRIPT = """
import json, re, django
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
call_command("load_demo_venues", verbosity=0)  # venue pages and posters too
client = Client()
worker = client.get("/serviceworker.js", secure=True).content.decode()
config = json.loads(re.match(r"const CONFIG = (\\{.*\\});\\n", worker)[1])
paths = {"/", "/serviceworker.js", "/numbers.json", "/manifest.json", "/offline/", "/robots.txt",
         "/sitemap.xml", "/en/no-such-page/"}
paths.update(url for urls in config["pages"].values() for url in urls)
sitemap = client.get("/sitemap.xml", secure=True).content.decode()
locations = re.findall(r"<loc>(.*?)</loc>", sitemap)
paths.update(re.sub(r"^https?://[^/]+", "", location) for location in locations)
found = []
for path in sorted(paths):
    response = client.get(path, secure=True)
    text = response.content.decode() + json.dumps(dict(response.headers))
    if "backstage-7f3k" in text:
        found.append(path)
print("CHECKED", len(paths), "FOUND", json.dumps(found))
"""


def test_the_admin_path_is_in_no_public_answer_not_even_the_worker():
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", PUBLIC_ANSWERS_SCRIPT],
        cwd=settings.BASE_DIR,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "cramps_site.settings",
            "DJANGO_ADMIN_PATH": "backstage-7f3k",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_HTTPS": "0",  # no production key needed for this
            "DJANGO_DATABASE_PATH": ":memory:",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("CHECKED"))
    _, checked, _, found = line.split(" ", 3)
    assert int(checked) > 90  # every page of every language, venues, the worker, the tables
    assert found == "[]"
