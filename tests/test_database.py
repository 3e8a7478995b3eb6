"""The database is a setting: DATABASE_URL, or SQLite tuned for a small server."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from guide.models import Venue


@pytest.mark.django_db
def test_the_tests_run_on_the_database_database_url_names():
    # `make test` runs the database tests twice: on SQLite, then with DATABASE_URL on PostgreSQL.
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected
    Venue.objects.create(
        slug="saved-on-" + expected, name="Round trip", kind="lake", emergency_number="112",
        lifeguards="None", lifeguard_hours="None", first_aid_point="Car park",
        defibrillator="Kiosk", published=True,
    )  # fmt: skip
    assert Venue.objects.get(slug="saved-on-" + expected).name == "Round trip"


def test_sqlite_writes_ahead_and_waits_for_a_busy_database(tmp_path):
    script = (
        "import django; django.setup(); from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0]\n"
        "    c.execute('PRAGMA busy_timeout'); timeout = c.fetchone()[0]\n"
        "print('RESULT', mode, timeout, connection.transaction_mode)"
    )
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "cramps_site.settings",
            "DJANGO_DATABASE_PATH": str(tmp_path / "wal.sqlite3"),
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert "RESULT wal 10000 IMMEDIATE" in result.stdout
