"""Venues: validation in the admin, who may see them, their posters and the sitemap."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from guide.models import Venue

pytestmark = pytest.mark.django_db

VALID = {
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
def staff(client):
    user = User.objects.create_superuser("operator", "op@example.com", "a-long-password-1")
    client.force_login(user)
    return client


@pytest.fixture
def venue():
    data = {k: v for k, v in VALID.items() if k != "published"}
    data["lifeguard_phone"] = "+441632960123"
    return Venue.objects.create(**data, published=True)


def test_an_operator_creates_a_venue_and_numbers_are_stored_as_digits(staff):
    response = staff.post("/admin/guide/venue/add/", VALID)
    assert response.status_code == 302
    venue = Venue.objects.get(slug="test-pool")
    assert venue.lifeguard_phone == "+441632960123"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("lifeguard_phone", "01632 960123", "international format"),
        ("lifeguard_phone", "+0 123", "international format"),
        ("emergency_number", "call us", "short emergency number"),
        ("emergency_number", "1", "short emergency number"),
        ("slug", "has spaces", "slug"),
        ("slug", "saved", "reserved"),
        ("name", "", "required"),
        ("first_aid_point", "", "required"),
    ],
)
def test_bad_input_gets_a_clear_form_error(staff, field, value, message):
    response = staff.post("/admin/guide/venue/add/", {**VALID, field: value})
    assert response.status_code == 200
    assert message in response.content.decode().lower()
    assert not Venue.objects.exists()


def test_a_duplicate_slug_is_refused(staff, venue):
    response = staff.post("/admin/guide/venue/add/", {**VALID, "name": "Another"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Venue.objects.count() == 1


def test_a_bad_edit_loses_nothing_already_saved(staff, venue):
    response = staff.post(
        f"/admin/guide/venue/{venue.pk}/change/", {**VALID, "emergency_number": "nope"}
    )
    assert response.status_code == 200
    venue.refresh_from_db()
    assert venue.emergency_number == "112"
    assert venue.lifeguards == "Poolside chair"


def test_an_unpublished_venue_is_not_found_by_the_public(client, venue):
    venue.published = False
    venue.save()
    assert client.get("/en/venues/test-pool/").status_code == 404
    assert client.get("/en/venues/test-pool/poster/").status_code == 404


def test_staff_can_preview_an_unpublished_venue(staff, venue):
    venue.published = False
    venue.save()
    response = staff.get("/en/venues/test-pool/")
    assert response.status_code == 200
    # The draft depends on who is looking: no shared cache or CDN may hold it.
    assert response["Cache-Control"] == "private, no-cache"
    assert "public" not in response["Cache-Control"]


def test_a_published_venue_page_shows_its_safety_facts_and_dials_its_countrys_number(client, venue):
    response = client.get("/en/venues/test-pool/")
    body = response.content.decode()
    assert response.status_code == 200
    for text in ["Poolside chair", "7:00 to 20:00", "Reception wall", 'href="tel:999"']:
        assert text in body
    # Its lifeguards' phone is the second button, named; the main ones dial the country's.
    assert ">Lifeguards at Test Pool: +441632960123</a>" in body
    assert 'href="tel:999" data-call' in body
    assert 'href="tel:+441632960123" data-call' not in body
    assert "public" in response["Cache-Control"]


def test_the_poster_carries_the_venue_url_and_the_in_water_steps(client, venue, settings):
    settings.PUBLIC_BASE_URL = "https://cramp-aid.example"
    body = client.get("/en/venues/test-pool/poster/").content.decode()
    assert "https://cramp-aid.example/en/venues/test-pool/" in body
    assert '<svg role="img" aria-labelledby="qr-label"' in body
    for step in ["Grab something", "float on your back", "Raise one arm and shout"]:
        assert step in body
    assert "<strong>999</strong>" in body  # the country's number, the biggest on the poster
    assert "Lifeguards at Test Pool: +441632960123" in body


def test_published_venues_are_in_the_sitemap(client, venue):
    body = client.get("/sitemap.xml").content.decode()
    assert "/en/venues/test-pool/</loc>" in body


def test_demo_venues_load_once_into_an_empty_database():
    call_command("load_demo_venues")
    count = Venue.objects.count()
    assert count >= 3
    assert Venue.objects.filter(published=False).exists()
    call_command("load_demo_venues")
    assert Venue.objects.count() == count
