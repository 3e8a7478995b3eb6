"""A venue's page and poster speak as the people at that pool or beach do (guide/local_words.py)."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from guide.models import Venue
from guide.venues import venue_words


@pytest.mark.parametrize(
    ("language", "country", "kind", "lifeguards", "first_aid", "defibrillator"),
    [
        ("pt", "BR", "beach", "Salva-vidas", "Posto de primeiros socorros", "(DEA)"),
        ("pt", "PT", "pool", "Nadadores-salvadores", "Posto de primeiros socorros", "(DAE)"),
        ("pt", "CV", "beach", "Nadadores-salvadores", "Posto de primeiros socorros", "(DAE)"),
        ("pt", "", "pool", "Salva-vidas", "Posto de primeiros socorros", "(DEA)"),
        ("fr", "FR", "pool", "Maîtres-nageurs", "Poste de secours", "(DAE)"),
        ("fr", "FR", "beach", "Sauveteurs", "Poste de secours", "(DAE)"),
        ("fr", "BE", "pool", "Maîtres-nageurs", "Poste de secours", "(DAE)"),
        ("fr", "CH", "lake", "Gardiens de bain", "Poste de premiers secours", "(DAE)"),
        ("fr", "CA", "pool", "Sauveteurs", "Premiers soins", "(DEA)"),
        ("fr", "", "beach", "Sauveteurs", "Poste de secours", "(DAE)"),
    ],
)
def test_portuguese_and_french_venues_use_their_countrys_words(
    language, country, kind, lifeguards, first_aid, defibrillator
):
    words = venue_words(Venue(language=language, country=country, kind=kind))
    assert words["lifeguards"] == lifeguards
    assert words["first_aid_point"] == first_aid
    assert words["defibrillator"].endswith(defibrillator)
    assert lifeguards.lower() in words["lifeguard_phone"].lower()


@pytest.mark.django_db
def test_a_swiss_venue_page_says_gardiens_de_bain(client):
    Venue.objects.create(
        slug="bains-du-lac",
        name="Bains du Lac",
        kind="lake",
        language="fr",
        country="CH",
        lifeguards="Ponton",
        lifeguard_hours="10 h à 19 h",
        first_aid_point="Caisse",
        defibrillator="Caisse",
        published=True,
    )
    body = client.get("/fr/venues/bains-du-lac/").content.decode()
    assert "Gardiens de bain" in body
    assert "Horaires de surveillance" in body
    assert "Défibrillateur le plus proche (DAE)" in body
    assert 'href="tel:144"' in body


@pytest.mark.django_db
def test_a_french_poster_spaces_its_colons(client):
    Venue.objects.create(
        slug="plage-du-centre",
        name="Plage du Centre",
        kind="beach",
        language="fr",
        country="FR",
        lifeguards="Poste central",
        lifeguard_hours="11 h à 19 h",
        first_aid_point="Poste central",
        defibrillator="Poste central",
        published=True,
    )
    response = client.get("/fr/venues/plage-du-centre/poster/")
    assert response.status_code == 200, "no fr/now/water.md yet: the poster lists its steps"
    body = response.content.decode()
    for label in ["Urgences", "Sauveteurs", "Poste de secours", "le plus proche (DAE)"]:
        assert f"{label}\u00a0:" in body, label


@pytest.mark.django_db
def test_adding_a_language_needs_no_migration():
    # A venue's language is one of LANGUAGES, read when asked (guide.models.language_choices).
    more = [*settings.LANGUAGES, ("de", "Deutsch")]
    with override_settings(LANGUAGES=more):
        call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())
        field = Venue._meta.get_field("language")
        assert ("de", "Deutsch") in field.choices
