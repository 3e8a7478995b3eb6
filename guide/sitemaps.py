"""/sitemap.xml: every public page in every language, and every published venue.

Past 50,000 addresses (the sitemap protocol's limit for one file) /sitemap.xml becomes Django's
sitemap index, naming /sitemap-pages.xml?p=1, ?p=2…, each within the limit. The venues' rows
are read in one query and their addresses built without a URL lookup each; the answer is kept
in memory until a venue is published, changed or taken down (cramps_site/page_cache.py), so
10,000 venues answer as fast as four.
"""

import time

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.urls import reverse
from django.utils import translation

from cramps_site.page_cache import language_independent, same_for_everyone

from . import content
from .models import Venue

# The diary's pages are shells (the data stays on the phone), listed so every check visits them.
DIARY_PAGES = ("diary", "diary-log", "diary-doctor")
SLUG_PLACEHOLDER = "__slug__"
DELETED_WITHIN_SECONDS = 3600


class PageSitemap(Sitemap):
    i18n = False  # pages already carry their language; items are (url, lastmod)

    def __init__(self):
        self._listed = None

    def items(self):
        # Asked for twice per answer (the paginator, then the page): read once.
        if self._listed is None:
            self._listed = [*self.pages(), *venue_items()]
        return self._listed

    def pages(self):
        items = []
        for language in content.languages():
            with translation.override(language):
                items.append((reverse("guide:home"), None))
                items.append((reverse("guide:country"), None))
                items.append((reverse("guide:reviews"), None))
                items += [(reverse(f"guide:{name}"), None) for name in DIARY_PAGES]
            items += [(page.url, page.reviewed) for page in content.public_pages(language)]
        return items

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


def venue_items():
    """(address, last change) of every published venue, in its operator's language."""
    addresses = {}
    for language in content.languages():
        with translation.override(language):
            addresses[language] = reverse("guide:venue", kwargs={"slug": SLUG_PLACEHOLDER})
    rows = Venue.objects.filter(published=True).order_by("pk")
    # A date, as the pages' review dates: a file of the index that lists only dated addresses
    # compares them all, and a date beside a datetime is a TypeError (a 500).
    return [
        (addresses[language].replace(SLUG_PLACEHOLDER, slug), updated.date())
        for slug, language, updated in rows.values_list("slug", "language", "updated")
        if language in addresses
    ]


def sitemaps():
    return {"pages": PageSitemap()}


def version(**kwargs):
    """What the kept sitemap lists from the database: the last change of a published venue.

    Any change, publishing or taking down saves the venue (a later `updated`), read from one
    index whatever the number of venues. A deleted venue changes nothing there: the hour makes
    the kept sitemap let go of it within the hour (a crawler meanwhile finds a 404).
    """
    published = Venue.objects.filter(published=True)
    latest = published.aggregate(latest=Max("updated"))["latest"]
    return (latest, int(time.time() // DELETED_WITHIN_SECONDS))


@same_for_everyone(version=version)
@language_independent
def sitemap(request):
    """One file while the addresses fit, else the index of files that each do."""
    listed = sitemaps()
    if any(site.paginator.num_pages > 1 for site in listed.values()):
        return sitemap_views.index(request, listed, sitemap_url_name="sitemap-section")
    return sitemap_views.sitemap(request, listed)


@language_independent
def section(request, section):
    """One file of the index (?p=2…): not kept, since it depends on the query string."""
    return sitemap_views.sitemap(request, sitemaps(), section=section)
