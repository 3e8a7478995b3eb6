"""Asks every address the content cites whether it still answers 200 (see `make check-links`)."""

from django.core.management.base import BaseCommand, CommandError

from guide.content import linkcheck


class Command(BaseCommand):
    help = "Request every cited address; report those that do not answer 200 after redirects."
    # Content problems are the tests' business; this command only asks the sites.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("addresses", nargs="*", help="check these instead of the cited ones")
        parser.add_argument("--timeout", type=float, default=20, help="seconds per request")

    def handle(self, *args, addresses, timeout, **options):
        cited = linkcheck.cited_addresses()
        results = linkcheck.answers(addresses or list(cited), timeout=timeout)
        text, status = linkcheck.report(results, cited)
        if status:
            raise CommandError(text, returncode=status)
        self.stdout.write(text)
