"""Pages that are the same for everyone: rendered once per process, then served from memory.

A view marked `@same_for_everyone` promises that its page depends only on the URL's path (which
carries the language), the scheme and host (base.html's hreflang links), the code and content
of this release, and, through `version`, the database rows it shows. It must not read the query
string, cookies, the session or the user; if it does anyway, the response carries a cookie or
`Vary: Cookie` (or is private) and is not kept.

Two places keep pages, both per process, once with gzip and once without:
- `KeptPages` wraps the WSGI application (cramps_site/wsgi.py): a page with no `version` is kept
  exactly as it was sent, status and headers included, and answered before Django runs at all.
  It is only ever stored after Django answered that very scheme, host and path with a 200, so
  the HTTPS redirect and ALLOWED_HOSTS have already had their say.
- `PageCacheMiddleware` keeps pages with a `version` (venues): it asks the database whether the
  venue changed on every request, and renders again when it did.
Under ASGI (cramps_site/asgi.py) there is no front: the middleware keeps venue pages alone, and
every other page is rendered on each request.
A new release starts new processes, so a page never outlives the code and content it came from.
"""

import functools
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.middleware.gzip import re_accepts_gzip

# Bytes of page bodies one store may hold per process (every page of every language, in both
# encodings, is about 4 MB); past it, the least recently used go first.
MAX_BYTES = 32 * 1024 * 1024
# Set on the WSGI environ by the middleware when the WSGI front may keep the answer.
KEEP = "cramp_aid.keep_page"


class _Kept:
    """Pages by key, within MAX_BYTES of bodies; shared by a worker's threads."""

    def __init__(self):
        self._pages = OrderedDict()  # key: (value, size)
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            kept = self._pages.get(key)
            if kept is None:
                return None
            self._pages.move_to_end(key)
            return kept[0]

    def put(self, key, value, size):
        with self._lock:
            self._drop(key)
            self._pages[key] = (value, size)
            self._size += size
            while self._size > MAX_BYTES and self._pages:
                self._drop(next(iter(self._pages)))

    def pop(self, key):
        with self._lock:
            self._drop(key)

    def clear(self):
        with self._lock:
            self._pages.clear()
            self._size = 0

    def _drop(self, key):
        kept = self._pages.pop(key, None)
        if kept is not None:
            self._size -= kept[1]


_sent = _Kept()  # key: (status, headers, body) as the WSGI front sent them
_checked = _Kept()  # key: _Checked, for pages whose version the database decides


def same_for_everyone(view=None, *, version=None):
    """Marks a view's 200 answers as kept in memory (see the module's docstring).

    `version(**view_kwargs)` returns what the page shows from the database (a venue's update
    time): it is asked on every request, and a different answer renders the page again.
    """
    if view is None:
        return functools.partial(same_for_everyone, version=version)

    @functools.wraps(view)
    def marked(request, *args, **kwargs):
        # Asked before rendering: a change made meanwhile makes the next request render again.
        check = functools.partial(version, **kwargs) if version else None
        token = check() if check else None
        response = view(request, *args, **kwargs)
        response.page_cache_version = (check, token)
        return response

    return marked


def language_independent(view):
    """Marks a root view whose answer is the same in every language (the worker, the numbers
    table). Outside the language prefixes LocaleMiddleware still names the visitor's language
    (Content-Language, Vary: Accept-Language); that is dropped, so neither this cache nor a
    shared one hands one visitor's language to the next."""

    @functools.wraps(view)
    def marked(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.language_independent = True
        return response

    return marked


def _vary(response):
    return [name.strip() for name in response.headers.get("Vary", "").split(",") if name.strip()]


def _forget_the_visitors_language(response):
    vary = [name for name in _vary(response) if name.lower() != "accept-language"]
    if vary:
        response.headers["Vary"] = ", ".join(vary)
    else:
        response.headers.pop("Vary", None)
    response.headers.pop("Content-Language", None)


def page_key(environ):
    """What a page kept by the WSGI front may depend on, read from the environ as the server
    passed it (the front answers before Django has made a request of it)."""
    scheme = environ.get("wsgi.url_scheme", "http")
    if settings.SECURE_PROXY_SSL_HEADER:
        scheme += "|" + environ.get(settings.SECURE_PROXY_SSL_HEADER[0], "")
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    gzip = bool(re_accepts_gzip.search(environ.get("HTTP_ACCEPT_ENCODING", "")))
    return (scheme, host, path, gzip)


def request_key(request):
    """What a page kept by the middleware may depend on, from a WSGI or an ASGI request.

    The Host as sent: only a host Django accepted is ever stored under it, and validating it
    here would answer a bad one before LocaleMiddleware has picked the 400 page's language.
    """
    meta = request.META
    host = meta.get("HTTP_HOST") or f"{meta.get('SERVER_NAME')}:{meta.get('SERVER_PORT')}"
    gzip = bool(re_accepts_gzip.search(meta.get("HTTP_ACCEPT_ENCODING", "")))
    return (request.scheme, host, request.path, gzip)


def _host_as_configured(request):
    """Whether the Host header is spelled as ALLOWED_HOSTS names it: lower case, no final dot,
    and no port or the server's own (or the scheme's).

    ALLOWED_HOSTS ignores the port and the case, but pages carry the Host as sent (hreflang
    links): keeping each spelling would let anyone fill the memory with `Host: site:1`, `:2`…
    Other spellings are answered, rendered each time, and never kept.
    """
    host = request.get_host()  # validated against ALLOWED_HOSTS (DisallowedHost otherwise)
    domain, port = split_domain_port(host)
    if host == domain:
        return True
    default = "443" if request.scheme == "https" else "80"
    return port in (request.META.get("SERVER_PORT"), default) and host == f"{domain}:{port}"


class KeptPages:
    """The WSGI front: answers kept pages without Django, keeps the ones Django marks."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        key = page_key(environ)
        kept = _sent.get(key)
        if kept is not None:
            status, headers, body = kept
            start_response(status, list(headers))
            return [b"" if method == "HEAD" else body]
        sent = []

        def remember_start(status, headers, exc_info=None):
            sent[:] = [status, headers]
            return start_response(status, headers, exc_info)

        response = self.application(environ, remember_start)
        if not environ.get(KEEP) and method == "GET":
            return response
        try:
            body = b"".join(response)
        finally:
            response.close()
        if method == "HEAD":  # Django leaves the body in; a HEAD answer has none
            return []
        _sent.put(key, (sent[0], tuple(sent[1]), body), len(body))
        return [body]


class _Checked:
    __slots__ = ("check", "content", "headers", "status", "token")

    def __init__(self, response, check, token):
        self.content = response.content
        self.headers = dict(response.headers)
        self.status = response.status_code
        self.check, self.token = check, token

    def response(self):
        return HttpResponse(self.content, status=self.status, headers=self.headers)


def _keepable(response):
    if not hasattr(response, "page_cache_version") or response.streaming:
        return False
    # Kept apart by encoding only (the key): a page that varies by anything else (the cookie,
    # the visitor's language) would hand one visitor's answer to the next.
    return (
        response.status_code == 200
        and not response.cookies
        and all(name.lower() == "accept-encoding" for name in _vary(response))
        and "private" not in response.headers.get("Cache-Control", "")
    )


class PageCacheMiddleware:
    """Keeps venue pages until the venue changes; tells the WSGI front what it may keep."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        key = request_key(request)
        kept = _checked.get(key)
        if kept is not None:
            if kept.check() == kept.token:
                return kept.response()
            _checked.pop(key)
        response = self.get_response(request)
        if getattr(response, "language_independent", False):
            _forget_the_visitors_language(response)
        if request.method == "GET" and _keepable(response) and _host_as_configured(request):
            check, token = response.page_cache_version
            if check is None:
                # Only the WSGI front keeps these; an ASGI request has no environ to mark.
                if hasattr(request, "environ"):
                    request.environ[KEEP] = True
            else:
                _checked.put(key, _Checked(response, check, token), len(response.content))
        return response


def clear(**kwargs):
    _sent.clear()
    _checked.clear()


# Tests change settings that pages show (the emergency number, the public address).
setting_changed.connect(clear)
