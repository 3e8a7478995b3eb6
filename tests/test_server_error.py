"""The 500 page: in the visitor's language, with the call button and the way to the steps.

A first-time visitor who meets a server error on /ru/now/ must still see Russian, a number to
call and the emergency screen's address, and the page must not need the database that may be
what failed.
"""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from test_health import NO_DATABASE, run_app

from guide import content

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def failing(monkeypatch, client):
    """Every emergency screen fails as a bug in a view would; the client sees the 500 page."""

    def broken(language):
        raise RuntimeError("a bug in the view")

    monkeypatch.setattr(content, "emergency_pages", broken)
    client.raise_request_exception = False
    return client


def says(body, language, *messages):
    with translation.override(language):
        return all(gettext(message) in body for message in messages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_server_error_answers_in_the_language_of_the_address(failing, language):
    response = failing.get(f"/{language}/now/water/")
    assert response.status_code == 500
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert says(body, language, "Something went wrong", "Cramp on land", "Cramp in the water")
    number = settings.EMERGENCY_NUMBER
    assert f'href="tel:{number}"' in body
    with translation.override(language):
        assert gettext("Call %(number)s") % {"number": number} in body
    assert f'href="/{language}/now/"' in body
    assert f'href="/{language}/now/water/"' in body


def test_a_server_error_outside_the_languages_answers_in_the_default_one(failing, monkeypatch):
    from guide import offline

    def broken():
        raise RuntimeError("a bug in the worker's script")

    monkeypatch.setattr(offline, "worker_script", broken)
    body = failing.get("/serviceworker.js").content.decode()
    assert f'<html lang="{settings.LANGUAGE_CODE}">' in body
    assert f'href="/{settings.LANGUAGE_CODE}/now/"' in body


def test_the_500_page_keeps_to_the_pages_policy(failing):
    import hashlib
    import re
    from base64 import b64encode

    response = failing.get("/es/now/")
    styles = re.findall(r"<style>(.*?)</style>", response.content.decode(), re.DOTALL)
    assert len(styles) == 1
    digest = b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in response["Content-Security-Policy"]
    assert "private" in response["Cache-Control"]
    # It runs no script, so its policy allows none inline (the emergency screens' first-paint
    # lines are theirs alone).
    assert "<script" not in response.content.decode()
    assert "script-src 'self';" in response["Content-Security-Policy"] + ";"


def test_the_500_page_needs_no_database():
    out = run_app(
        "from django.test import Client\n"
        "r = Client(raise_request_exception=False).get('/es/venues/playa-del-faro/')\n"
        "print('STATUS', r.status_code)\n"
        "print('BODY', r.content.decode().replace(chr(10), ' '))",
        DATABASE_URL=NO_DATABASE,
    )
    assert "STATUS 500" in out
    body = next(line for line in out.splitlines() if line.startswith("BODY"))
    assert '<html lang="es">' in body
    assert f'href="tel:{settings.EMERGENCY_NUMBER}"' in body
    assert 'href="/es/now/"' in body
