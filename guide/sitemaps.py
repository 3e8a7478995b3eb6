"""/sitemap.xml: every public page in every language, and every published venue.

Past 50,000 addresses (the sitemap protocol's limit for one file) /sitemap.xml becomes Django's
sitemap index, naming /sitemap-pages.xml?p=1, ?p=2…, each within the limit. The venues' rows
are read in one query and their addresses built without a URL lookup each; the answer is kept
in memory until a venue is published, changed or taken down (guide/page_cache.py), so 10,000
venues answer as fast as four.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import translation

from . import content
from .models import Venue
from .page_cache import language_independent, same_for_everyone

# The diary's pages are shells (the data stays on the phone), listed so every check visits them.
DIARY_PAGES = ("diary", "diary-log", "diary-doctor")
SLUG_PLACEHOLDER = "__slug__"


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
    return [
        (addresses[language].replace(SLUG_PLACEHOLDER, slug), updated)
        for slug, language, updated in rows.values_list("slug", "language", "updated")
        if language in addresses
    ]


def sitemaps():
    return {"pages": PageSitemap()}


def version(**kwargs):
    """What the kept sitemap lists from the database: the published venues and their changes."""
    published = Venue.objects.filter(published=True)
    return tuple(published.aggregate(Count("pk"), Max("updated"), Max("pk")).values())


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
