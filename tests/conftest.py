"""Shared fixtures: an HTTPS test client (production settings redirect plain http), and staff
signing in as people do (password and second factor)."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from guide import page_cache


class HttpsClient(Client):
    """Tests run with the production defaults (DEBUG off, HTTPS on): requests are https."""

    def generic(self, *args, **kwargs):
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test renders its own pages: one test's settings or data never leak into the next."""
    page_cache.clear()
    yield
    page_cache.clear()


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    """Django's hasher costs about a second a password on these machines, by design; the sign-in
    tests try dozens. What they test (who may try, how often) does not depend on the hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client():
    return HttpsClient()


@pytest.fixture
def sitemap_paths(client):
    """Every path /sitemap.xml lists, without scheme and host."""
    body = client.get("/sitemap.xml").content.decode()
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>(.*?)</loc>", body)]


def one_time_code(username):
    """What `manage.py addstatictoken USERNAME` prints: a code that completes the second step."""
    output = io.StringIO()
    call_command("addstatictoken", username, stdout=output)
    return output.getvalue().strip()


def sign_in(client, user, password, **request):
    """Signs staff in through the admin's own form: user name, password and a one-time code.

    `client.login()` or `force_login()` would open a session without the second factor, which
    the admin treats as signed out.
    """
    response = client.post(
        f"/{settings.ADMIN_PATH}login/",
        {
            "username": user.get_username(),
            "password": password,
            "otp_token": one_time_code(user.get_username()),
        },
        **request,
    )
    assert response.status_code == 302, response.content.decode()[-1500:]
    return client


OPERATOR_PASSWORD = "a-long-operator-password-1"


def make_venue(slug, organisation=None, **fields):
    """A published venue (a beach in Spain unless told), as an operator would publish it."""
    from guide.models import Venue

    values = {
        "name": slug.replace("-", " ").title(),
        "kind": "beach",
        "language": "es",
        "country": "ES",
        "time_zone": "Europe/Madrid",
        "emergency_number": "112",
        "lifeguards": "Torre roja",
        "lifeguard_hours": "11:00 a 19:00",
        "first_aid_point": "Junto a la rampa",
        "defibrillator": "En el puesto de socorro",
        "published": True,
        **fields,
    }
    return Venue.objects.create(slug=slug, organisation=organisation, **values)


@pytest.fixture
def two_organisations(db):
    """Two organisations with a venue each, and an operator for each (not signed in)."""
    from guide.organisations import add_operator

    sea, sea_org, _created = add_operator(
        "sea-lifeguard", "Costa Azul Socorrismo", OPERATOR_PASSWORD
    )
    pools, pools_org, _created = add_operator("pool-manager", "City Pools", OPERATOR_PASSWORD)
    return {
        "sea": sea_org,
        "pools": pools_org,
        "sea_operator": sea,
        "pools_operator": pools,
        "beach": make_venue("playa-azul", sea_org, name="Playa Azul"),
        "pool": make_venue(
            "city-lido",
            pools_org,
            name="City Lido",
            kind="pool",
            language="en",
            country="GB",
            time_zone="",
            emergency_number="999",
        ),
    }


def operator_client(user):
    """A client signed in as this operator, password and second factor, as a browser does."""
    return sign_in(HttpsClient(), user, OPERATOR_PASSWORD)
