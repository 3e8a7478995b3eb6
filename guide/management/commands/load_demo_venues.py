"""Loads the fictional demo organisations and venues into an empty database, with today's
conditions, so a newcomer sees real pages (and an operator's view of them) at once."""

import datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from guide import conditions
from guide.models import Organisation, Venue

DEMO_ORGANISATIONS = (
    "Porthaven Leisure and Beaches (demo)",
    "Seaside and Lakes Lifeguard Club (demo)",
)
# Today's conditions at each demo venue: (flag, hazards, note), the lifeguards on duty for a
# few hours from now. Refreshed by every run once the last report is no longer today's.
TODAY = {
    "porthaven-sands": ("red-yellow", ["rip-currents"], ""),
    "harbour-lido": ("", [], "The learner pool is closed today."),
    "playa-del-faro": ("yellow", ["jellyfish"], ""),
    "alberca-del-sol": ("", ["slippery"], ""),
    "ozero-tikhoe": ("yellow", ["cold-water"], "Вода +17\u00a0°C."),
}
ON_DUTY_HOURS = 4


class Command(BaseCommand):
    help = (
        "Load the demo organisations and venues (guide/fixtures/demo_venues.json) if there are "
        "no venues yet, and give the demo venues today's conditions."
    )

    def handle(self, *args, **options):
        if Venue.objects.exists():
            self.stdout.write("Venues already exist; demo venues not loaded.")
        else:
            call_command("loaddata", "demo_venues", verbosity=0)
            self.stdout.write(f"Loaded {Venue.objects.count()} demo venues.")
        self.refresh_conditions()

    def refresh_conditions(self):
        demo = Venue.objects.filter(
            organisation__in=Organisation.objects.filter(name__in=DEMO_ORGANISATIONS),
            slug__in=TODAY,
        ).select_related("conditions")
        now = timezone.now()
        until = now + datetime.timedelta(hours=ON_DUTY_HOURS)
        refreshed = 0
        for venue in demo:
            if conditions.is_current(venue.conditions, now):
                continue
            flag, hazards, note = TODAY[venue.slug]
            conditions.record(
                venue,
                None,
                flag=flag,
                lifeguards_until=until.replace(second=0, microsecond=0),
                hazards=hazards,
                note=note,
                now=now,
            )
            refreshed += 1
        if refreshed:
            self.stdout.write(f"Gave {refreshed} demo venues today's conditions.")
