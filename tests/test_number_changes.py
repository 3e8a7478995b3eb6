"""Every change of a venue's country or phone numbers is kept with who made it and when,
whichever way it reaches the database, and shown in the admin on the venue."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone
from staff import sign_in

from guide import models
from guide.models import Venue, VenueNumberChange
from guide.organisations import add_operator

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Harbour Pool",
    "slug": "harbour-pool",
    "kind": "pool",
    "language": "en",
    "address": "",
    "country": "GB",
    "emergency_number": "",
    "lifeguard_phone": "+441632960123",
    "lifeguards": "Poolside chair",
    "lifeguard_hours": "7:00 to 20:00",
    "first_aid_point": "Reception",
    "defibrillator": "Reception wall",
    "published": "on",
}


def venue(**fields):
    data = {k: v for k, v in FORM.items() if k != "published"}
    return Venue.objects.create(**{**data, "published": True, **fields})


def changes(**filters):
    return [
        (change.field, change.old, change.new, change.changed_by_name)
        for change in VenueNumberChange.objects.filter(**filters).order_by("pk")
    ]


@pytest.fixture
def operator(client):
    """An operator's account: it may only see and change its organisation's venues."""
    user, _organisation, _created = add_operator(
        "lido-operator", "Harbour Leisure", "a-long-password-1"
    )
    sign_in(client, user, "a-long-password-1")
    return user


def test_a_change_in_the_admin_is_kept_with_who_and_when_and_shown_on_the_venue(client, operator):
    before = timezone.now()
    response = client.post("/admin/guide/venue/add/", FORM)
    assert response.status_code == 302
    pool = Venue.objects.get()
    response = client.post(
        f"/admin/guide/venue/{pool.pk}/change/",
        {**FORM, "emergency_number": "+1 (555) 0100", "lifeguard_phone": "+441632960999"},
    )
    assert response.status_code == 302
    assert changes(venue=pool) == [
        ("country", "", "GB", "lido-operator"),
        ("lifeguard_phone", "", "+441632960123", "lido-operator"),
        ("emergency_number", "", "+15550100", "lido-operator"),
        ("lifeguard_phone", "+441632960123", "+441632960999", "lido-operator"),
    ]
    for change in VenueNumberChange.objects.all():
        assert before <= change.changed_at <= timezone.now()
        assert change.changed_by == operator
    page = client.get(f"/admin/guide/venue/{pool.pk}/change/").content.decode()
    history = page[page.index("Changes of its numbers") :]
    assert history.count("lido-operator") == 4
    assert "+15550100" in history
    assert "+441632960123" in history
    assert "+441632960999" in history


def test_an_edit_that_leaves_the_numbers_alone_records_nothing(client, operator):
    pool = venue(organisation=operator.operator.organisation)
    VenueNumberChange.objects.all().delete()
    response = client.post(
        f"/admin/guide/venue/{pool.pk}/change/", {**FORM, "lifeguards": "On the tower"}
    )
    assert response.status_code == 302
    assert changes() == []
    page = client.get(f"/admin/guide/venue/{pool.pk}/change/").content.decode()
    assert "No change recorded yet." in page


def test_a_save_from_a_command_or_the_shell_is_kept_without_a_person(client):
    pool = venue()
    pool.emergency_number = "0555"
    pool.save()
    assert changes(venue=pool)[-1] == ("emergency_number", "", "0555", "")
    assert VenueNumberChange.objects.last().changed_by is None
    admin = User.objects.create_superuser("admin", "a@example.com", "a-long-pass-1")
    sign_in(client, admin, "a-long-pass-1")
    page = client.get(f"/admin/guide/venue/{pool.pk}/change/").content.decode()
    assert "nobody signed in (a command, the shell or a fixture)" in page


def test_bulk_updates_are_kept_row_by_row(operator):
    first, second = venue(), venue(slug="lake", name="Lake", country="ES")
    VenueNumberChange.objects.all().delete()
    Venue.objects.filter(pk__in=[first.pk, second.pk]).update(
        emergency_number="+15550100", changed_by=operator
    )
    assert changes(venue=first) == [("emergency_number", "", "+15550100", "lido-operator")]
    assert changes(venue=second) == [("emergency_number", "", "+15550100", "lido-operator")]
    second.lifeguard_phone = "+34600000999"
    Venue.objects.bulk_update([second], ["lifeguard_phone"])
    assert changes(venue=second)[-1] == ("lifeguard_phone", "+441632960123", "+34600000999", "")
    Venue.objects.update(name="Renamed")  # no number among the fields: nothing to keep
    assert VenueNumberChange.objects.count() == 3


def test_venues_loaded_from_fixtures_are_kept_too():
    call_command("load_demo_venues", verbosity=0)
    lido = Venue.objects.get(slug="harbour-lido")
    assert changes(venue=lido) == [
        ("country", "", "GB", ""),
        ("emergency_number", "", "999", ""),
        ("lifeguard_phone", "", "+441632960123", ""),
    ]


def test_venues_created_in_bulk_are_kept_too():
    (created,) = Venue.objects.bulk_create(
        [Venue(**{**{k: v for k, v in FORM.items() if k != "published"}, "slug": "bulk"})]
    )
    assert changes(venue=created) == [
        ("country", "", "GB", ""),
        ("lifeguard_phone", "", "+441632960123", ""),
    ]


def test_a_number_is_never_changed_without_its_record(monkeypatch):
    pool = venue()

    def refuse(*args, **kwargs):
        raise IntegrityError("the record could not be written")

    monkeypatch.setattr(models, "keep_number_changes", refuse)
    pool.emergency_number = "+15550100"
    with pytest.raises(IntegrityError):
        pool.save()
    with pytest.raises(IntegrityError):
        Venue.objects.filter(pk=pool.pk).update(lifeguard_phone="+15550100")
    pool.refresh_from_db()
    assert (pool.emergency_number, pool.lifeguard_phone) == ("", "+441632960123")


def test_the_record_outlives_the_venue_and_the_account(operator):
    pool = venue()
    Venue.objects.filter(pk=pool.pk).update(emergency_number="0555", changed_by=operator)
    pool.delete()
    operator.delete()
    change = VenueNumberChange.objects.get(field="emergency_number")
    assert (change.venue, change.changed_by) == (None, None)
    assert (change.venue_name, change.changed_by_name, change.new) == (
        "Harbour Pool",
        "lido-operator",
        "0555",
    )


def test_nobody_edits_or_deletes_the_record_in_the_admin(client):
    admin = User.objects.create_superuser("admin", "a@example.com", "a-long-pass-1")
    sign_in(client, admin, "a-long-pass-1")
    pool = venue()
    change = VenueNumberChange.objects.filter(venue=pool).first()
    assert client.get("/admin/guide/venuenumberchange/").status_code == 404
    assert client.get(f"/admin/guide/venuenumberchange/{change.pk}/change/").status_code == 404
    page = client.get(f"/admin/guide/venue/{pool.pk}/change/").content.decode()
    assert 'name="number_changes' not in page  # shown, never a form field


def test_records_are_listed_newest_first(operator):
    pool = venue()
    for number in ["0551", "0552", "0553"]:
        pool.emergency_number = number
        pool.save()
    newest = list(pool.number_changes.values_list("new", flat=True)[:3])
    assert newest == ["0553", "0552", "0551"]
    assert pool.number_changes.first().changed_at >= timezone.now() - datetime.timedelta(minutes=1)
