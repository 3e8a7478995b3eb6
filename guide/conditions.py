"""Today's conditions at a venue: the flag, the lifeguards on duty, the hazards, and how long a
report counts as today's.

The flags mean what the water pack says they mean where the venue is ("Before you swim", "At
the beach"): the UK's red-and-yellow and red flags; green, yellow and red in Spain and Spanish-
speaking Latin America, with Mexico's black and purple flags; Russia's yellow and red. The
meanings below are the pack's own words in each language (tests/test_conditions.py checks that
they still are). Countries the pack does not describe get green, yellow and red with the
Spanish words, the most widespread use; their operators add anything else in the note.

A report stops counting as today's after REPORT_HOURS, or when the lifeguards it names go off
duty, whichever comes first: an old green flag is never shown as today's.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext, pgettext_lazy

REPORT_HOURS = 12


@dataclass(frozen=True)
class Flag:
    code: str  # stored; also the class that paints its colours (static/css/conditions.css)
    name: str
    meaning: str


GREEN = _("Green flag")
YELLOW = _("Yellow flag")
RED = _("Red flag")

# Each meaning in the words of its country's paragraph of the water pack (a context each: the
# same English says different Russian for Spain's red flag and Russia's).
SPANISH_FLAGS = (
    Flag("green", GREEN, pgettext_lazy("flags in Spain", "You can swim.")),
    Flag("yellow", YELLOW, pgettext_lazy("flags in Spain", "Take care.")),
    Flag("red", RED, pgettext_lazy("flags in Spain", "No swimming.")),
)
FLAGS_BY_COUNTRY = {
    "GB": (
        Flag(
            "red-yellow",
            _("Red-and-yellow flags"),
            pgettext_lazy("flags in the UK", "Swim between them."),
        ),
        Flag("red", RED, pgettext_lazy("flags in the UK", "Danger. Do not go in.")),
    ),
    "MX": (
        *SPANISH_FLAGS,
        Flag("black", _("Black flag"), pgettext_lazy("flags in Mexico", "The beach is closed.")),
        # The pack's words since its December review: a purple flag, for any creature that
        # stings or bites (the code stays: reports already name it).
        Flag(
            "jellyfish",
            _("Purple flag"),
            pgettext_lazy(
                "flags in Mexico",
                "Warns of jellyfish or other sea creatures that sting or bite: stay out of the "
                "water.",
            ),
        ),
    ),
    "RU": (
        Flag(
            "yellow",
            YELLOW,
            pgettext_lazy(
                "flags in Russia", "Children and people with a long-term illness should stay out."
            ),
        ),
        Flag("red", RED, pgettext_lazy("flags in Russia", "No swimming.")),
    ),
}
# Spain and the Spanish-speaking countries of Latin America (the pack: "many Latin American
# countries").
SPANISH_SPEAKING = ("ES", "AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "SV", "GT", "HN", "NI")
SPANISH_SPEAKING += ("PA", "PY", "PE", "PR", "UY", "VE")
FLAGS_BY_COUNTRY.update(dict.fromkeys(SPANISH_SPEAKING, SPANISH_FLAGS))
# Where no flag flies (no lifeguards yet, or none on this stretch): said in words, not left out.
NO_FLAG = Flag("", _("No flag"), _("No flag is flying."))


def flags_for(venue):
    """The flags an operator can report for the venue: none at a pool."""
    if venue.kind == venue.Kind.POOL:
        return ()
    return FLAGS_BY_COUNTRY.get(venue.country, SPANISH_FLAGS)


def flag_of(venue, code):
    if not code:
        return NO_FLAG
    return next((flag for flag in flags_for(venue) if flag.code == code), None)


@dataclass(frozen=True)
class Hazard:
    code: str
    name: str
    kinds: tuple


OPEN_WATER = ("beach", "lake", "river")
HAZARDS = (
    Hazard("rip-currents", _("Rip currents"), ("beach",)),
    Hazard("currents", _("Strong current"), ("lake", "river")),
    Hazard("waves", _("Big waves"), ("beach", "lake")),
    Hazard("jellyfish", _("Jellyfish"), ("beach",)),
    # The UK's orange windsock, in the pack's words.
    Hazard("offshore-wind", _("Wind blowing out to sea: do not use inflatables."), ("beach",)),
    Hazard("cold-water", _("Cold water"), OPEN_WATER),
    Hazard("water-quality", _("Poor water quality: swimming not advised"), OPEN_WATER),
    Hazard("slippery", _("Slippery floor"), ("pool",)),
)
NOTE_LENGTH = 200


def hazards_for(venue):
    return tuple(hazard for hazard in HAZARDS if venue.kind in hazard.kinds)


def hazard_names(codes):
    names = {hazard.code: hazard.name for hazard in HAZARDS}
    return [names[code] for code in codes if code in names]


def expiry(reported_at, lifeguards_until):
    """When a report stops counting as today's: 12 hours on, or when the lifeguards leave."""
    end = reported_at + datetime.timedelta(hours=REPORT_HOURS)
    return min(end, lifeguards_until) if lifeguards_until else end


def next_time(clock, now, zone):
    """The next moment the venue's clock shows `clock` (HH:MM), from `now`: today, or after
    midnight for an evening session; None if that is more than REPORT_HOURS away on the next
    day (a time that has passed today, such as 19:00 typed at 19:30)."""
    local = now.astimezone(zone)
    moment = datetime.datetime.combine(local.date(), clock, tzinfo=zone)
    if moment > local:
        return moment
    tomorrow = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), clock)
    moment = tomorrow.replace(tzinfo=zone)
    if moment - local > datetime.timedelta(hours=REPORT_HOURS):
        return None
    return moment


def is_current(report, now=None):
    return report is not None and (now or timezone.now()) < report.expires_at


def clock(moment, zone):
    return moment.astimezone(zone).strftime("%H:%M")


# The hour is the count: Spanish says "desde las 10:32" but "desde la 1:05" (its forms for one
# and for the rest); English and Russian say the same whatever the hour.
def since(what, moment, zone):
    """ "Red flag since 10:32", in the active language and the venue's local time."""
    hour = moment.astimezone(zone).hour
    text = npgettext("a flag", "%(what)s since %(time)s", "%(what)s since %(time)s", hour)
    return text % {"what": what, "time": clock(moment, zone)}


def on_duty_until(lifeguards, moment, zone):
    """ "Lifeguards on duty until 19:00", with the venue's word for its lifeguards."""
    hour = moment.astimezone(zone).hour
    text = npgettext(
        "lifeguards",
        "%(lifeguards)s on duty until %(time)s",
        "%(lifeguards)s on duty until %(time)s",
        hour,
    )
    return text % {"lifeguards": lifeguards, "time": clock(moment, zone)}


def record(venue, user, *, flag="", lifeguards_until=None, hazards=(), note="", now=None):
    """Keeps a new report and makes it the venue's current one; returns it.

    The flag keeps the time it went up while reports follow one another with the same flag.
    """
    from .models import Conditions, Venue

    now = now or timezone.now()
    with transaction.atomic():
        # One report at a time per venue: two lifeguards saving at once both get kept, in order.
        current = (
            Venue.objects.select_for_update()
            .filter(pk=venue.pk)
            .values_list("conditions_id", flat=True)
            .first()
        )
        previous = Conditions.objects.filter(pk=current).first() if current else None
        same_flag = is_current(previous, now) and previous.flag == flag
        report = Conditions.objects.create(
            venue=venue,
            flag=flag,
            flag_since=previous.flag_since if same_flag else now,
            lifeguards_until=lifeguards_until,
            hazards=list(hazards),
            note=note,
            reported_at=now,
            reported_by=user,
            reported_by_name=user.get_username() if user else "",
            expires_at=expiry(now, lifeguards_until),
        )
        Venue.objects.filter(pk=venue.pk).update(conditions=report)
    venue.conditions = report
    return report


@dataclass(frozen=True)
class Shown:
    """A current report in words, in the active language and the venue's local time."""

    flag: Flag
    headline: str  # "Red flag since 10:32"
    lifeguards: str  # "Lifeguards on duty until 19:00", or ""
    hazards: list
    note: str
    reported: str  # "10:45"
    until: str  # "19:00": when it stops counting as today's, said for a page read offline
    report: object


def shown(venue, report, lifeguards_word, now=None):
    """The venue's report as its page says it, or None when there is no current one."""
    if not is_current(report, now):
        return None
    zone = venue.zone
    flag = flag_of(venue, report.flag)
    if flag is None:
        # A flag the venue's country no longer has (its country was corrected): say nothing
        # rather than a colour whose meaning may be another country's.
        return None
    if flag is NO_FLAG:
        headline = str(NO_FLAG.meaning) if flags_for(venue) else ""
    else:
        headline = since(flag.name, report.flag_since, zone)
    lifeguards = (
        on_duty_until(lifeguards_word, report.lifeguards_until, zone)
        if report.lifeguards_until
        else ""
    )
    return Shown(
        flag=flag,
        headline=headline,
        lifeguards=lifeguards,
        hazards=[str(name) for name in hazard_names(report.hazards)],
        note=report.note,
        reported=clock(report.reported_at, zone),
        until=clock(report.expires_at, zone),
        report=report,
    )
