"""Shared fixtures: an HTTPS test client (production settings redirect plain http), and staff
signing in as people do (password and second factor)."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import AsyncClient, Client

from guide import page_cache


class HttpsClient(Client):
    """Tests run with the production defaults (DEBUG off, HTTPS on): requests are https."""

    def generic(self, *args, **kwargs):
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


class HttpsAsyncClient(AsyncClient):
    """The same requests through Django's ASGI handler (cramps_site/asgi.py serves it)."""

    def generic(self, *args, **kwargs):
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def pytest_collection_modifyitems(items):
    # The PostgreSQL pass (`-m django_db`) runs the tests that touch the database, whether they
    # say so with the mark or through a fixture that asks for it (sitemap_paths, demo_venues).
    for item in items:
        if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.django_db)


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
def venue_form():
    """A venue as an operator fills in the admin's form: published, numbers typed with spaces."""
    return {
        "name": "Test Pool",
        "slug": "test-pool",
        "kind": "pool",
        "language": "en",
        "address": "",
        "country": "GB",
        "emergency_number": "112",
        "lifeguard_phone": "+44 1632 960 123",
        "lifeguards": "Poolside chair",
        "lifeguard_hours": "7:00 to 20:00",
        "first_aid_point": "Reception",
        "defibrillator": "Reception wall",
        "published": "on",
    }


@pytest.fixture
def venue(db, venue_form):
    """The same venue, saved and published as the admin stores it."""
    from guide.models import Venue

    data = {k: v for k, v in venue_form.items() if k != "published"}
    data["lifeguard_phone"] = "+441632960123"
    return Venue.objects.create(**data, published=True)


@pytest.fixture
def async_client():
    return HttpsAsyncClient()


@pytest.fixture
def demo_venues(db):
    """The demo venues of `make run` (guide/fixtures/demo_venues.json), one per language."""
    call_command("loaddata", "demo_venues", verbosity=0)


@pytest.fixture
def sitemap_paths(db, client):
    """Every path /sitemap.xml lists, without scheme and host (venues come from the database)."""
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
