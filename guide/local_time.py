"""A venue's time zone: its country's, or its own where the country's clocks differ.

"Red flag since 10:32" and "lifeguards on duty until 19:00" are read on the beach, in its local
time, and "until 19:00" decides when a report stops counting as today's. The zones come from
IANA's zone.tab (the tzdata package), in its order.
"""

import datetime
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo

from django.utils import timezone


@cache
def _zone_tab():
    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    zones = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _where, zone, *_comment = line.split("\t")
            zones.setdefault(code, []).append(zone)
    return zones


def country_zones(code):
    """The country's zones, as zone.tab lists them ([] for a code it does not know)."""
    return list(_zone_tab().get(code or "", []))


@cache
def all_zones():
    """Every zone of zone.tab, sorted (a tuple: asked once per venue of a 10,000-row import)."""
    return tuple(sorted(zone for zones in _zone_tab().values() for zone in zones))


@cache
def _known():
    return frozenset(all_zones())


def is_zone(name):
    return name in _known()


def _offsets(zone, year):
    # Winter and summer: zones that agree on both keep the same clock all year.
    info = ZoneInfo(zone)
    return tuple(
        datetime.datetime(year, month, 1, 12, tzinfo=datetime.UTC).astimezone(info).utcoffset()
        for month in (1, 7)
    )


@cache
def _clocks_differ(code, year):
    return len({_offsets(zone, year) for zone in country_zones(code)}) > 1


def needs_own_zone(code):
    """Whether a venue in this country must name its zone: Spain (the Canaries), Russia, Mexico…

    Germany's Büsingen or Cyprus's Famagusta keep the same clock as the rest of the country,
    so a German or Cypriot venue needs no choice.
    """
    return _clocks_differ(code or "", timezone.now().year)


def zone_of(code, own=""):
    """The venue's zone: its own if given, else its country's (the first where clocks agree)."""
    if own:
        return ZoneInfo(own)
    zones = country_zones(code)
    return ZoneInfo(zones[0]) if zones else datetime.UTC
