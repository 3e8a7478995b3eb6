"""Shared fixtures: an HTTPS test client (production settings redirect plain http), and staff
signing in as people do (password and second factor)."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from guide import page_cache


class HttpsClient(Client):
    """Tests run with the production defaults (DEBUG off, HTTPS on): requests are https."""

    def generic(self, *args, **kwargs):
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test renders its own pages: one test's settings or data never leak into the next."""
    page_cache.clear()
    yield
    page_cache.clear()


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    """Django's hasher costs about a second a password on these machines, by design; the sign-in
    tests try dozens. What they test (who may try, how often) does not depend on the hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client():
    return HttpsClient()


@pytest.fixture
def sitemap_paths(client):
    """Every path /sitemap.xml lists, without scheme and host."""
    body = client.get("/sitemap.xml").content.decode()
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>(.*?)</loc>", body)]


def one_time_code(username):
    """What `manage.py addstatictoken USERNAME` prints: a code that completes the second step."""
    output = io.StringIO()
    call_command("addstatictoken", username, stdout=output)
    return output.getvalue().strip()


def sign_in(client, user, password, **request):
    """Signs staff in through the admin's own form: user name, password and a one-time code.

    `client.login()` or `force_login()` would open a session without the second factor, which
    the admin treats as signed out.
    """
    response = client.post(
        f"/{settings.ADMIN_PATH}login/",
        {
            "username": user.get_username(),
            "password": password,
            "otp_token": one_time_code(user.get_username()),
        },
        **request,
    )
    assert response.status_code == 302, response.content.decode()[-1500:]
    return client
