"""The admin where operators publish venues and open their posters."""

import re

from django import forms
from django.contrib import admin
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import emergency
from .models import Venue

TYPED_SEPARATORS = re.compile(r"[\s\-().]")


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
            required=False,
            label=Venue._meta.get_field("country").verbose_name.capitalize(),
            help_text=Venue._meta.get_field("country").help_text,
        )

    # People type "+34 612-345-678" or "(0) 112"; numbers are stored as digits.
    def clean_emergency_number(self):
        return TYPED_SEPARATORS.sub("", self.cleaned_data["emergency_number"])

    def clean_lifeguard_phone(self):
        return TYPED_SEPARATORS.sub("", self.cleaned_data["lifeguard_phone"])


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    form = VenueForm
    list_display = ["name", "kind", "country", "number", "published", "updated", "poster"]
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

    @admin.display(description=_("poster"))
    def poster(self, venue):
        return format_html('<a href="{}">{}</a>', venue.get_poster_url(), _("Open the poster"))
