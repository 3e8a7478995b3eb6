"""Response headers Django has no setting for: Permissions-Policy, shared-cache rules, and
compression padded only where it must be."""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control


class PublicCacheMiddleware:
    """Lets a shared cache or CDN hold anonymous pages; keeps everything personal private.

    A page is public when it is a GET answered 200 that set no cookie and did not read one
    (no `Vary: Cookie`). It sits above SessionMiddleware in MIDDLEWARE so that it sees the
    `Vary: Cookie` a session read adds (a staff preview of an unpublished venue). Views that
    must always be revalidated (the service worker, the manifests) set their own
    Cache-Control, which is left alone; views whose public answers must not be held as long
    as the rest (venues) set `response.public_cache_seconds`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if "Cache-Control" in response.headers or request.path.startswith("/static/"):
            return response
        vary = response.headers.get("Vary", "").lower()
        public = (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.cookies
            and "cookie" not in vary
            and not request.path.startswith(f"/{settings.ADMIN_PATH}")
        )
        if public:
            seconds = getattr(response, "public_cache_seconds", settings.PUBLIC_CACHE_SECONDS)
            patch_cache_control(response, public=True, max_age=seconds)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response


class Compression(GZipMiddleware):
    """Django's gzip, padded against BREACH only where the page can hold a secret.

    The padding (up to 100 random bytes) only matters when a secret, such as a CSRF token or
    anything of a session, is in the body beside text an attacker can make the page echo. The
    pages the same for everyone hold none, and the emergency screen has 14 KB for everything.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self.unpadded = GZipMiddleware(get_response)
        self.unpadded.max_random_bytes = 0

    def process_response(self, request, response):
        secret = (
            request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or response.cookies
            or "cookie" in response.headers.get("Vary", "").lower()
        )
        if secret:
            return super().process_response(request, response)
        return self.unpadded.process_response(request, response)
