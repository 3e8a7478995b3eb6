"""The admin where operators publish venues and open their posters."""

import re

from django import forms
from django.contrib import admin
from django.core.validators import MaxLengthValidator
from django.utils import formats, timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import emergency
from .models import Venue

TYPED_SEPARATORS = re.compile(r"[\s\-().]")
PHONE_FIELDS = ("emergency_number", "lifeguard_phone")
# What an operator may type: "+1 (555) 123-4567" is 17 characters for 11 digits. The stored
# digits keep the model's limit (E.164: 15 digits and a +), checked after cleaning.
TYPED_PHONE_MAX_LENGTH = 40


class VenueForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = [
            "name",
            "slug",
            "kind",
            "language",
            "address",
            "published",
            "country",
            "emergency_number",
            "lifeguard_phone",
            "lifeguards",
            "lifeguard_hours",
            "first_aid_point",
            "defibrillator",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The countries of the numbers table, named in the operator's language.
        language = translation.get_language() or "en"
        names = [
            (c.code, f"{c.name(language)} ({c.ambulance})") for c in emergency.in_order(language)
        ]
        self.fields["country"] = forms.ChoiceField(
            choices=[("", "—"), *names],
            label=Venue._meta.get_field("country").verbose_name.capitalize(),
            help_text=Venue._meta.get_field("country").help_text,
            error_messages={
                "required": _("Give the venue's country: the call buttons dial its number.")
            },
        )
        for name in PHONE_FIELDS:
            if name in self.fields:
                field = self.fields[name]
                field.max_length = TYPED_PHONE_MAX_LENGTH
                field.validators = [
                    v for v in field.validators if not isinstance(v, MaxLengthValidator)
                ]
                field.widget.attrs["maxlength"] = str(TYPED_PHONE_MAX_LENGTH)

    # People type "+34 612-345-678" or "(0) 112"; numbers are stored as digits.
    def clean_emergency_number(self):
        return TYPED_SEPARATORS.sub("", self.cleaned_data["emergency_number"])

    def clean_lifeguard_phone(self):
        return TYPED_SEPARATORS.sub("", self.cleaned_data["lifeguard_phone"])


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    form = VenueForm
    list_display = [
        "name",
        "kind",
        "country",
        "country_number",
        "own_number",
        "published",
        "updated",
        "poster",
    ]
    list_filter = ["published", "kind", "language"]
    search_fields = ["name", "slug", "address"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "language", "address", "published"]}),
        (_("In an emergency"), {"fields": ["country", "emergency_number", "lifeguard_phone"]}),
        (
            _("Safety on site"),
            {"fields": ["lifeguards", "lifeguard_hours", "first_aid_point", "defibrillator"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        obj.changed_by = request.user  # kept with any change of its numbers (models.py)
        super().save_model(request, obj, form, change)

    @admin.display(description=_("main call button"))
    def country_number(self, venue):
        return venue.country_number

    @admin.display(description=_("its own line"))
    def own_number(self, venue):
        return venue.own_line.number if venue.own_line else "—"

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.fieldsets
        # Who changed what its call buttons offer, and when: read-only, to everyone who may
        # see the venue, so a wrong or unexpected number is noticed and traced.
        return [*self.fieldsets, (_("Changes of its numbers"), {"fields": ["number_changes"]})]

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "number_changes"]
        # Posters and saved copies point to a published venue's address: it stays put.
        if obj is not None and obj.published:
            return [*readonly, "slug"]
        return readonly

    @admin.display(description=_("changes"))
    def number_changes(self, venue):
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    formats.localize(timezone.localtime(change.changed_at)),
                    change.changed_by_name
                    or _("nobody signed in (a command, the shell or a fixture)"),
                    change.get_field_display(),
                    change.old or "—",
                    change.new or "—",
                )
                for change in venue.number_changes.all()
            ),
        )
        if not rows:
            return _("No change recorded yet.")
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"
            "</thead><tbody>{}</tbody></table>",
            _("changed at"),
            _("changed by"),
            _("field"),
            _("before"),
            _("after"),
            rows,
        )

    def get_prepopulated_fields(self, request, obj=None):
        if "slug" in self.get_readonly_fields(request, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)

    @admin.display(description=_("poster"))
    def poster(self, venue):
        return format_html('<a href="{}">{}</a>', venue.get_poster_url(), _("Open the poster"))
