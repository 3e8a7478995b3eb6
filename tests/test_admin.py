"""The admin as operators use it: typed phone numbers, fixed addresses, throttled logins."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from guide.models import Venue

pytestmark = pytest.mark.django_db

VENUE = {
    "name": "Test Pool",
    "slug": "test-pool",
    "kind": "pool",
    "language": "en",
    "address": "",
    "country": "GB",
    "emergency_number": "112",
    "lifeguard_phone": "",
    "lifeguards": "Poolside chair",
    "lifeguard_hours": "7:00 to 20:00",
    "first_aid_point": "Reception",
    "defibrillator": "Reception wall",
}
PASSWORD = "a-long-operator-password-7"


@pytest.fixture
def operator():
    return User.objects.create_superuser("operator", "op@example.com", PASSWORD)


@pytest.fixture
def staff(client, operator):
    client.force_login(operator)
    return client


def test_phone_numbers_typed_with_spaces_brackets_and_dashes_are_accepted(staff):
    response = staff.post(
        "/admin/guide/venue/add/",
        {
            **VENUE,
            "emergency_number": "+1 (555) 123-4567",
            "lifeguard_phone": "+44 (0)20 7946-0958",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    venue = Venue.objects.get(slug="test-pool")
    assert venue.emergency_number == "+15551234567"
    assert venue.lifeguard_phone == "+440207946" + "0958"


def test_a_number_with_too_many_digits_is_refused_whatever_its_separators(staff):
    response = staff.post(
        "/admin/guide/venue/add/", {**VENUE, "emergency_number": "+1 (555) 123-4567-8901-23"}
    )
    assert response.status_code == 200
    assert "short emergency number" in response.content.decode()
    assert not Venue.objects.exists()


def test_a_published_venues_address_cannot_be_changed(staff):
    venue = Venue.objects.create(**{**VENUE, "emergency_number": "112"}, published=True)
    page = staff.get(f"/admin/guide/venue/{venue.pk}/change/").content.decode()
    assert 'name="slug"' not in page
    assert "test-pool" in page  # shown, read-only
    response = staff.post(
        f"/admin/guide/venue/{venue.pk}/change/",
        {**VENUE, "slug": "renamed", "published": "on", "lifeguards": "Tower"},
    )
    assert response.status_code == 302
    venue.refresh_from_db()
    assert (venue.slug, venue.lifeguards) == ("test-pool", "Tower")


def test_an_unpublished_venues_address_can_still_be_corrected(staff):
    venue = Venue.objects.create(**VENUE, published=False)
    assert 'name="slug"' in staff.get(f"/admin/guide/venue/{venue.pk}/change/").content.decode()
    staff.post(f"/admin/guide/venue/{venue.pk}/change/", {**VENUE, "slug": "test-pool-2"})
    venue.refresh_from_db()
    assert venue.slug == "test-pool-2"


def log_in(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "operator", "password": password})


def test_login_attempts_are_throttled_after_five_failures(client, operator):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong-password").status_code == 200  # the form, with its error
    assert log_in(client, "wrong-password").status_code == 429  # the fifth locks the pair out
    locked = log_in(client, PASSWORD)  # even the right password, for now
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_successful_login_clears_earlier_failures(client, operator):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong-password")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong-password")
    assert log_in(client, PASSWORD).status_code == 302


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


def test_the_worker_leaves_the_admin_to_the_network_wherever_it_lives(client):
    import json
    import re

    worker = client.get("/serviceworker.js").content.decode()
    config = json.loads(re.match(r"const CONFIG = (\{.*\});\n", worker)[1])
    assert config["adminPath"] == f"/{settings.ADMIN_PATH}"
    assert "pathname.startsWith(CONFIG.adminPath)" in worker


def test_the_test_clients_login_still_works(client, operator):
    assert client.login(username="operator", password=PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_behind_the_proxy_failures_count_by_the_address_nginx_saw(client, operator, settings):
    settings.BEHIND_PROXY = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": "operator", "password": "wrong"},
            headers={"x-forwarded-for": "203.0.113.9"},
        )
    elsewhere = client.post(
        "/admin/login/?next=/admin/",
        {"username": "operator", "password": PASSWORD},
        headers={"x-forwarded-for": "198.51.100.4"},
    )
    assert elsewhere.status_code == 302  # the operator, from another address, gets in
