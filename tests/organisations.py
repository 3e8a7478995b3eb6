"""Organisations, their venues and their operators, for the tests of the operator pages, the
import and the conditions (the `two_organisations` fixture in conftest.py builds on them).

A module of its own, as staff.py is: `from conftest import` would take whichever of the tree's
conftest files pytest imported last."""

from staff import HttpsClient, sign_in

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


def two_organisations():
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
