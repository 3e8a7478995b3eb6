"""Venues: pools, beaches and lakes whose operators publish a page and print its poster, and
the record of every change to the numbers their call buttons offer."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
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
# What decides the numbers a venue's visitors are offered: every change to them is kept, with
# who made it and when (VenueNumberChange), whichever way it reaches the database.
NUMBER_FIELDS = ("country", "emergency_number", "lifeguard_phone")


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


@dataclass(frozen=True)
class OwnLine:
    """A venue's own phone line: "rescue" (its emergency number) or "lifeguards"."""

    kind: str
    number: str


class VenueQuerySet(models.QuerySet):
    """Bulk writes keep the record of number changes too, so no path leaves one unrecorded."""

    def update(self, changed_by=None, **values):
        fields = [name for name in NUMBER_FIELDS if name in values]
        if not fields:
            return super().update(**values)
        with transaction.atomic(using=self.db):
            before = {row["pk"]: row for row in self.values("pk", "name", *fields)}
            count = super().update(**values)
            after = Venue.objects.using(self.db).filter(pk__in=before).values("pk", *fields)
            for row in after:
                venue = Venue(pk=row["pk"], name=before[row["pk"]]["name"])
                keep_number_changes(venue, before[row["pk"]], row, changed_by, using=self.db)
        return count

    def bulk_create(self, venues, *args, **kwargs):
        with transaction.atomic(using=self.db):
            created = super().bulk_create(venues, *args, **kwargs)
            for venue in created:
                if venue.pk is not None:
                    keep_number_changes(venue, {}, numbers_of(venue), None, using=self.db)
        return created


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
        validators=[known_country],
        help_text=_(
            "Where the venue is: the call buttons dial its ambulance number (from Cramp Aid's "
            "table), and posters use the country's words (e.g. “alberca” in Mexico)."
        ),
    )
    emergency_number = models.CharField(
        max_length=16,
        blank=True,
        validators=[emergency_number_validator],
        help_text=_(
            "Optional: the venue's own emergency line (a lake's rescue service), if it is not "
            "the country's ambulance number. It is offered as a second, labelled button; the "
            "main call button always dials the country's number."
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

    objects = VenueQuerySet.as_manager()
    # Who saves (set by the admin before it saves, see admin.py): kept with any number change.
    # None means no signed-in person: a command, the shell, a fixture.
    changed_by = None

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The change and its record (the signals below) are written together or not at all.
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("guide:venue", kwargs={"slug": self.slug})

    def get_poster_url(self):
        with translation.override(self.language):
            return reverse("guide:venue-poster", kwargs={"slug": self.slug})

    @property
    def country_number(self):
        """What the venue's main call button dials: its country's ambulance number, from the
        numbers table. Never a number an operator typed: a typo or a stolen operator password
        cannot redirect the call."""
        from . import emergency  # the table loads on first use, not when models are imported

        country = emergency.get(self.country)
        return country.ambulance if country else settings.EMERGENCY_NUMBER

    @property
    def own_line(self):
        """The number the operator gave for the venue itself, offered as a second, labelled
        button: its emergency number, unless that is the country's own (112 included where
        the country answers it), else the lifeguards' phone; None if neither."""
        from . import emergency

        country = emergency.get(self.country)
        the_countrys = {self.country_number} | (
            {"112"} if country and country.also_112 == "yes" else set()
        )
        if self.emergency_number and self.emergency_number not in the_countrys:
            return OwnLine("rescue", self.emergency_number)
        if self.lifeguard_phone:
            return OwnLine("lifeguards", self.lifeguard_phone)
        return None


def numbers_of(venue):
    return {name: getattr(venue, name) for name in NUMBER_FIELDS}


def keep_number_changes(venue, before, after, changed_by, using=None):
    """Records each number field that differs between two states of a venue."""
    VenueNumberChange.objects.using(using).bulk_create(
        VenueNumberChange(
            venue_id=venue.pk,
            venue_name=venue.name,
            field=name,
            old=before.get(name) or "",
            new=after.get(name) or "",
            changed_by=changed_by,
            changed_by_name=changed_by.get_username() if changed_by else "",
        )
        for name in NUMBER_FIELDS
        if name in after and (before.get(name) or "") != (after[name] or "")
    )


class VenueNumberChange(models.Model):
    """One change of a venue's country or phone numbers: who made it, when, from what to what.

    Written by the venue's save and bulk paths (never by hand), shown read-only in the admin on
    the venue. It outlives the venue and the account that made it.
    """

    venue = models.ForeignKey(
        Venue, null=True, on_delete=models.SET_NULL, related_name="number_changes"
    )
    venue_name = models.CharField(_("venue"), max_length=120)
    field = models.CharField(
        _("field"),
        max_length=20,
        choices=[
            ("country", _("Country")),
            ("emergency_number", _("Emergency number")),
            ("lifeguard_phone", _("Lifeguards' phone")),
        ],
    )
    old = models.CharField(_("before"), max_length=16, blank=True)
    new = models.CharField(_("after"), max_length=16, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_by_name = models.CharField(_("changed by"), max_length=150, blank=True)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("change of a venue's numbers")
        verbose_name_plural = _("changes of the venue's numbers")

    def __str__(self):
        return f"{self.venue_name}: {self.field} {self.old or '—'} → {self.new or '—'}"


@receiver(pre_save, sender=Venue)
def _remember_numbers(sender, instance, using, **kwargs):
    # Read from the database, not from the object: what visitors were offered until now.
    saved = sender._base_manager.using(using).filter(pk=instance.pk) if instance.pk else None
    instance._numbers_before = (saved.values(*NUMBER_FIELDS).first() if saved else None) or {}


@receiver(post_save, sender=Venue)
def _record_number_changes(sender, instance, using, **kwargs):
    # Fixtures (raw saves) included: the first numbers a venue had are a change from nothing.
    before = getattr(instance, "_numbers_before", {})
    keep_number_changes(instance, before, numbers_of(instance), instance.changed_by, using=using)
