"""Staff sign in with a second factor (django-otp): an authenticator app's code (TOTP), or a
one-time code (a recovery code, or one from `manage.py addstatictoken USERNAME`).

Staff accounts decide what venues' pages say, numbers included: a guessed or reused password
alone must not be enough. The sign-in form asks for the code beside the password (`otp_token`),
and a wrong code counts as a failed sign-in, like a wrong password, with the same message: the
form never tells a guesser that the password was right.
"""

from base64 import b32encode

import segno
from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

TOTP_DIGITS = 6
RECOVERY_CODES = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def verified_device(user, token):
    """The user's device that accepts this code (and uses it up), else None.

    Six digits go to the authenticator app, anything else to the one-time codes: a code is
    tried only where it can match, so a typo never slows down the other kind (django-otp
    delays each device after a failure: 1, 2, 4… seconds).
    """
    token = "".join((token or "").split()).lower()
    if not token:
        return None
    model = TOTPDevice if token.isdigit() and len(token) == TOTP_DIGITS else StaticDevice
    with transaction.atomic():
        devices = model.objects.devices_for_user(user, confirmed=True).select_for_update()
        for device in devices:
            if device.verify_token(token):
                return device
    return None


def has_authenticator(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        attributes = {"autocomplete": "one-time-code", "autocapitalize": "none"}
        attributes["spellcheck"] = "false"
        super().__init__(max_length=32, widget=forms.TextInput(attrs=attributes), **kwargs)


class SignInForm(AdminAuthenticationForm):
    """Django admin's sign-in form with the second factor's field, `otp_token`."""

    otp_token = CodeField(
        label=_("Code"),
        help_text=_("From your authenticator app, or one of your recovery codes."),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter the correct %(username)s, password and code of a staff account. "
            "Letters in the user name and password are case-sensitive."
        ),
    }

    def clean(self):
        # The password first (django-axes counts a wrong one), then the code.
        cleaned = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned
        device = verified_device(user, cleaned.get("otp_token"))
        if device is None:
            # Counted by django-axes as a failed sign-in for this name and address.
            user_login_failed.send(
                sender=__name__, credentials={"username": user.get_username()}, request=self.request
            )
            self.user_cache = None
            raise self.get_invalid_login_error()
        user.otp_device = device  # kept in the session by django-otp once signed in
        return cleaned


def _new_recovery_codes(user):
    """Replaces the user's recovery codes (and any one-time code given out) with fresh ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


def _pending_authenticator(user):
    """The authenticator being set up: kept until confirmed, so a reload shows the same key."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def _qr_svg(payload):
    """The otpauth:// address as an inline SVG QR code for the app to scan; it never leaves
    the page (no image request, no third party)."""
    # Dark modules on white, also in the admin's dark theme: apps need the contrast to scan it.
    code = segno.make(payload, error="m")
    svg = code.svg_inline(scale=4, border=4, svgclass=None, dark="#000", light="#fff")
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-labelledby="qr-label" ', 1))


def _key(device):
    """The key as people type it into an app without a camera: base32 in groups of four."""
    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


class ConfirmForm(forms.Form):
    otp_token = CodeField(label=_("The six-digit code the app shows"))


@never_cache
@require_http_methods(["GET", "POST"])
def setup(request, site):
    """The admin page where staff set up their authenticator app and get recovery codes."""
    user = request.user
    context = {**site.each_context(request), "title": _("Second factor")}
    action = request.POST.get("action")
    codes = None
    form = ConfirmForm()
    if action == "recovery-codes":
        codes = _new_recovery_codes(user)
    elif action == "confirm":
        pending = _pending_authenticator(user)
        form = ConfirmForm(request.POST)
        if form.is_valid() and pending.verify_token(form.cleaned_data["otp_token"].strip()):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).exclude(pk=pending.pk).delete()
                pending.confirmed = True
                pending.save()
                codes = _new_recovery_codes(user)
            otp_login(request, pending)  # this session now rests on the new app
        elif form.is_valid():
            form.add_error(
                "otp_token",
                _("That code did not match: wait a moment, then type the one the app shows now."),
            )
    replacing = request.GET.get("replace") == "1" or action == "confirm"
    if codes is None and (replacing or not has_authenticator(user)):
        pending = _pending_authenticator(user)
        context.update(
            pending=pending,
            qr=_qr_svg(pending.config_url),
            key=_key(pending),
        )
    context.update(
        form=form,
        codes=codes,
        has_authenticator=has_authenticator(user),
        codes_left=_recovery_codes_left(user),
        continue_url=site.after_second_factor(request),
    )
    return render(request, "admin/second_factor.html", context)
