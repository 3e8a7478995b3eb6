"""`make bench`'s venues at scale (alone: BENCH_ONLY=venues): each page with four venues and with
10,000, and 10,000-row imports.

Two SQLite databases side by side, one with four venues and one with 10,000 (an organisation's,
each with a current report), and the same pages asked of each in turn, through Django's whole
middleware stack (the test client), in this process: the admin's venue list and the operator
page (as that organisation's operator), a venue page and the sitemap (as a visitor). Taking
turns, and counting this process's CPU time, keeps out what else the machine is doing. Each
figure is the median of ROUNDS answers after a warm-up; "rendered" also clears the pages kept in
memory first (cramps_site/page_cache.py), what the first visitor after a change waits for. The
imports are timed on the clock.
Budget (DESIGN.md): with 10,000 venues, within 1.5x the time with four, the same number of
queries; an import under a minute.
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

ROUNDS = 41
RATIO_BUDGET = 1.5
IMPORT_BUDGET_SECONDS = 60
SCALE = 10_000
FEW = 4
PASSWORD = "bench-operator-password-1"
STATES = {"default": FEW, "many": SCALE}  # database alias: its venues


class Turns:
    """Sends every query to the database whose turn it is."""

    alias = "default"

    def db_for_read(self, model, **hints):
        return Turns.alias

    db_for_write = db_for_read

    def allow_relation(self, *objects, **hints):
        return True

    def allow_migrate(self, database, app_label, **hints):
        return True


def setup_django(directory):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="cramps_site.settings",
        DJANGO_DATABASE_PATH=str(Path(directory) / "few.sqlite3"),
        DJANGO_HTTPS="0",
        DJANGO_ALLOWED_HOSTS=",".join(f"{alias}.testserver" for alias in STATES),
        DJANGO_SECRET_KEY="bench-venues-only-" + "v3nu" * 10,
    )
    os.environ.pop("DATABASE_URL", None)
    import django
    from django.conf import settings

    django.setup()
    # Before anything opens a connection: the second database, and who decides which is asked.
    many = {**settings.DATABASES["default"], "NAME": str(Path(directory) / "many.sqlite3")}
    settings.DATABASES["many"] = many
    settings.DATABASE_ROUTERS = [Turns()]
    from django.core.management import call_command

    for alias in STATES:
        call_command("migrate", database=alias, verbosity=0)


def signed_in(username, host):
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    code = io.StringIO()
    call_command("addstatictoken", username, stdout=code)
    client = Client(headers={"host": host})  # one host each: the kept pages stay apart
    response = client.post(
        f"/{settings.ADMIN_PATH}login/",
        {"username": username, "password": PASSWORD, "otp_token": code.getvalue().strip()},
    )
    assert response.status_code == 302, response.content[-500:]
    return client


def answer(client, path, rendered):
    """CPU milliseconds for one answer."""
    from cramps_site import page_cache

    if rendered:
        page_cache.clear()
    start = time.process_time()
    response = client.get(path)
    elapsed = (time.process_time() - start) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def queries(client, path, rendered):
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    from cramps_site import page_cache

    if rendered:
        page_cache.clear()
    with CaptureQueriesContext(connections[Turns.alias]) as captured:
        client.get(path)
    return len(captured)


def measure(pages, clients):
    """{page: {alias: (median ms, queries)}}, the databases taking turns for every answer."""
    figures = {}
    for name, (who, path, rendered) in pages.items():
        times = {alias: [] for alias in STATES}
        for round_number in range(ROUNDS + 1):
            for alias in STATES:
                Turns.alias = alias
                elapsed = answer(clients[alias][who], path(alias), rendered)
                if round_number:  # the first: templates compiled, the numbers table loaded
                    times[alias].append(elapsed)
        figures[name] = {}
        for alias in STATES:
            Turns.alias = alias
            counted = queries(clients[alias][who], path(alias), rendered)
            figures[name][alias] = (statistics.median(times[alias]), counted)
    return figures


def main():
    with tempfile.TemporaryDirectory() as directory:
        setup_django(directory)
        from django.conf import settings
        from django.test import Client
        from many_venues import csv_file, make_venues

        from guide.models import Organisation, Venue
        from guide.organisations import add_operator
        from guide.venue_import import import_venues

        clients, venue_paths = {}, {}
        started = time.perf_counter()
        for alias, count in STATES.items():
            Turns.alias = alias
            _user, organisation, _created = add_operator("bench", "Bench Beaches", PASSWORD)
            make_venues(count, organisation)
            host = f"{alias}.testserver"
            clients[alias] = {
                "operator": signed_in("bench", host),
                "visitor": Client(headers={"host": host}),
            }
            venue_paths[alias] = Venue.objects.order_by("pk").first().get_absolute_url()
        generated = time.perf_counter() - started
        admin = f"/{settings.ADMIN_PATH}guide/venue/"
        pages = {
            "admin list": ("operator", lambda alias: admin, False),
            "operator page": ("operator", lambda alias: "/en/operator/", False),
            "venue page": ("visitor", venue_paths.get, False),
            "venue page, rendered": ("visitor", venue_paths.get, True),
            "sitemap": ("visitor", lambda alias: "/sitemap.xml", False),
            "sitemap, rendered": ("visitor", lambda alias: "/sitemap.xml", True),
        }
        figures = measure(pages, clients)

        over = []
        print(f"\n== Venues at scale: {FEW} venues beside {SCALE:,} (made in {generated:.1f} s)")
        print(f"   (budget: {RATIO_BUDGET}x the time with {FEW}, the same number of queries; "
              f"medians of {ROUNDS} turns, CPU time, in-process, every middleware)")  # fmt: skip
        for name, by_state in figures.items():
            (time_few, queries_few), (time_many, queries_many) = by_state.values()
            ratio = time_many / time_few
            budgeted = name != "sitemap, rendered"
            ok = queries_many == queries_few and (ratio <= RATIO_BUDGET or not budgeted)
            over += [] if ok else [f"venues: {name}"]
            mark = "" if budgeted else "  (figure: the first visit after a change)"
            print(f"{'  ok' if ok else 'OVER'} {name:22} {time_few:7.1f} ms -> {time_many:7.1f} ms"
                  f"  {ratio:5.2f}x   queries {queries_few} -> {queries_many}{mark}")  # fmt: skip

        Turns.alias = "many"
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
