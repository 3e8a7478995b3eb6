"""The operator pages, for a lifeguard's phone on the sand: sign in (password and second
factor), the organisation's venues, one venue's conditions in three taps (the venue, the flag,
Save), and every poster at once.

Plain HTML forms with CSRF, no script needed. Nothing here is cached by anyone: answers are
private and depend on who is signed in. Another organisation's venue answers 404.
"""

import functools
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.views import LoginView, LogoutView, redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from cramps_site.admin_login import remember_browser

from . import conditions
from .models import Organisation
from .organisations import organisation_of, runs_venues, venue_or_404, venues_for
from .second_factor import SignInForm, has_authenticator
from .venues import poster_context

# A screenful on a phone; with 10,000 venues the page answers as fast as with four.
VENUES_PER_PAGE = 25
POSTERS_PER_PAGE = 50
NO_FLAG_CHOICE = "none"
SLUG_PLACEHOLDER = "__slug__"


def operator_page(view):
    """Signed in with both factors, with venues to run; never kept by a cache."""

    @functools.wraps(view)
    @never_cache
    def checked(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_verified()):
            return redirect_to_login(request.get_full_path(), reverse("guide:operator-sign-in"))
        if not runs_venues(user):
            raise Http404("No venues to run")
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response

    return checked


class SignIn(LoginView):
    """The admin's sign-in (password and code, throttled alike), on the operator's phone."""

    template_name = "guide/operator/sign_in.html"
    authentication_form = SignInForm

    def get_default_redirect_url(self):
        return reverse("guide:operator")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        if not has_authenticator(user):
            # Signed in with a one-time code: set up the app before the codes run out, then on
            # to where the operator was going (admin_site.after_second_factor).
            going = urlencode({"next": self.get_success_url()})
            response["Location"] = f"{reverse('admin:second-factor')}?{going}"
        remember_browser(response, user.get_username(), path=reverse("guide:operator"))
        response["X-Robots-Tag"] = "noindex"
        return response

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response


sign_in = SignIn.as_view()
sign_out = LogoutView.as_view(next_page="guide:operator-sign-in")


def _status(venue, now):
    """One line on the list: the current flag and when it went up, or "No current report",
    and the flag to draw beside it ("" at a pool, which flies none)."""
    report = venue.conditions
    flags = conditions.flags_for(venue)
    if not conditions.is_current(report, now):
        return _("No current report"), "none" if flags else ""
    flag = conditions.flag_of(venue, report.flag) if flags else None
    if flag is None:
        return _("Reported at %(time)s") % {
            "time": conditions.clock(report.reported_at, venue.zone)
        }, ""
    if flag is conditions.NO_FLAG:
        return str(flag.meaning), "none"
    return conditions.since(flag.name, report.flag_since, venue.zone), flag.code


@require_safe
@operator_page
def venue_list(request):
    user = request.user
    # Only what a row shows: building each venue is most of a row's cost.
    shown = ["name", "slug", "published", "kind", "country", "time_zone", "conditions__flag"]
    shown += ["conditions__flag_since", "conditions__reported_at", "conditions__expires_at"]
    queryset = venues_for(user).select_related("conditions").only(*shown).order_by("name", "pk")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        queryset = queryset.filter(Q(name__icontains=query) | Q(slug__icontains=query))
    page = Paginator(queryset, VENUES_PER_PAGE).get_page(request.GET.get("page"))
    now = timezone.now()
    # One address looked up for the page, not one per venue: the list answers as fast with
    # 10,000 venues as with four (tests/bench_venues.py).
    address = reverse("guide:operator-venue", kwargs={"slug": SLUG_PLACEHOLDER})
    rows = [
        {
            "url": address.replace(SLUG_PLACEHOLDER, venue.slug),
            "name": venue.name,
            "published": venue.published,
            **dict(zip(("status", "flag"), _status(venue, now), strict=True)),
        }
        for venue in page
    ]
    return render(
        request,
        "guide/operator/venues.html",
        {
            "organisation": _organisation_name(user),
            "rows": rows,
            "unpublished": _("not published"),
            "page": page,
            "query": query,
        },
    )


def _when(moment, zone):
    """ "5 December 2026, 18:38", in the venue's local time, as the language writes a date."""
    local = moment.astimezone(zone)
    return f"{formats.date_format(local, 'DATE_FORMAT')}, {conditions.clock(local, zone)}"


def _organisation_name(user):
    if user.is_superuser:
        return _("Every organisation")
    return Organisation.objects.get(pk=organisation_of(user)).name


class ConditionsForm(forms.Form):
    """Today's conditions at one venue: its country's flags, the lifeguards, the hazards."""

    def __init__(self, venue, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.venue = venue
        self.now = now or timezone.now()
        self.flags = conditions.flags_for(venue)
        if self.flags:
            self.fields["flag"] = forms.ChoiceField(
                label=_("Flag flying now"),
                choices=[
                    *((flag.code, flag.name) for flag in self.flags),
                    (NO_FLAG_CHOICE, conditions.NO_FLAG.name),
                ],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose the flag that is flying, or “No flag”.")},
            )
        self.fields["lifeguards_until"] = forms.TimeField(
            label=_("Lifeguards on duty until"),
            required=False,
            widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            help_text=_(
                "Local time. Leave it empty if nobody is on duty. At that time the report "
                "stops showing as today's."
            ),
        )
        hazards = conditions.hazards_for(venue)
        if hazards:
            self.fields["hazards"] = forms.MultipleChoiceField(
                label=_("Hazards today"),
                choices=[(hazard.code, hazard.name) for hazard in hazards],
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        self.fields["note"] = forms.CharField(
            label=_("Anything else visitors should know"),
            required=False,
            max_length=conditions.NOTE_LENGTH,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        current = venue.conditions
        if not self.is_bound and conditions.is_current(current, self.now):
            # Today's report goes on from the last one; an old one starts nothing.
            until = current.lifeguards_until
            self.initial = {
                "flag": current.flag or NO_FLAG_CHOICE,
                "lifeguards_until": until.astimezone(venue.zone).time() if until else None,
                "hazards": current.hazards,
                "note": current.note,
            }

    def flag_choices(self):
        """Each radio button with its flag, to show its colours and meaning beside it."""
        flags = [*self.flags, conditions.NO_FLAG]
        return list(zip(self["flag"], flags, strict=True)) if self.flags else []

    def clean_lifeguards_until(self):
        clock = self.cleaned_data["lifeguards_until"]
        if clock is None:
            return None
        moment = conditions.next_time(clock, self.now, self.venue.zone)
        if moment is None:
            raise forms.ValidationError(
                _("%(time)s has passed today: when do the lifeguards go off duty?"),
                params={"time": clock.strftime("%H:%M")},
            )
        return moment

    def clean(self):
        cleaned = super().clean()
        said = [cleaned.get(name) for name in ("flag", "lifeguards_until", "hazards", "note")]
        if not self.flags and not self.errors and not any(said):
            raise forms.ValidationError(
                _("Say until when the lifeguards are on duty, or what visitors should know.")
            )
        return cleaned

    def save(self, user):
        flag = self.cleaned_data.get("flag", "")
        return conditions.record(
            self.venue,
            user,
            flag="" if flag == NO_FLAG_CHOICE else flag,
            lifeguards_until=self.cleaned_data["lifeguards_until"],
            hazards=self.cleaned_data.get("hazards", []),
            note=self.cleaned_data["note"].strip(),
            now=self.now,
        )


SAVED = gettext_lazy("Saved for %(venue)s: %(what)s. Visitors see it within a minute.")


@require_http_methods(["GET", "HEAD", "POST"])
@operator_page
def venue_conditions(request, slug):
    queryset = venues_for(request.user).select_related("conditions")
    venue = venue_or_404(request.user, slug, queryset)
    form = ConditionsForm(venue, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        report = form.save(request.user)
        status, _flag = _status(venue, report.reported_at)
        messages.success(request, SAVED % {"venue": venue.name, "what": status})
        return redirect("guide:operator")
    last = venue.conditions
    return render(
        request,
        "guide/operator/venue.html",
        {
            "venue": venue,
            "form": form,
            "last_reported": last and _when(last.reported_at, venue.zone),
        },
    )


@require_safe
@operator_page
def posters(request):
    queryset = venues_for(request.user).filter(published=True).order_by("name", "pk")
    page = Paginator(queryset, POSTERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "guide/operator/posters.html",
        {
            "organisation": _organisation_name(request.user),
            "posters": [poster_context(request, venue, f"qr-{venue.pk}") for venue in page],
            "page": page,
            "unpublished": venues_for(request.user).filter(published=False).count(),
        },
    )
