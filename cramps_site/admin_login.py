"""Staff sign-in throttling with django-axes: which address counts, and a limit per user name.

Two limits (README, "Security"):
- per user name and address (django-axes): AXES_FAILURE_LIMIT failures lock that pair out for
  AXES_COOLOFF_TIME. IPv6 addresses count by their /64, what one subscriber usually holds.
- per user name, from every address together: after SIGN_IN_NAME_FAILURE_LIMIT failures within
  SIGN_IN_NAME_WINDOW, that name signs in only from a known place: an address (its /64) where it
  signed in before, or a browser that did (a signed cookie). A guesser with many addresses gets a
  handful of tries an hour; the operator, at their desk or on their own phone, is not stopped.
"""

import ipaddress

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_credentials
from axes.models import AccessFailureLog, AccessLog
from django.conf import settings
from django.core import signing
from django.utils import timezone

KNOWN_BROWSER_COOKIE = "cramp_aid_staff_browser"
KNOWN_BROWSER_SALT = "cramps_site.admin_login.known-browser"


def client_address(request):
    """The address django-axes counts by: the client's (cramps_site/proxies.py), IPv6 by its /64."""
    address = request.META.get("REMOTE_ADDR") or ""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return None
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


def name_is_guarded(username):
    """Whether this user name failed too often lately, from every address together."""
    since = timezone.now() - settings.SIGN_IN_NAME_WINDOW
    failures = AccessFailureLog.objects.filter(username=username, attempt_time__gte=since)
    return failures.count() >= settings.SIGN_IN_NAME_FAILURE_LIMIT


def is_known_place(request, username):
    """A browser or an address from which this user name completed a sign-in before."""
    cookie = request.COOKIES.get(KNOWN_BROWSER_COOKIE, "")
    try:
        known = signing.loads(
            cookie, salt=KNOWN_BROWSER_SALT, max_age=settings.SIGN_IN_KNOWN_PLACE_AGE
        )
    except signing.BadSignature:
        known = None
    if known is not None and known == username:
        return True
    since = timezone.now() - settings.SIGN_IN_KNOWN_PLACE_AGE
    return AccessLog.objects.filter(
        username=username, ip_address=client_address(request), attempt_time__gte=since
    ).exists()


def remember_browser(response, username, path=None):
    """After a complete sign-in: this browser is a known place for this user name, where it
    signs in (the admin's path, or the operator pages')."""
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        signing.dumps(username, salt=KNOWN_BROWSER_SALT),
        max_age=int(settings.SIGN_IN_KNOWN_PLACE_AGE.total_seconds()),
        path=path or f"/{settings.ADMIN_PATH}",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )


class ThrottledLogins(AxesStandaloneBackend):
    """django-axes's check on every sign-in that comes with a request, and the name's limit.

    A sign-in without a request (the test client's `login()`, a shell) is not over the network:
    left to the next backend, instead of axes's AxesBackendRequestParameterRequired. It does not
    reach the admin either, which asks for the second factor (guide/second_factor.py).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        super().authenticate(request, username=username, password=password, **kwargs)
        if name_is_guarded(username) and not is_known_place(request, username):
            # Refused before the password is checked, answered like any lockout (429).
            request.axes_locked_out = True
            request.axes_credentials = get_credentials(username)
            raise AxesBackendPermissionDenied("this user name signs in from known places only")
        return None
