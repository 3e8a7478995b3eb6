"""The service worker: its precache list and version, from the URL registry and static files."""

import hashlib
import json
from functools import cache
from urllib.parse import parse_qs

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import content, emergency, stylesheets

WORKER_SOURCE = settings.BASE_DIR / "static" / "js" / "serviceworker.js"
# Static files pages use offline: the scripts, and the one stylesheet every page but the
# emergency screens links (those inline theirs; guide/stylesheets.py). Not the stylesheet's
# sources (css/app.css...), which no page loads, nor icons: the favicon is a data: URI, and
# home-screen icons and the admin's files are fetched by the browser when needed, never by a
# page. Whatever else is kept costs every language's 300 KB pack (tests/test_offline.py).
OFFLINE_STATIC_PREFIXES = ("js/",)
OFFLINE_STATIC_FILES = (stylesheets.LINKED,)
# The worker's source is served by its own view; first-paint.js is inlined in the pages.
OFFLINE_STATIC_EXCLUDED = ("js/serviceworker.js", "js/first-paint.js")
CACHE_PREFIX = "cramp-aid"
# Every answer of the app names the version it was built for; the worker keeps only its own.
VERSION_HEADER = "Cramp-Aid-Version"
# Precache requests carry the version in their address, so a CDN or shared cache holding the
# previous version's pages cannot answer them; the views ignore it.
VERSION_QUERY = "__v"
# What changes pages besides content and static files: templates, catalogues, the Python
# that renders them (views, the Markdown pipeline, template tags, settings).
FINGERPRINTED = {".md", ".html", ".svg", ".json", ".po", ".py", ".txt", ".toml"}
# Venues the user saved: filled by the page (venue.js), kept by the worker across versions.
VENUES_CACHE = f"{CACHE_PREFIX}-venues"


def static_urls():
    """The hashed URLs of the static files that pages use, from collectstatic's manifest."""
    names = [
        name
        for name in staticfiles_storage.hashed_files
        if (name.startswith(OFFLINE_STATIC_PREFIXES) or name in OFFLINE_STATIC_FILES)
        and name not in OFFLINE_STATIC_EXCLUDED
    ]
    return sorted(staticfiles_storage.url(name) for name in names)


def static_roots():
    """The project's own static folders ("/static/js/"…), from static/ itself: not the admin's."""
    folders = [path.name for path in settings.STATICFILES_DIRS[0].iterdir() if path.is_dir()]
    return [f"{settings.STATIC_URL}{name}/" for name in sorted(folders)]


def page_urls(language):
    """Every page of one language the app must open offline, emergency screens first."""
    pages = sorted(content.public_pages(language), key=lambda page: page.url)
    with translation.override(language):
        shells = [
            reverse("guide:home"),
            reverse("guide:offline"),
            reverse("guide:manifest"),
            reverse("guide:search"),
            reverse("guide:search-index"),
            reverse("guide:saved-venues"),
            reverse("guide:country"),
            reverse("numbers"),
            reverse("guide:reviews"),
            reverse("guide:diary"),
            reverse("guide:diary-log"),
            reverse("guide:diary-doctor"),
        ]
    others = [page.url for page in pages if not page.is_emergency]
    return [*emergency_urls(language), *shells, *others]


def venues_path():
    """The venues' path after the language prefix ("/venues/"), from the URL registry."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("guide:saved-venues").removeprefix(f"/{settings.LANGUAGE_CODE}")


def emergency_urls(language):
    return [content.page_url("now", slug, language) for slug in content.EMERGENCY_SLUGS]


def _code_and_content_fingerprint():
    """A hash of every file that changes what a page shows, besides the static files.

    Sources, not build output (.po, not .mo): every server of one release agrees on it.
    """
    digest = hashlib.sha256()
    for root in [settings.BASE_DIR / "guide", settings.BASE_DIR / "cramps_site"]:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in FINGERPRINTED:
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    digest.update(settings.EMERGENCY_NUMBER.encode())
    digest.update(settings.RELEASE.encode())
    return digest.hexdigest()


def _config():
    languages = content.languages()
    return {
        "cachePrefix": CACHE_PREFIX,
        "venuesCache": VENUES_CACHE,
        "venuesPath": venues_path(),
        "versionHeader": VERSION_HEADER,
        "versionQuery": VERSION_QUERY,
        "languageCookie": settings.LANGUAGE_COOKIE_NAME,
        "static": static_urls(),
        "pages": {language: page_urls(language) for language in languages},
        "emergency": {language: emergency_urls(language) for language in languages},
        "home": {language: _reverse_in("guide:home", language) for language in languages},
        "offline": {language: _reverse_in("guide:offline", language) for language in languages},
        "defaultLanguage": settings.LANGUAGE_CODE,
        # The numbers table and each time zone's country, kept offline with every language's
        # pages: the worker reads it only when a page asks for the phone's country.
        "numbers": reverse("numbers"),
        # Only the app's own routes are the worker's: pages under a language (above), these
        # at the root, and the project's own static folders. Everything else (the admin,
        # wherever DJANGO_ADMIN_PATH puts it, and other apps' files) it leaves alone, without
        # ever naming it here, in a file anyone can read.
        "rootPages": ["/", reverse("offline")],
        "staticRoots": static_roots(),
    }


def _reverse_in(name, language):
    with translation.override(language):
        return reverse(name)


@cache
def version():
    """This release's version: a hash of the static files, code, content and worker source."""
    parts = [
        staticfiles_storage.manifest_hash,
        _code_and_content_fingerprint(),
        WORKER_SOURCE.read_text(encoding="utf-8"),
        json.dumps(_config(), sort_keys=True),
        numbers_json(),  # the table, and tzdata's zones, which live outside the fingerprint
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


@cache
def worker_script():
    """The worker's source with its version and lists prepended; built once per process."""
    config = {**_config(), "version": version()}
    source = WORKER_SOURCE.read_text(encoding="utf-8")
    return f"const CONFIG = {json.dumps(config, separators=(',', ':'))};\n{source}"


@cache
def numbers_json():
    """The numbers table and the time zones' countries, as the worker keeps them offline."""
    table = {"countries": emergency.for_worker(), "zones": emergency.time_zones()}
    return json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@require_safe
def numbers(request):
    """/numbers.json: one document for every language, part of each language's offline pack."""
    return HttpResponse(numbers_json(), content_type="application/json; charset=utf-8")


class OtherVersionsUnshared:
    """The WSGI front: an answer to `?__v=` naming another version is never kept by a cache.

    Such a request is either an installed app of a release this server is not (a rolling
    deploy), or someone fetching the next release's address ahead of it: the answer, this
    release's page, would otherwise sit in nginx's cache or a CDN under the next release's
    address, and that release's workers, which refuse it, could not install until it expired.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        asked = parse_qs(environ.get("QUERY_STRING", "")).get(VERSION_QUERY)
        if not asked or asked == [version()]:
            return self.application(environ, start_response)

        def unshared(status, headers, exc_info=None):
            headers = [(name, value) for name, value in headers if name.lower() != "cache-control"]
            return start_response(status, [*headers, ("Cache-Control", "no-store")], exc_info)

        return self.application(environ, unshared)


def version_header(get_response):
    """Middleware: marks the app's own answers with the version they belong to (see above)."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault(VERSION_HEADER, version())
        return response

    return middleware


@require_safe
@cache_control(no_cache=True, max_age=0)
def service_worker(request):
    """The one service worker, at the root scope; always revalidated so updates are seen."""
    return HttpResponse(worker_script(), content_type="text/javascript; charset=utf-8")
