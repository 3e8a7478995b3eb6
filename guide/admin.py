"""The admin where operators publish venues, import them in bulk and open their posters.

An operator sees and changes its own organisation's venues only (guide/organisations.py):
another's answers 404 as if it did not exist. Organisations and operators are superusers' to
manage.
"""

import functools
import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxLengthValidator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import emergency, local_time
from .models import Conditions, Operator, Organisation, Venue
from .organisations import operators_group, organisation_of, venues_for

TYPED_SEPARATORS = re.compile(r"[\s\-().]")
PHONE_FIELDS = ("emergency_number", "lifeguard_phone")
# What an operator may type: "+1 (555) 123-4567" is 17 characters for 11 digits. The stored
# digits keep the model's limit (E.164: 15 digits and a +), checked after cleaning.
TYPED_PHONE_MAX_LENGTH = 40
# The admin's form and the import say it alike (guide/venue_import.py).
COUNTRY_REQUIRED = _("Give the venue's country: the call buttons dial its number.")


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
            "time_zone",
            "emergency_number",
            "lifeguard_phone",
            "lifeguards",
            "lifeguard_hours",
            "first_aid_point",
            "defibrillator",
            "organisation",
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
            error_messages={"required": COUNTRY_REQUIRED},
        )
        # Every zone, by its IANA name; only needed where a country's clocks differ.
        zone = Venue._meta.get_field("time_zone")
        self.fields["time_zone"] = forms.ChoiceField(
            choices=[("", _("The country's")), *((z, z) for z in local_time.all_zones())],
            required=False,
            label=zone.verbose_name.capitalize(),
            help_text=zone.help_text,
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


SLUG_PLACEHOLDER = "__slug__"


@functools.cache
def _poster_address(language):
    """A poster's address with a placeholder slug: looked up once, not on each row of the list."""
    with translation.override(language):
        return reverse("guide:venue-poster", kwargs={"slug": SLUG_PLACEHOLDER})


class OwnVenuesOnly:
    """Admin pages that show only what the signed-in operator's organisation owns."""

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django's admin redirects to its index with "… doesn't exist. Perhaps it was
        # deleted?"; here another organisation's venue and a missing one both answer 404.
        raise Http404("No such venue")

    def delete_view(self, request, object_id, extra_context=None):
        # Before the question of rights (operators may not delete): 404 for what is not theirs.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404("No such venue")
        return super().delete_view(request, object_id, extra_context)


@admin.register(Venue)
class VenueAdmin(OwnVenuesOnly, admin.ModelAdmin):
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
    # A page of venues answers within 1.5x the time with 10,000 of them as with four: each of
    # the admin's rows costs about a thirtieth of the page around it (tests/bench_venues.py),
    # the two number columns included.
    list_per_page = 15
    ordering = ["name", "pk"]  # as the index has them: no sort of every venue for one page
    show_full_result_count = False  # "12 results (10,000 total)" would count every venue again
    search_fields = ["name", "slug", "address"]
    prepopulated_fields = {"slug": ["name"]}
    change_list_template = "admin/guide/venue/change_list.html"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "kind",
                    "language",
                    "address",
                    "published",
                    "organisation",
                ]
            },
        ),
        (
            _("In an emergency"),
            {"fields": ["country", "time_zone", "emergency_number", "lifeguard_phone"]},
        ),
        (
            _("Safety on site"),
            {"fields": ["lifeguards", "lifeguard_hours", "first_aid_point", "defibrillator"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request) & venues_for(request.user)

    def get_list_display(self, request):
        if request.user.is_superuser:
            return [*self.list_display, "organisation"]
        return self.list_display

    def get_list_select_related(self, request):
        return ["organisation"] if request.user.is_superuser else []

    def get_list_filter(self, request):
        if request.user.is_superuser:
            return [*self.list_filter, "organisation"]
        return self.list_filter

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            # Whatever the form said: an operator's venue is its organisation's.
            obj.organisation_id = organisation_of(request.user)
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
        if not request.user.is_superuser:
            readonly.append("organisation")  # only a superuser moves a venue
        # Posters and saved copies point to a published venue's address: it stays put.
        if obj is not None and obj.published:
            readonly.append("slug")
        return readonly

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="guide_venue_import"), *super().get_urls()]

    def import_view(self, request):
        """Venues in bulk from a CSV file, as `manage.py import_venues` loads them."""
        from . import venue_import  # it reuses this module's number cleaning

        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = ImportUploadForm(request.user, request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            organisation = form.cleaned_data.get("organisation") or Organisation.objects.get(
                pk=organisation_of(request.user)
            )
            data = form.cleaned_data["file"].read()
            dry_run = form.cleaned_data["dry_run"]
            result = venue_import.import_venues(data, organisation, request.user, dry_run)
            if result.written:
                messages.success(request, result.summary())
                return redirect(reverse("admin:guide_venue_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import venues from a CSV file"),
            "form": form,
            "result": result,
            "columns": venue_import.COLUMNS,
            "extra_columns": venue_import.EXTRA_COLUMNS,
        }
        return TemplateResponse(request, "admin/guide/venue/import.html", context)

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
        address = _poster_address(venue.language).replace(SLUG_PLACEHOLDER, venue.slug)
        return format_html('<a href="{}">{}</a>', address, _("Open the poster"))


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, with commas or semicolons; the first line names the columns."),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file"),
        required=False,
        help_text=_("List what would change, and every problem, without writing anything."),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_superuser:
            # Operators import into their own organisation; a superuser says whose.
            self.fields["organisation"] = forms.ModelChoiceField(
                Organisation.objects.all(), label=_("Organisation")
            )

    def clean_file(self):
        from .venue_import import MAX_UPLOAD_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB: import it in parts, or with "
                  "`manage.py import_venues`.") % {"size": MAX_UPLOAD_BYTES // 1024 // 1024}
            )  # fmt: skip
        return upload


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Operator)
class OperatorAdmin(admin.ModelAdmin):
    """Who runs which organisation's venues. `manage.py add_operator` creates the account too."""

    list_display = ["user", "organisation"]
    list_select_related = ["user", "organisation"]
    list_filter = ["organisation"]
    autocomplete_fields = ["user"]
    search_fields = ["user__username", "organisation__name"]

    def save_model(self, request, obj, form, change):
        # The account signs in as staff, with the operators' rights and no more.
        super().save_model(request, obj, form, change)
        if not obj.user.is_staff:
            obj.user.is_staff = True
            obj.user.save(update_fields=["is_staff"])
        obj.user.groups.add(operators_group())


@admin.register(Conditions)
class ConditionsAdmin(OwnVenuesOnly, admin.ModelAdmin):
    """Every report of today's conditions, with who made it and when: read only."""

    list_display = ["venue", "flag", "lifeguards_until", "reported_at", "reported_by_name"]
    list_select_related = ["venue"]
    list_per_page = 50
    search_fields = ["venue__name", "venue__slug", "reported_by_name"]
    date_hierarchy = "reported_at"

    def get_queryset(self, request):
        own = venues_for(request.user)
        return super().get_queryset(request).filter(venue__in=own.values("pk"))

    def has_add_permission(self, request):
        return False  # reports come from the operator pages (guide/operators.py)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
