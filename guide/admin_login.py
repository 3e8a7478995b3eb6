"""Admin sign-in throttling with django-axes: which address counts, and which logins it watches."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


def client_address(request):
    """The address django-axes counts login failures by.

    Behind our nginx (DJANGO_BEHIND_PROXY=1) the peer is the proxy, which sets
    X-Forwarded-For to the client's address; elsewhere the peer is the client.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.headers.get("x-forwarded-for", "")
        if forwarded:
            return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR") or None


class ThrottledLogins(AxesStandaloneBackend):
    """django-axes's check on every sign-in that comes with a request (the admin's form).

    A sign-in without one (the test client's `login()`, a shell) is not over the network:
    left to the next backend, instead of axes's AxesBackendRequestParameterRequired.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
