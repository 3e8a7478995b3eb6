"""The scripts share one copy of each helper and key, and take the server's names from the page.

The code review (December, 1.7 point 11) found helpers written twice, one copy without the
other's timeout or try/catch; a name the server owns (the language cookie) was written into a
script by hand, so changing the setting would have split the switcher from the worker.
"""

import re

import pytest
from django.conf import settings
from django.test import override_settings

SCRIPTS = sorted((settings.BASE_DIR / "static" / "js").rglob("*.js"))
# Inlined in the screens someone calls from (guide/first_paint.py): it cannot import.
FIRST_PAINT = "static/js/first-paint.js"


def sources():
    return {path.relative_to(settings.BASE_DIR).as_posix(): path.read_text() for path in SCRIPTS}


@pytest.mark.parametrize(
    "definition",
    [
        r"function askWorker\b",
        r"function keepAwake\b",
        r"function normalise\b",
        r"function read\(key\)",
        r"\"cramp-aid-venue\"",
        r"\"cramp-aid-country\"",
    ],
)
def test_each_helper_and_key_is_written_once(definition):
    found = [
        name
        for name, source in sources().items()
        if name != FIRST_PAINT and re.search(definition, source)
    ]
    assert len(found) == 1, f"{definition} in {found}"


def test_the_first_paints_lines_read_the_keys_app_js_writes():
    # first-paint.js runs inline as the page is parsed, before any module: it cannot import
    # app.js, so it names the two keys it reads again, and must name them as app.js does.
    scripts = sources()
    written = re.findall(
        r'export const (?:COUNTRY|VENUE)_KEY = ("[^"]+");', scripts["static/js/app.js"]
    )
    read = re.findall(r'read\(("[^"]+")\)', scripts[FIRST_PAINT])
    assert len(written) == 2
    assert sorted(read) == sorted(written)


def test_no_script_writes_the_language_cookies_name():
    assert [name for name, source in sources().items() if "django_language" in source] == []


@pytest.mark.django_db
@override_settings(LANGUAGE_COOKIE_NAME="cramp_aid_language")
def test_the_page_gives_app_js_the_language_cookies_name(client):
    body = client.get("/en/now/").content.decode()
    tag = re.search(r"<script[^>]+data-worker[^>]*>", body)[0]
    assert 'data-language-cookie="cramp_aid_language"' in tag
