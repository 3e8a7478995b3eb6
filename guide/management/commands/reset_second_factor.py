"""Resets a staff member's second factor: for a lost phone, or someone who leaves the team."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_static.lib import add_static_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Remove USERNAME's authenticator app and recovery codes (every session they opened "
        "stops working) and print one new one-time code, to sign in once and set up a new app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--no-code",
            action="store_true",
            help="Print no new code: the account cannot sign in until someone runs "
            "`addstatictoken` for it (someone who leaves).",
        )

    def handle(self, *args, username, no_code, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f'User "{username}" does not exist.') from None
        # A session rests on the device that verified it: without the device it is unverified,
        # and the admin asks for both factors again.
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        if not no_code:
            self.stdout.write(add_static_token(username).token)
