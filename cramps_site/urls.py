"""Root URLs: the service worker and django-pwa at the root, pages under /<lang>/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from guide.offline import service_worker
from guide.sitemaps import SITEMAPS

urlpatterns = [
    # Before pwa.urls: ours carries the generated precache list and version (django-pwa #73).
    path("serviceworker.js", service_worker, name="serviceworker"),
    path("", include("pwa.urls")),  # /manifest.json and /offline/ in the browser's language
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(path("", include("guide.urls")))
