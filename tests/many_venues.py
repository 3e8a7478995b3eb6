"""Many fictional venues at once: a few hundred for the scale tests, 10,000 for `make bench`.

Venues cycle through kinds, languages and countries (each with its zone where its clocks
differ), and each has a current conditions report, as a busy organisation's would.
"""

import datetime

from django.utils import timezone

from guide import conditions
from guide.models import Conditions, Venue

PLACES = (
    # (country, time zone, language, kind)
    ("GB", "", "en", "beach"),
    ("ES", "Europe/Madrid", "es", "beach"),
    ("RU", "Europe/Moscow", "ru", "lake"),
    ("MX", "America/Mexico_City", "es", "pool"),
    ("GB", "", "en", "pool"),
)
CSV_HEADER = (
    "slug,name,kind,language,address,country,emergency_number,lifeguard_phone,lifeguards,"
    "lifeguard_hours,first_aid_point,defibrillator,published,time_zone"
)
BATCH = 500


def venue(number, organisation, prefix="venue"):
    country, zone, language, kind = PLACES[number % len(PLACES)]
    return Venue(
        slug=f"{prefix}-{number:05d}",
        name=f"{prefix.title()} {number:05d}",
        kind=kind,
        language=language,
        address=f"{number} Shore Road",
        country=country,
        time_zone=zone,
        emergency_number="112",
        lifeguards="By the tower",
        lifeguard_hours="10:00 to 18:00",
        first_aid_point="Next to the tower",
        defibrillator="In the first-aid point",
        published=True,
        organisation=organisation,
    )


def make_venues(count, organisation, prefix="venue"):
    """`count` published venues of the organisation, each with a report from an hour ago."""
    created = Venue.objects.bulk_create(
        (venue(number, organisation, prefix) for number in range(count)), batch_size=BATCH
    )
    if not created or created[0].pk is None:  # a database that returns no keys
        created = list(Venue.objects.filter(slug__startswith=f"{prefix}-").order_by("pk"))
    reported = timezone.now() - datetime.timedelta(hours=1)
    reports = Conditions.objects.bulk_create(
        (
            Conditions(
                venue=place,
                flag=(conditions.flags_for(place) or [conditions.NO_FLAG])[0].code,
                flag_since=reported,
                reported_at=reported,
                expires_at=conditions.expiry(reported, None),
                reported_by_name="bench",
            )
            for place in created
        ),
        batch_size=BATCH,
    )
    for place, report in zip(created, reports, strict=True):
        place.conditions = report
    Venue.objects.bulk_update(created, ["conditions"], batch_size=BATCH)
    return created


def csv_file(count, prefix="import"):
    """A CSV file of `count` venues, as an organisation's spreadsheet would export it."""
    lines = [CSV_HEADER]
    for number in range(count):
        country, zone, language, kind = PLACES[number % len(PLACES)]
        lines.append(
            f"{prefix}-{number:05d},{prefix.title()} {number:05d},{kind},{language},"
            f"{number} Shore Road,{country},112,+34 600 000 {number % 1000:03d},By the tower,"
            f"10:00 to 18:00,Next to the tower,In the first-aid point,yes,{zone}"
        )
    return ("\n".join(lines) + "\n").encode()
