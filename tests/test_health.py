"""/healthz for load balancers, and what the app writes to its log."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

# A PostgreSQL server that is not there: a socket directory nobody listens in.
NO_DATABASE = "postgres://cramp_aid@%2Fnonexistent-cramp-aid/cramp_aid"


def test_health_answers_ok_over_plain_http_to_any_host():
    response = Client().get("/healthz", headers={"host": "10.0.0.7:8000"})
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


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
    assert json.loads(body) == {"status": "database unavailable"}
    assert cache_control == "no-store"
    errors = [line for line in out.splitlines() if " ERROR " in line]
    assert len(errors) == 1, out
    assert "Database unavailable: /healthz (OperationalError:" in errors[0]


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
