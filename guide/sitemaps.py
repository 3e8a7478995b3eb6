"""/sitemap.xml: every public page in every language, and every published venue."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from . import content
from .models import Venue

# The diary's pages are shells (the data stays on the phone), listed so every check visits them.
DIARY_PAGES = ("diary", "diary-log", "diary-doctor")


class PageSitemap(Sitemap):
    i18n = False  # pages already carry their language; items are (language, url, lastmod)

    def items(self):
        items = []
        for language in content.languages():
            with translation.override(language):
                items.append((reverse("guide:home"), None))
                items.append((reverse("guide:country"), None))
                items.append((reverse("guide:reviews"), None))
                items += [(reverse(f"guide:{name}"), None) for name in DIARY_PAGES]
            items += [(page.url, page.reviewed) for page in content.public_pages(language)]
        # A venue page lives in its operator's language.
        items += [(v.get_absolute_url(), v.updated) for v in Venue.objects.filter(published=True)]
        return items

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


SITEMAPS = {"pages": PageSitemap}
