"""Test clients over HTTPS and staff signing in as people do (password and second factor).

A module of its own, not conftest.py: three conftest files sit in this tree, and `from conftest
import` would take whichever pytest imported last (the WebKit one, in CI's order)."""

import io

from django.conf import settings
from django.core.management import call_command
from django.test import AsyncClient, Client


class HttpsClient(Client):
    """Tests run with the production defaults (DEBUG off, HTTPS on): requests are https."""

    def generic(self, *args, **kwargs):
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


class HttpsAsyncClient(AsyncClient):
    """The same requests through Django's ASGI handler (cramps_site/asgi.py serves it)."""

    def generic(self, *args, **kwargs):
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


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
