"""Loads an organisation's venues from a CSV file: all of them, or none if one row is wrong."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from guide.models import Organisation
from guide.venue_import import COLUMNS, EXTRA_COLUMNS, import_venues


class Command(BaseCommand):
    help = (
        "Create or update the venues of the organisation NAME from FILE.csv (header row: "
        f"{', '.join(COLUMNS)}; optionally {', '.join(EXTRA_COLUMNS)}). A slug already in the "
        "organisation updates that venue. If any row is wrong, every problem is listed with "
        "its line and nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE.csv")
        parser.add_argument("--organisation", required=True, metavar="NAME")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )

    @no_translations  # the problems in English, whatever language a caller left active
    def handle(self, *args, file, organisation, dry_run, **options):
        name = " ".join(organisation.split())
        found = Organisation.objects.filter(name__iexact=name).first()
        if found is None:
            # A typo would otherwise start a second organisation with the first one's venues.
            raise CommandError(
                f"There is no organisation named {name!r}. Create it with "
                f'`manage.py add_operator USERNAME --organisation "{name}"` or in the admin.'
            )
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from None
        result = import_venues(data, found, dry_run=dry_run)
        if result.problems:
            for problem in result.problems:
                self.stderr.write(f"{file}: {problem}")
            raise CommandError(
                f"{len(result.problems)} problem(s) in {file}: nothing was imported."
            )
        if dry_run:
            self.stdout.write(f"Dry run, nothing written: {result.summary()}")
        else:
            self.stdout.write(f"Imported into {found.name!r}: {result.summary()}")
