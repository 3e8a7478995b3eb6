"""/healthz for load balancers: 200 when this process can reach its database, else 503."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.log import log_response

HEALTH_PATH = "/healthz"


def health_check(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # The next probe must try a new connection, not reuse the broken one.
        connection.close_if_unusable_or_obsolete()
        response = JsonResponse({"status": "database unavailable"}, status=503)
        # One line, as Django logs every 5xx, with the reason added.
        log_response(
            "Database unavailable: %s (%s: %s)",
            request.path,
            type(error).__name__,
            error,
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
