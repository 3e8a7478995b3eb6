"""Root URLs: the service worker and django-pwa at the root, pages under /<lang>/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.decorators.vary import vary_on_cookie
from django.views.generic import TemplateView
from pwa import views as pwa_views

from cramps_site.page_cache import language_independent, same_for_everyone
from guide import sitemaps, views
from guide.offline import numbers, service_worker

# At the root, django-pwa's manifest and offline page speak the language of the browser or of
# the language cookie: private, so no shared cache hands one visitor's language to another.
in_visitors_language = cache_control(private=True, no_cache=True)

urlpatterns = [
    # Before django-pwa's: ours carries the generated precache list and version (django-pwa #73).
    path(
        "serviceworker.js",
        same_for_everyone(language_independent(service_worker)),
        name="serviceworker",
    ),
    # The emergency-numbers table, which the worker keeps offline (guide/emergency/).
    path("numbers.json", same_for_everyone(language_independent(numbers)), name="numbers"),
    path(
        "manifest.json",
        in_visitors_language(vary_on_cookie(pwa_views.manifest)),
        name="manifest",
    ),
    path("offline/", in_visitors_language(vary_on_cookie(views.offline)), name="offline"),
    # One file, or past 50,000 addresses an index of files (guide/sitemaps.py).
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path(settings.ADMIN_PATH, admin.site.urls),
]
urlpatterns += i18n_patterns(path("", include("guide.urls")))

# The 500 page speaks the visitor's language and offers the call button (guide/views.py).
handler500 = "guide.views.server_error"
