"""Shared fixtures: an HTTPS test client (production settings redirect plain http), a venue, the
demonstration venues, two organisations; the clients and signing in live in staff.py, the
organisations' venues and operators in organisations.py."""

import re

import organisations
import pytest
from django.core.management import call_command
from staff import HttpsAsyncClient, HttpsClient

from cramps_site import page_cache

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


@pytest.fixture
def two_organisations(db):
    """Two organisations with a venue each, and an operator for each (not signed in)."""
    return organisations.two_organisations()
