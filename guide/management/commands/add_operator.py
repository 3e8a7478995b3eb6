"""Creates an operator account: staff that runs one organisation's venues and no other's."""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from guide.organisations import OperatorError, add_operator

PASSWORD_VARIABLE = "CRAMP_AID_OPERATOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create the operator account USERNAME of the organisation NAME (created if there is "
        "none of that name). It sees and changes only that organisation's venues; it signs in "
        "with its password and a second factor (run `addstatictoken USERNAME` for its first "
        "code)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--organisation", required=True, metavar="NAME")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Ask nothing: the password comes from {PASSWORD_VARIABLE}.",
        )

    def handle(self, *args, username, organisation, email, interactive, **options):
        password = self.password(interactive)
        try:
            user, organisation, created = add_operator(username, organisation, password, email)
        except ValidationError as error:
            raise CommandError("The password is refused: " + " ".join(error.messages)) from None
        except OperatorError as error:
            raise CommandError(str(error)) from None
        if created:
            self.stdout.write(f"Created the organisation {organisation.name!r}.")
        self.stdout.write(
            f"Created the operator {user.get_username()!r} of {organisation.name!r}. "
            f"Its first sign-in code: manage.py addstatictoken {user.get_username()}"
        )

    def password(self, interactive):
        if not interactive:
            password = os.environ.get(PASSWORD_VARIABLE, "")
            if not password:
                raise CommandError(f"With --noinput, set {PASSWORD_VARIABLE} to the password.")
            return password
        for _attempt in range(3):
            password = getpass.getpass("Password: ")
            if password and password == getpass.getpass("Password (again): "):
                return password
            self.stderr.write("The two passwords differ, or are empty; try again.")
        raise CommandError("No password given.")
