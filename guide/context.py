"""Template context every page needs: the emergency number and the page in other languages."""

from django.conf import settings
from django.urls import translate_url

from .offline import VENUES_CACHE


def site(request):
    return {
        "emergency_number": settings.EMERGENCY_NUMBER,
        "language_cookie": settings.LANGUAGE_COOKIE_NAME,  # app.js sets it, the worker reads it
        "theme_color": settings.PWA_APP_THEME_COLOR,
        "languages": languages(request),
        "venues_cache": VENUES_CACHE,
    }


# A venue's page and poster exist in the venue's language only (guide/venues.py).
ONE_LANGUAGE = {"venue", "venue-poster"}


def languages(request):
    """(code, name, path) of this page in each language, or [] where it has no translations."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "guide" or match.url_name in ONE_LANGUAGE:
        return []
    return [(code, name, translate_url(request.path, code)) for code, name in settings.LANGUAGES]
