"""`make bench`'s venues at scale (alone: BENCH_ONLY=venues): each page with four venues and with
10,000, and a 10,000-row import.

The pages are asked through Django's whole middleware stack (the test client), in this process,
against a SQLite database of its own: the admin's venue list and the operator page (as an
operator of the organisation that owns them all), a venue page and the sitemap (as a visitor).
Each figure is the median of ROUNDS answers after a warm-up, in this process's CPU time (the
machine may be busy with other work; the app's own work is what grows with the venues);
"rendered" also clears the pages kept in memory first (guide/page_cache.py), what the first
visitor after a change waits for. The import is timed on the clock.
Budget (DESIGN.md): with 10,000 venues, within 1.5x the time with four, the same number of
queries; the import under a minute.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(Path(__file__).parent))

ROUNDS = 25
RATIO_BUDGET = 1.5
IMPORT_BUDGET_SECONDS = 60
SCALE = 10_000
FEW = 4
PASSWORD = "bench-operator-password-1"


def setup_django(database):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="cramps_site.settings",
        DJANGO_DATABASE_PATH=str(database),
        DJANGO_HTTPS="0",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECRET_KEY="bench-venues-only-" + "v3nu" * 10,
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def signed_in(username):
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    code = io.StringIO()
    call_command("addstatictoken", username, stdout=code)
    client = Client()
    response = client.post(
        f"/{settings.ADMIN_PATH}login/",
        {"username": username, "password": PASSWORD, "otp_token": code.getvalue().strip()},
    )
    assert response.status_code == 302, response.content[-500:]
    return client


def measure(client, path, rendered=False):
    """(median milliseconds, queries) for one path."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from guide import page_cache

    def ask():
        if rendered:
            page_cache.clear()
        start = time.process_time()
        response = client.get(path)
        elapsed = (time.process_time() - start) * 1000
        assert response.status_code == 200, (path, response.status_code)
        return elapsed

    ask()  # warm: templates compiled, the table of numbers loaded
    times = [ask() for _ in range(ROUNDS)]
    page_cache.clear() if rendered else None
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return statistics.median(times), len(captured)


def figures(operator, visitor, venue_path):
    from django.conf import settings

    admin = f"/{settings.ADMIN_PATH}guide/venue/"
    return {
        "admin list": measure(operator, admin),
        "operator page": measure(operator, "/en/operator/"),
        "venue page": measure(visitor, venue_path),
        "venue page, rendered": measure(visitor, venue_path, rendered=True),
        "sitemap": measure(visitor, "/sitemap.xml"),
        "sitemap, rendered": measure(visitor, "/sitemap.xml", rendered=True),
    }


def main():
    with tempfile.TemporaryDirectory() as directory:
        setup_django(Path(directory) / "venues.sqlite3")
        from django.test import Client
        from many_venues import csv_file, make_venues

        from guide.models import Organisation
        from guide.organisations import add_operator
        from guide.venue_import import import_venues

        _user, organisation, _created = add_operator("bench", "Bench Beaches", PASSWORD)
        operator, visitor = signed_in("bench"), Client()
        make_venues(FEW, organisation, prefix="venue")
        venue_path = organisation.venues.order_by("pk").first().get_absolute_url()
        few = figures(operator, visitor, venue_path)
        started = time.perf_counter()
        make_venues(SCALE - FEW, organisation, prefix="more")
        generated = time.perf_counter() - started
        many = figures(operator, visitor, venue_path)

        over = []
        print(f"\n== Venues at scale: {FEW} venues, then {SCALE:,} (made in {generated:.1f} s)")
        print(f"   (budget: {RATIO_BUDGET}x the time with {FEW}, the same number of queries; "
              f"medians of {ROUNDS}, CPU time, in-process through every middleware)")  # fmt: skip
        for name, (time_few, queries_few) in few.items():
            time_many, queries_many = many[name]
            ratio = time_many / time_few
            budgeted = not name.endswith("rendered") or name.startswith("venue")
            ok = queries_many == queries_few and (ratio <= RATIO_BUDGET or not budgeted)
            over += [] if ok else [f"venues: {name}"]
            mark = "" if budgeted else "  (figure: the first visit after a change)"
            print(f"{'  ok' if ok else 'OVER'} {name:22} {time_few:7.1f} ms -> {time_many:7.1f} ms"
                  f"  {ratio:5.2f}x   queries {queries_few} -> {queries_many}{mark}")  # fmt: skip

        new = csv_file(SCALE)
        importer = Organisation.objects.create(name="Bench Import")
        # New venues; the same file again; a file that changes every venue (saved one by one,
        # with whatever a save keeps: the record of number changes).
        changed = new.replace(b"By the tower", b"Beside the tower")
        for label, data in (
            ("new", new),
            ("again, unchanged", new),
            ("every one changed", changed),
        ):
            started = time.perf_counter()
            result = import_venues(data, importer)
            seconds = time.perf_counter() - started
            assert not result.problems, result.problems[:3]
            ok = seconds <= IMPORT_BUDGET_SECONDS
            over += [] if ok else [f"import {label}"]
            mark = "  ok" if ok else "OVER"
            print(f"{mark} import of {SCALE:,} rows, {label:17} {seconds:5.1f} s "
                  f"({result.summary()} Budget {IMPORT_BUDGET_SECONDS} s)")  # fmt: skip
    print("\nVenues within budget." if not over else f"\nOver budget: {', '.join(over)}")
    return over


if __name__ == "__main__":
    sys.exit(1 if main() else 0)
