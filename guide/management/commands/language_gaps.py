"""Lists what a language still lacks (README, "Adding a language"); fails while anything does."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guide import language_gaps


class Command(BaseCommand):
    help = (
        "List what a language still lacks: settings, catalogue, content pages, numbers table, "
        "date format, manifest, content rules. Exits non-zero while anything is missing."
    )
    # A new language's gaps are what this reports: the system checks would stop it first.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "languages", nargs="*", metavar="language", help="e.g. fr (default: every language)"
        )

    def handle(self, *args, languages, **options):
        languages = languages or [
            code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
        ]
        if settings.LANGUAGE_CODE in languages:
            raise CommandError(f"{settings.LANGUAGE_CODE} is the original, not a translation.")
        msgids = language_gaps.code_strings(languages)
        lacking = 0
        for language in languages:
            found = language_gaps.gaps(language, msgids)
            lacking += len(found)
            if not found:
                self.stdout.write(f"{language}: nothing missing.")
                continue
            self.stdout.write(f"{language}: {len(found)} missing")
            part = None
            for where, line in found:
                if where != part:
                    self.stdout.write(f"  {where}")
                    part = where
                self.stdout.write(f"    {line}")
        if lacking:
            raise CommandError(f"{lacking} things missing; see above.")
