"""A numbers table the app cannot use stops it at start, whatever serves it; a good one loads.

The call buttons must never dial from a table that failed its checks, and a site that answers
500 to every page behind a green health check is worse than one that does not start.
"""

import datetime
import os
import shutil
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from front import free_port

from guide import emergency

ROW = """
[[countries]]
code = "CL"
name = {{ en = "Chile", ru = "Чили", es = "Chile", pt = "Chile", fr = "Chili" }}
ambulance = "131"
also_112 = "unclear"
confidence = "high"
sources = ["https://example.org/chile"]
checked = {checked}
"""


@pytest.mark.parametrize(
    "zone", ["Pacific/Kiritimati", "Pacific/Auckland", "UTC", "America/Santiago", "Pacific/Niue"]
)
def test_a_row_checked_today_in_any_time_zone_loads_on_a_server_in_any_zone(
    tmp_path, settings, zone
):
    # The server's clock is on the last zone to reach a date (UTC-12): the editor's "today" is
    # up to two dates ahead of it.
    settings.TIME_ZONE = "Etc/GMT+12"
    today_there = datetime.datetime.now(ZoneInfo(zone)).date()
    table = tmp_path / "numbers.toml"
    table.write_text(ROW.format(checked=today_there.isoformat()), encoding="utf-8")
    assert emergency.load(table)["CL"].checked == today_there


def test_a_row_checked_on_a_date_no_time_zone_has_reached_is_refused(tmp_path):
    nowhere_yet = datetime.datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    nowhere_yet += datetime.timedelta(days=1)
    table = tmp_path / "numbers.toml"
    table.write_text(ROW.format(checked=nowhere_yet.isoformat()), encoding="utf-8")
    with pytest.raises(emergency.NumbersError, match=r"row 1 \(CL\): `checked` date .* future"):
        emergency.load(table)


@pytest.fixture
def project_with_a_bad_table(tmp_path):
    """A copy of the project whose numbers table has a letter in a number (row 2, AE)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.sqlite3")
    for folder in ["cramps_site", "guide", "static"]:
        shutil.copytree(settings.BASE_DIR / folder, tmp_path / folder, ignore=ignore)
    shutil.copy(settings.BASE_DIR / "manage.py", tmp_path)
    table = tmp_path / "guide" / "emergency" / "numbers.toml"
    text = table.read_text(encoding="utf-8")
    assert 'ambulance = "998"' in text  # AE, the table's second row
    table.write_text(text.replace('ambulance = "998"', 'ambulance = "99B"', 1), encoding="utf-8")
    return tmp_path


SERVERS = {
    # As deployed: cramps_site/deploy/gunicorn.conf.py, WSGI, the app loaded before forking.
    "gunicorn": ["-c", str(settings.BASE_DIR / "cramps_site" / "deploy" / "gunicorn.conf.py")],
    # A server that prefers ASGI: gunicorn's own ASGI worker, no preloading.
    "asgi": ["-k", "asgi", "--no-control-socket", "cramps_site.asgi:application"],
}


@pytest.mark.parametrize("server", SERVERS)
def test_a_bad_numbers_table_stops_the_server_at_start_naming_file_row_and_reason(
    project_with_a_bad_table, server
):
    tree = project_with_a_bad_table
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        # Plain http: no production check (key, hosts, address) can be the reason it stops.
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "cramp-aid.example",
        "DJANGO_DATABASE_PATH": str(tree / "db.sqlite3"),
        "DJANGO_STATIC_ROOT": str(settings.STATIC_ROOT),
    }
    process = subprocess.Popen(
        [f"{sys.prefix}/bin/gunicorn", *SERVERS[server], "--bind", f"127.0.0.1:{port}",
         "--workers", "1"],
        cwd=tree, env=environment, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        output = process.communicate(timeout=90)[0]
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        output = process.communicate()[0]
        pytest.fail(f"{server} went on serving with a bad numbers table:\n{output}")
    assert process.returncode != 0
    assert "numbers.toml, row 2 (AE): `ambulance` must be digits only" in output, output
