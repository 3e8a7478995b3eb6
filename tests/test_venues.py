"""Venues: validation in the admin, who may see them, their posters and the sitemap."""

import html
import json
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from staff import sign_in

from guide.models import Venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = User.objects.create_superuser("operator", "op@example.com", "a-long-password-1")
    return sign_in(client, user, "a-long-password-1")


def test_an_operator_creates_a_venue_and_numbers_are_stored_as_digits(staff, venue_form):
    response = staff.post("/admin/guide/venue/add/", venue_form)
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
def test_bad_input_gets_a_clear_form_error(staff, venue_form, field, value, message):
    response = staff.post("/admin/guide/venue/add/", {**venue_form, field: value})
    assert response.status_code == 200
    assert message in response.content.decode().lower()
    assert not Venue.objects.exists()


def test_a_duplicate_slug_is_refused(staff, venue, venue_form):
    response = staff.post("/admin/guide/venue/add/", {**venue_form, "name": "Another"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Venue.objects.count() == 1


def test_a_bad_edit_loses_nothing_already_saved(staff, venue, venue_form):
    response = staff.post(
        f"/admin/guide/venue/{venue.pk}/change/", {**venue_form, "emergency_number": "nope"}
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


def test_shared_caches_hold_venue_pages_a_minute_and_emergency_screens_longer(client, venue):
    # An unpublished or corrected venue leaves nginx's cache and any CDN within a minute
    # (tests/test_deploy.py watches it happen through the shipped nginx site).
    for path in ("/en/venues/test-pool/", "/en/venues/test-pool/poster/"):
        assert client.get(path)["Cache-Control"] == "public, max-age=60"
        assert client.get(path)["Cache-Control"] == "public, max-age=60"  # kept, same headers
    assert client.get("/en/now/")["Cache-Control"] == "public, max-age=600"


def test_the_poster_carries_the_venue_url_and_the_in_water_steps(client, venue, settings):
    settings.PUBLIC_BASE_URL = "https://cramp-aid.example"
    body = client.get("/en/venues/test-pool/poster/").content.decode()
    assert "https://cramp-aid.example/en/venues/test-pool/" in body
    assert '<svg role="img" aria-labelledby="qr-label"' in body
    for step in ["grab something", "float on your back", "Raise one arm and shout"]:
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


def test_the_venue_page_names_the_number_the_call_buttons_will_dial(client, venue):
    # "This venue's number" read as the lifeguards' own phone (clinical review, December 2026):
    # the buttons name the country's number, and the venue's own line is named as what it is.
    body = client.get("/en/venues/test-pool/").content.decode()
    assert ">Call 999</a>" in body
    assert (
        "the emergency screens also offer “Lifeguards at Test Pool: +441632960123”, beside the "
        "country's number."
    ) in body
    assert "this venue's number" not in body


@pytest.mark.parametrize(
    ("slug", "word", "not_word"),
    [
        ("alberca-del-sol", "Primeros auxilios", "Puesto de socorro"),
        ("playa-del-faro", "Puesto de socorro", "Primeros auxilios"),
    ],
)
def test_a_spanish_venue_names_its_first_aid_point_as_its_country_does(
    client, slug, word, not_word
):
    call_command("load_demo_venues")
    for path in (f"/es/venues/{slug}/", f"/es/venues/{slug}/poster/"):
        body = client.get(path).content.decode()
        assert word in body
        assert not_word not in body


def test_the_venue_page_puts_its_defibrillator_in_the_cpr_step_and_on_the_phone(client, venue):
    body = client.get("/en/venues/test-pool/").content.decode()
    cpr = body[body.index('class="venue-cpr"') :]
    cpr = cpr[: cpr.index("</p>")]
    assert "start CPR" in cpr
    # The number the call buttons dial, which follows the phone's country like them.
    assert 'Call <span data-number-text="%(number)s">999</span> on speaker, start CPR' in cpr
    assert "the defibrillator. Where it is: Reception wall" in cpr
    # venue.js leaves it on the phone for the rescue screen's defibrillator step (timer.js).
    kept = json.loads(html.unescape(re.search(r'data-venue="([^"]+)"', body)[1]))
    assert kept["defibrillator"] == "Reception wall"
    rescue = client.get("/en/now/help-someone/").content.decode()
    assert "data-venue-aed" in rescue
    assert 'data-template="The defibrillator at %(venue)s: %(place)s"' in rescue
