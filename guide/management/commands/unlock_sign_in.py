"""Lets a staff member sign in again at once, after failures locked their name or address."""

from axes.models import AccessAttempt, AccessFailureLog
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Forget USERNAME's failed sign-ins: the lock on the name and an address (15 minutes) "
        "and the limit on the name from new places (an hour). Their password and second "
        "factor are still needed."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        AccessAttempt.objects.filter(username=username).delete()
        failures, _ = AccessFailureLog.objects.filter(username=username).delete()
        self.stdout.write(f"Forgot {failures} failed sign-ins of {username}.")
