"""/healthz for load balancers, and what the app writes to its log.

Healthy means what a user would meet works: the database answers, the numbers table loads
(with the worker's version built from it), and an emergency screen renders with its call
button. A failing part is named in the answer; why it failed goes to the log only.
"""

import json
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

from guide import emergency, offline

# A PostgreSQL server that is not there: a socket directory nobody listens in.
NO_DATABASE = "postgres://cramp_aid@%2Fnonexistent-cramp-aid/cramp_aid"


@pytest.mark.django_db
def test_health_answers_ok_over_plain_http_to_any_host():
    response = Client().get("/healthz", headers={"host": "10.0.0.7:8000"})
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.fixture
def bad_numbers_table(monkeypatch, tmp_path):
    """The table as a process that never checked it at start would find it: a letter in a
    number. Every cache built from it is emptied before and after."""
    table = tmp_path / "numbers.toml"
    text = emergency.NUMBERS_FILE.read_text(encoding="utf-8")
    table.write_text(text.replace('ambulance = "998"', 'ambulance = "99B"', 1), encoding="utf-8")
    monkeypatch.setattr(emergency, "NUMBERS_FILE", table)
    caches = (emergency.countries, offline.numbers_json, offline.version, offline.worker_script)
    for cached in caches:
        cached.cache_clear()
    yield
    for cached in caches:
        cached.cache_clear()


def unhealthy(response):
    assert response.status_code == 503
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == "unavailable"
    assert "Traceback" not in response.content.decode()
    return body["failing"]


@pytest.mark.django_db
def test_health_names_an_unusable_numbers_table_and_logs_why(bad_numbers_table, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = Client().get("/healthz")
    assert unhealthy(response) == ["numbers table"]
    assert "99B" not in response.content.decode()  # the reason goes to the log, not the wire
    assert "numbers.toml, row 2 (AE): `ambulance` must be digits only" in caplog.text


@pytest.mark.django_db
def test_health_names_an_emergency_screen_that_cannot_render(settings, tmp_path, caplog):
    # A deploy that skipped collectstatic: every page fails on its first script's address.
    settings.STATIC_ROOT = tmp_path
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = Client().get("/healthz")
    assert unhealthy(response) == ["emergency page"]
    assert "Missing staticfiles manifest" in caplog.text


def run_app(script, **environment):
    """Runs `script` with Django set up, in a process of its own, with this environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + script],
        cwd=settings.BASE_DIR,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "cramps_site.settings",
            "DJANGO_HTTPS": "0",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            **environment,
        },
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def test_health_answers_503_when_the_database_is_unreachable_and_logs_why():
    out = run_app(
        "from django.test import Client\n"
        "r = Client().get('/healthz')\n"
        "print('RESULT', r.status_code, r['Cache-Control'], r.content.decode(), sep='|')",
        DATABASE_URL=NO_DATABASE,
    )
    result = next(line for line in out.splitlines() if line.startswith("RESULT"))
    _, status, cache_control, body = result.split("|", 3)
    assert status == "503"
    assert json.loads(body) == {"status": "unavailable", "failing": ["database"]}
    assert cache_control == "no-store"
    errors = [line for line in out.splitlines() if " ERROR " in line]
    assert len(errors) == 1, out
    assert "Unhealthy: /healthz: database (OperationalError:" in errors[0]


def test_a_server_error_is_one_log_line_with_its_path_on_standard_output():
    out = run_app(
        "from django.test import Client\n"
        "r = Client(raise_request_exception=False).get('/en/venues/harbour-lido/')\n"
        "print('STATUS', r.status_code)",
        DATABASE_URL=NO_DATABASE,
    )
    assert "STATUS 500" in out
    errors = [line for line in out.splitlines() if " ERROR " in line]
    assert len(errors) == 1, out
    assert "django.request Internal Server Error: /en/venues/harbour-lido/" in errors[0]
    assert "OperationalError" in errors[0]
    assert "Traceback" not in out
