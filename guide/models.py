"""Venues: pools, beaches and lakes whose operators publish a page and print its poster."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# 112, 999, 061, 911… or a full international number.
emergency_number_validator = RegexValidator(
    r"^(\d{2,6}|\+[1-9]\d{6,14})$",
    _(
        "Enter a short emergency number such as 112, "
        "or an international number such as +34612345678."
    ),
)
international_number_validator = RegexValidator(
    r"^\+[1-9]\d{6,14}$",
    _(
        "Enter the number in international format: + and the country code, "
        "then the digits, e.g. +34612345678."
    ),
)
RESERVED_SLUGS = {"saved", "new", "poster", "admin"}


def known_country(code):
    from . import emergency  # the table loads on first use, not when models are imported

    if code and emergency.get(code) is None:
        raise ValidationError(
            _("“%(code)s” is not in Cramp Aid's table of emergency numbers."),
            params={"code": code},
        )


def language_choices():
    """The languages a venue's page and poster can speak: the site's, whatever they become.

    A callable, so a migration names this function rather than the list: adding a language
    to LANGUAGES needs no new migration.
    """
    return settings.LANGUAGES


def not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s” is reserved; choose another."), params={"slug": slug})


class Venue(models.Model):
    class Kind(models.TextChoices):
        POOL = "pool", _("Pool")
        BEACH = "beach", _("Beach")
        LAKE = "lake", _("Lake")
        RIVER = "river", _("River")

    slug = models.SlugField(
        unique=True,
        max_length=80,
        validators=[not_reserved],
        help_text=_(
            "The end of the venue's address, printed on its poster: never change it later."
        ),
    )
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind)
    language = models.CharField(
        max_length=5,
        choices=language_choices,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the poster and of the text below."),
    )
    address = models.CharField(max_length=200, blank=True)
    country = models.CharField(
        max_length=2,
        blank=True,
        validators=[known_country],
        help_text=_(
            "Where the venue is: its ambulance number is the default, and posters use the "
            "country's words (e.g. “alberca” in Mexico)."
        ),
    )
    emergency_number = models.CharField(
        max_length=16,
        blank=True,
        validators=[emergency_number_validator],
        help_text=_(
            "The number to call in an emergency here, if not the country's ambulance "
            "number; the call buttons use it."
        ),
    )
    lifeguard_phone = models.CharField(
        max_length=16,
        blank=True,
        validators=[international_number_validator],
        help_text=_("Optional: the lifeguards' or first-aid point's own phone."),
    )
    lifeguards = models.CharField(_("where the lifeguards are"), max_length=300)
    lifeguard_hours = models.CharField(_("lifeguard hours"), max_length=200)
    first_aid_point = models.CharField(_("where the first-aid point is"), max_length=300)
    defibrillator = models.CharField(_("nearest defibrillator (AED)"), max_length=300)
    published = models.BooleanField(
        default=False, help_text=_("Unpublished venues answer “not found” to the public.")
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("guide:venue", kwargs={"slug": self.slug})

    def get_poster_url(self):
        with translation.override(self.language):
            return reverse("guide:venue-poster", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if not self.emergency_number and not self.country:
            raise ValidationError(
                {"emergency_number": _("Give the emergency number, or the venue's country.")}
            )

    @property
    def number(self):
        """What the venue's call buttons dial: its own number, else its country's ambulance."""
        from . import emergency

        if self.emergency_number:
            return self.emergency_number
        country = emergency.get(self.country)
        return country.ambulance if country else ""
