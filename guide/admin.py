"""The admin where operators publish venues and open their posters."""

import re

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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
            "emergency_number",
            "lifeguard_phone",
            "lifeguards",
            "lifeguard_hours",
            "first_aid_point",
            "defibrillator",
        ]

    # People type "+34 612-345-678" or "(0) 112"; numbers are stored as digits.
    def clean_emergency_number(self):
        return TYPED_SEPARATORS.sub("", self.cleaned_data["emergency_number"])

    def clean_lifeguard_phone(self):
        return TYPED_SEPARATORS.sub("", self.cleaned_data["lifeguard_phone"])


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    form = VenueForm
    list_display = ["name", "kind", "emergency_number", "published", "updated", "poster"]
    list_filter = ["published", "kind", "language"]
    search_fields = ["name", "slug", "address"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "language", "address", "published"]}),
        (_("In an emergency"), {"fields": ["emergency_number", "lifeguard_phone"]}),
        (
            _("Safety on site"),
            {"fields": ["lifeguards", "lifeguard_hours", "first_aid_point", "defibrillator"]},
        ),
    ]

    @admin.display(description=_("poster"))
    def poster(self, venue):
        return format_html('<a href="{}">{}</a>', venue.get_poster_url(), _("Open the poster"))
