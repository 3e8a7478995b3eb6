"""Loads the fictional demo venues into an empty database, so a newcomer sees real pages."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from guide.models import Venue


class Command(BaseCommand):
    help = "Load the demo venues (guide/fixtures/demo_venues.json) if there are no venues yet."

    def handle(self, *args, **options):
        if Venue.objects.exists():
            self.stdout.write("Venues already exist; demo venues not loaded.")
            return
        call_command("loaddata", "demo_venues", verbosity=0)
        self.stdout.write(f"Loaded {Venue.objects.count()} demo venues.")
