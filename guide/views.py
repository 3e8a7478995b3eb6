"""Thin views: pick the content, render a template."""

import json

from django.conf import settings
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.csp import CSP
from django.utils.translation import get_language, ngettext
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe
from pwa import views as pwa_views

from cramps_site.page_cache import same_for_everyone

from . import content, first_paint, plurals, search, stylesheets
from . import emergency as numbers

# The emergency screens inline app.css alone (guide:inline_css "emergency") and link no
# stylesheet: their policy allows that one inline stylesheet, every other page's none. The 500
# page inlines it too, and runs no script.
INLINE_STYLE_CSP = {
    **settings.SECURE_CSP,
    "style-src": [CSP.SELF, stylesheets.INLINE_HASHES["emergency"]],
}
# The emergency screens also run the first paint's inline lines (guide/first_paint.py).
EMERGENCY_CSP = first_paint.allowed_in(INLINE_STYLE_CSP)


def _page_or_404(section, slug):
    page = content.get_page(get_language(), section, slug)
    if page is None or slug == content.RED_FLAGS_SLUG:
        raise Http404(f"No {section} page {slug!r}")
    return page


@require_safe
@same_for_everyone
def home(request):
    language = get_language()
    return render(
        request,
        "guide/home.html",
        {
            "emergencies": content.emergency_pages(language),
            "guide_pages": content.section_pages(language, "guide"),
            "water_index": content.get_page(language, "water", content.WATER_INDEX_SLUG),
        },
    )


@require_safe
@same_for_everyone
@csp_override(EMERGENCY_CSP)
def emergency(request, slug):
    language = get_language()
    return render(
        request,
        "guide/emergency.html",
        {
            "page": _page_or_404("now", slug),
            "emergencies": content.emergency_pages(language),
            "red_flags": content.red_flags(language),
            # Steps and the number, not the guide's search: 14 KB to the whole screen.
            "hide_search": True,
        },
    )


@require_safe
@same_for_everyone
def content_page(request, section, slug):
    page = _page_or_404(section, slug)
    if slug == content.WATER_INDEX_SLUG:
        raise Http404("The water pack's index lives at /water/")
    return render(
        request,
        "guide/page.html",
        {"page": page, "red_flags": content.red_flags(get_language())},
    )


@require_safe
@same_for_everyone
def water_index(request):
    language = get_language()
    return render(
        request,
        "guide/water_index.html",
        {
            "page": _page_or_404("water", content.WATER_INDEX_SLUG),
            "water_pages": content.section_pages(language, "water"),
        },
    )


@require_safe
@same_for_everyone
def reviews(request):
    """Every page with its review dates and its sources' check dates: how current the advice is."""
    return render(
        request, "guide/reviews.html", {"sections": content.reading_order(get_language())}
    )


@require_safe
def search_page(request):
    query = request.GET.get("q", "")[:200]
    language = get_language()
    return render(
        request,
        "guide/search.html",
        {
            "query": query,
            "results": search.find(language, query),
            "spellings": json.dumps(search.SPELLINGS.get(language, {}), ensure_ascii=False),
            "hide_search": True,
        },
    )


@require_safe
@same_for_everyone
def search_index(request):
    index = search.index(get_language())
    return JsonResponse(index, safe=False, json_dumps_params={"ensure_ascii": False})


@require_safe
@same_for_everyone
def country_page(request):
    shown = plurals.forms_json(
        lambda count: ngettext("%(count)s country shown", "%(count)s countries shown", count)
    )
    return render(
        request,
        "guide/country.html",
        {"countries": numbers.listing(get_language()), "countries_shown": shown},
    )


@csp_override(INLINE_STYLE_CSP)  # app.css inline, as on the emergency screens
def server_error(request):
    """The 500 page (handler500), in the language of the address, with the number to call.

    Whatever failed (the database, a template, a view) may fail again: no request context, no
    database, no static manifest, only the language from the path and the server's number.
    """
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        body = render_to_string(
            "500.html", {"language": language, "emergency_number": settings.EMERGENCY_NUMBER}
        )
    return HttpResponseServerError(body)


# django-pwa's offline page (offline.html) is one of the screens someone calls from: it runs
# the first paint's inline lines too.
offline = csp_override(first_paint.CALLING_CSP)(pwa_views.offline)
