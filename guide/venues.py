"""Venue pages, their printable posters with a QR code, and the "My saved venues" page."""

import functools
import json

import segno
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from cramps_site.page_cache import same_for_everyone

from . import content, emergency, first_paint, local_words
from .models import Venue

# What a venue's visitors call lifeguards, a pool and the first-aid point where Spanish differs
# by country (GLOSSARY.md; native review, December 2026, 2.20): Spain says socorristas, piscina
# and puesto de socorro; Mexico salvavidas and alberca; Argentina and Uruguay guardavidas and
# pileta; elsewhere in the Americas salvavidas and piscina; the Americas say primeros auxilios.
SPANISH_BY_COUNTRY = {
    "ES": ("socorristas", "Piscina", "Puesto de socorro"),
    "MX": ("salvavidas", "Alberca", "Primeros auxilios"),
    "AR": ("guardavidas", "Pileta", "Primeros auxilios"),
    "UY": ("guardavidas", "Pileta", "Primeros auxilios"),
}
SPANISH_ELSEWHERE = ("salvavidas", "Piscina", "Primeros auxilios")


def venue_words(venue):
    """The labels of a venue's page and poster, in its language and, for Spanish, Portuguese
    and French, its country (guide/local_words.py)."""
    with translation.override(venue.language):
        words = {
            "lifeguards": _("Lifeguards"),
            "lifeguard_hours": _("Lifeguard hours"),
            "lifeguard_phone": _("Lifeguards' phone"),
            "first_aid_point": _("First-aid point"),
            "kind": venue.get_kind_display(),
            "defibrillator": _("Nearest defibrillator (AED)"),
        }
    if venue.language == "es" and venue.country:
        lifeguards, pool, first_aid = SPANISH_BY_COUNTRY.get(venue.country, SPANISH_ELSEWHERE)
        words["lifeguards"] = lifeguards.capitalize()
        words["lifeguard_hours"] = f"Horario de los {lifeguards}"
        words["lifeguard_phone"] = f"Teléfono de los {lifeguards}"
        words["first_aid_point"] = first_aid
        if venue.kind == venue.Kind.POOL:
            words["kind"] = pool
    return {**words, **local_words.words(venue)}


OWN_LINE_LABELS = {
    "rescue": _lazy("Emergency line at %(venue)s: %(number)s"),
    "lifeguards": _lazy("Lifeguards at %(venue)s: %(number)s"),
}


def own_line(venue):
    """The venue's own line as its second call button shows it, or None."""
    line = venue.own_line
    if line is None:
        return None
    label = OWN_LINE_LABELS[line.kind] % {"venue": venue.name, "number": line.number}
    return {"kind": line.kind, "number": line.number, "label": label}


def venue_json(request, venue):
    """What venue.js keeps for 12 hours, and the page's inline lines read before the paint:
    the venue's own line, its country's entry of the numbers table (as the worker has it) and
    where its defibrillator is (the rescue screen's defibrillator step names it, timer.js)."""
    line = venue.own_line
    country = emergency.for_worker().get(venue.country)
    data = {
        "url": request.path,
        "name": venue.name,
        "number": line.number if line else "",
        "kind": line.kind if line else "",
        "country": {"code": venue.country, **country} if country else None,
        "defibrillator": venue.defibrillator,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _published_or_404(request, slug):
    venue = get_object_or_404(Venue, slug=slug)
    # Only an unpublished venue asks who is looking, so published pages stay cacheable.
    if not venue.published and not request.user.is_staff:
        raise Http404("No such venue")
    return venue


def _in_its_language(request, venue, url):
    """A venue's words are in its operator's language: other prefixes lead to its own.

    Temporary: an operator may correct the venue's language, and a browser would keep a
    permanent redirect for good. The query string (a poster's ?from=) goes along.
    """
    if get_language() == venue.language:
        return None
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{url}?{query}" if query else url)


def published_version(slug):
    """What a kept venue page or poster shows from the database: None once unpublished."""
    return Venue.objects.filter(slug=slug, published=True).values_list("updated").first()


def absolute_url(request, path):
    """Printed posters outlive hosts and proxies: prefer the configured public address."""
    base = settings.PUBLIC_BASE_URL or f"{request.scheme}://{request.get_host()}"
    return base.rstrip("/") + path


def qr_svg(payload):
    """The payload as an inline SVG QR code (error correction M: survives a wet noticeboard)."""
    code = segno.make(payload, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, svgclass="qr", lineclass=None, omitsize=True)
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-labelledby="qr-label" ', 1))


def briefly_shared(view):
    """A shared cache lets go of a venue's page or poster within VENUE_CACHE_SECONDS."""

    @functools.wraps(view)
    def shared(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_cache_seconds = settings.VENUE_CACHE_SECONDS
        return response

    return shared


@require_safe
@same_for_everyone(version=published_version)
@briefly_shared
@csp_override(first_paint.CALLING_CSP)  # one of the screens someone calls from
def venue_page(request, slug):
    venue = _published_or_404(request, slug)
    if elsewhere := _in_its_language(request, venue, venue.get_absolute_url()):
        return elsewhere
    return render(
        request,
        "guide/venue.html",
        {
            "venue": venue,
            "words": venue_words(venue),
            # The venue's country's number on the call buttons, its own line a second button.
            "emergency_number": venue.country_number,
            "own_line": own_line(venue),
            "venue_json": venue_json(request, venue),
        },
    )


@require_safe
@same_for_everyone(version=published_version)
@briefly_shared
def poster(request, slug):
    venue = _published_or_404(request, slug)
    if elsewhere := _in_its_language(request, venue, venue.get_poster_url()):
        return elsewhere
    url = absolute_url(request, venue.get_absolute_url())
    water = content.get_page(venue.language, "now", "water")
    with translation.override(venue.language):  # the poster speaks the venue's language
        line = own_line(venue)
    return render(
        request,
        "guide/poster.html",
        {
            "venue": venue,
            "words": venue_words(venue),
            "venue_url": url,
            "qr": qr_svg(url),
            "steps": water.steps[:4],
            "own_line": line,
            "hide_search": True,
        },
    )


@require_safe
def saved_venues(request):
    return render(request, "guide/saved_venues.html", {})
