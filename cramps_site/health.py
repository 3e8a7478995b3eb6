"""/healthz for load balancers: 200 when what a user would meet works, else 503 naming what not.

Three parts, each checked on every probe: the database answers a query; the numbers table
loads and the service worker's version builds from it; the default language's first emergency
screen renders with its call button. The answer names the failing parts only; the reasons
(a row of the table, an exception's message) go to the log, never to the wire.
"""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.log import log_response

HEALTH_PATH = "/healthz"


def database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # The next probe must try a new connection, not reuse the broken one.
        connection.close_if_unusable_or_obsolete()
        raise


def numbers_table():
    from guide import emergency, offline

    emergency.countries()
    offline.version()  # what every answer's version header needs, the table included


def emergency_page():
    """The land screen, rendered by its view as a first visit would get it (no middleware)."""
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("guide:now-land")
        match = resolve(url)
        request = HttpRequest()
        request.method = "GET"
        request.path = request.path_info = url
        response = match.func(request, *match.args, **match.kwargs)
    call = f'href="tel:{settings.EMERGENCY_NUMBER}"'.encode()
    if response.status_code != 200 or call not in response.content:
        raise RuntimeError(f"{url} answered {response.status_code} without its call button")


PARTS = {"database": database, "numbers table": numbers_table, "emergency page": emergency_page}


def health_check(request):
    failing, reasons = [], []
    for name, check in PARTS.items():
        try:
            check()
        except Exception as error:  # any failure is this part's: name it, log why, go on
            failing.append(name)
            reasons.append(f"{name} ({type(error).__name__}: {error})")
    if failing:
        response = JsonResponse({"status": "unavailable", "failing": failing}, status=503)
        # One line, as Django logs every 5xx, with the reasons added.
        log_response(
            "Unhealthy: %s: %s",
            request.path,
            "; ".join(reasons),
            response=response,
            request=request,
        )
    else:
        response = JsonResponse({"status": "ok"})
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers /healthz before anything else runs.

    Probes come over plain http from inside the network, with the server's address as Host:
    answering here keeps them clear of the HTTPS redirect and of ALLOWED_HOSTS.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return health_check(request)
        return self.get_response(request)
