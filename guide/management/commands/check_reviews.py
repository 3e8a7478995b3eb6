"""Names every page whose next review date has passed (see `make check-reviews`)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from guide import content


class Command(BaseCommand):
    help = "List the pages whose next review is due; fail if there is one."
    # Content problems are the tests' business; this command only reads the review dates.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--on", type=datetime.date.fromisoformat, help="as on this day (YYYY-MM-DD)"
        )

    def handle(self, *args, on, **options):
        day = on or datetime.date.today()
        due = content.reviews_due(day)
        if due:
            raise CommandError(
                "Re-read these pages against their sources, then move reviewed and next_review:\n"
                + "\n".join(f"  {line}" for line in due)
            )
        self.stdout.write(f"No review is due on {day}.")
