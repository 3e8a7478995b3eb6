"""The ASGI entry point (cramps_site/asgi.py) serves every page as the WSGI one does."""

import json
import os
import subprocess
import sys
import urllib.request

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from front import free_port, wait_for_port

# Pages no sitemap lists: the worker, the table, the shells, a poster, the saved venues.
MORE_PATHS = [
    "/serviceworker.js",
    "/numbers.json",
    "/en/manifest.json",
    "/ru/offline/",
    "/es/search/?q=calambre",
    "/en/search/index.json",
    "/en/venues/",
    "/en/venues/harbour-lido/poster/",
]


@pytest.mark.django_db
def test_every_page_is_served_over_asgi_as_over_wsgi(
    demo_venues, sitemap_paths, client, async_client
):
    paths = [*sitemap_paths, *MORE_PATHS]
    assert "/es/venues/playa-del-faro/" in paths
    for path in paths:
        for _visit in range(2):  # the second may come from the page cache
            over_asgi = async_to_sync(async_client.get)(path)
            assert over_asgi.status_code == 200, path
            assert over_asgi.content == client.get(path).content, path


def test_a_real_asgi_server_serves_the_pages_and_the_health_check(tmp_path):
    """gunicorn's own ASGI worker (`-k asgi`), the app as a server that prefers ASGI runs it."""
    port = free_port()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SECRET_KEY": "asgi-test-only-" + "k" * 40,
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_DATABASE_PATH": str(tmp_path / "asgi.sqlite3"),
    }
    for command in (["migrate", "-v", "0"], ["load_demo_venues"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=settings.BASE_DIR, env=environment, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    server = subprocess.Popen(
        [f"{sys.prefix}/bin/gunicorn", "-k", "asgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--no-control-socket", "cramps_site.asgi:application"],
        cwd=settings.BASE_DIR, env=environment, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        wait_for_port(port, server)
        for path in ["/en/now/", "/ru/guide/stretches/", "/serviceworker.js",
                     "/en/venues/harbour-lido/", "/en/venues/harbour-lido/"]:  # fmt: skip
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=20) as answer:
                assert answer.status == 200, path
                assert answer.headers["Cramp-Aid-Version"], path
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=20) as answer:
            assert json.loads(answer.read())["status"] == "ok"
    finally:
        server.terminate()
        try:
            output = server.communicate(timeout=15)[0]
        except subprocess.TimeoutExpired:
            server.kill()
            output = server.communicate()[0]
    assert " ERROR " not in output, output
