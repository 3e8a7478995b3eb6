"""The service worker's precache list and version, checked against pages and static files."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

from guide import content, offline


def worker_config(client):
    response = client.get("/serviceworker.js")
    assert response.status_code == 200
    body = response.content.decode()
    return json.loads(re.match(r"const CONFIG = (\{.*\});\n", body)[1]), body, response


def test_worker_is_served_at_the_root_with_no_cache(client):
    _config, body, response = worker_config(client)
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    assert 'addEventListener("fetch"' in body


def test_the_worker_reads_exactly_the_configuration_keys_offline_py_writes(client):
    # guide/offline.py writes CONFIG above the worker's source; a key renamed on one side only
    # would leave the worker reading undefined (and, say, precaching no emergency screen).
    config, _body, _response = worker_config(client)
    source = offline.WORKER_SOURCE.read_text(encoding="utf-8")
    # Only dotted reads: a whole CONFIG passed around or taken apart would escape this test.
    assert not re.search(r"CONFIG(?!\.\w)", source.replace("CONFIG (above", "")), source
    assert set(re.findall(r"\bCONFIG\.(\w+)", source)) == config.keys()


def test_precache_holds_every_page_of_the_sitemap_in_its_language(client, sitemap_paths):
    config, _body, _response = worker_config(client)
    for path in sitemap_paths:
        language = path.split("/")[1]
        assert path in config["pages"][language], path


def test_precache_pages_all_answer_200(client):
    config, _body, _response = worker_config(client)
    for urls in config["pages"].values():
        for url in urls:
            assert client.get(url).status_code == 200, url


def test_emergency_screens_come_first_and_are_marked_cache_first(client):
    config, _body, _response = worker_config(client)
    for language, urls in config["emergency"].items():
        assert urls == [content.page_url("now", s, language) for s in content.EMERGENCY_SLUGS]
        assert config["pages"][language][: len(urls)] == urls


@pytest.mark.django_db
def test_precache_static_files_are_hashed_and_hold_every_script_and_stylesheet_a_page_loads(
    client,
):
    config, _body, _response = worker_config(client)
    for url in config["static"]:
        assert re.search(r"\.[0-9a-f]{12}\.", url), f"{url} is not content-hashed"
        response = client.get(url)
        response.close()  # whitenoise streams the file
        assert response.status_code == 200
    loaded = 0
    for url in [url for urls in config["pages"].values() for url in urls if url.endswith("/")]:
        page = client.get(url).content.decode()
        files = re.findall(r'<script[^>]+src="([^"]+)"', page)
        files += re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', page)
        for file in files:
            assert file in config["static"], f"{url} loads {file}"
        loaded += len(files)
    assert loaded


@pytest.mark.django_db
def test_precache_holds_no_static_file_that_nothing_offline_uses(client):
    # Every byte of the pack counts against its 300 KB: the linked stylesheet's sources
    # (static/css/*.css, which no page loads), or django-pwa's own, must not ride along.
    config, _body, _response = worker_config(client)
    pages = [url for urls in config["pages"].values() for url in urls]
    uses = "".join(client.get(url).content.decode() for url in pages)
    for url in config["static"]:
        response = client.get(url)
        uses += b"".join(response.streaming_content).decode()
        response.close()
    for url in config["static"]:
        name = url.rsplit("/", 1)[-1]
        assert name in uses, f"{url} is precached but no offline page or script loads it"


def test_admin_and_the_worker_itself_are_never_precached(client):
    config, _body, _response = worker_config(client)
    everything = config["static"] + [u for urls in config["pages"].values() for u in urls]
    assert not [u for u in everything if u.startswith("/admin") or "serviceworker" in u]


def version_in(tree, **environment):
    """The version a server started from `tree` announces, computed in a process of its own."""
    run = subprocess.run(
        [sys.executable, "-c", VERSION_SCRIPT],
        cwd=tree,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cramps_site.settings",
            "DJANGO_STATIC_ROOT": str(settings.STATIC_ROOT),
            **environment,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout.strip()


VERSION_SCRIPT = """
import hashlib, django
django.setup()
from guide import offline
print(offline.version(), hashlib.sha256(offline.worker_script().encode()).hexdigest())
"""


@pytest.fixture
def project_copy(tmp_path):
    """A copy of the code, content and static sources, to edit as a developer would."""
    ignore = shutil.ignore_patterns("__pycache__", "*.mo")
    for folder in ["cramps_site", "guide", "static"]:
        shutil.copytree(settings.BASE_DIR / folder, tmp_path / folder, ignore=ignore)
    shutil.copy(settings.BASE_DIR / "manage.py", tmp_path)
    return tmp_path


def append(path, text):
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


EDITS = {
    "a content file": lambda tree: append(
        tree / "guide/content/guide/en/stretches.md", "\nStretch slowly.\n"
    ),
    "a translation": lambda tree: append(
        tree / "guide/locale/es/LC_MESSAGES/django.po", '\nmsgid "Stretch"\nmsgstr "Estira"\n'
    ),
    "the Markdown pipeline": lambda tree: append(
        tree / "guide/content/__init__.py", "\nSMALLEST_HOLD_SECONDS = 10\n"
    ),
    "a view": lambda tree: append(tree / "guide/views.py", "\nPAGE_SIZE = 20\n"),
    "a template": lambda tree: append(tree / "guide/templates/guide/page.html", "\n"),
}


@pytest.mark.parametrize("edit", EDITS)
def test_the_version_changes_when_a_file_that_shapes_pages_changes(project_copy, edit):
    before = version_in(project_copy)
    EDITS[edit](project_copy)
    assert version_in(project_copy) != before


def test_a_stylesheet_edit_renames_the_linked_stylesheet_and_changes_the_version(
    project_copy, tmp_path
):
    # collectstatic joins the sources into the stylesheet pages link; a new name, a new version.
    collected = tmp_path / "collected"

    def collect():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=project_copy,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "cramps_site.settings",
                "DJANGO_STATIC_ROOT": str(collected),
            },
            check=True,
        )
        manifest = json.loads((collected / "staticfiles.json").read_text(encoding="utf-8"))
        return manifest["paths"]["css/site.css"], version_in(
            project_copy, DJANGO_STATIC_ROOT=str(collected)
        )

    name, version = collect()
    append(project_copy / "static/css/diary.css", "\n.entry-note { font-style: normal; }\n")
    new_name, new_version = collect()
    assert new_name != name
    assert new_version != version
    assert ".entry-note { font-style: normal; }" in (collected / new_name).read_text()


def test_a_release_name_changes_the_version(project_copy):
    assert version_in(project_copy) != version_in(project_copy, CRAMP_AID_RELEASE="2026.11.2")


def test_version_and_worker_are_the_same_in_every_server_process():
    # Gunicorn's workers are separate processes, each with its own hash seed.
    first = version_in(settings.BASE_DIR, PYTHONHASHSEED="1")
    assert version_in(settings.BASE_DIR, PYTHONHASHSEED="2") == first


def test_every_answer_names_the_version_and_the_version_query_is_ignored(client):
    config, _body, _response = worker_config(client)
    for url in ["/en/", "/en/guide/stretches/", "/es/now/water/", "/en/venues/"]:
        response = client.get(url)
        assert response["Cramp-Aid-Version"] == config["version"] == offline.version()
        versioned = client.get(f"{url}?{config['versionQuery']}={config['version']}")
        assert versioned.content == response.content
    assert client.get("/en/no-such-page/")["Cramp-Aid-Version"] == config["version"]


@pytest.mark.django_db
def test_the_packs_static_files_come_as_prepared_without_a_page_policy(client):
    # Whitenoise answers before the page middleware: no CSP (~400 bytes on every script of an
    # emergency screen), no second compression, the file's own length (review, Server 5).
    config, _body, _response = worker_config(client)
    script = next(url for url in config["static"] if url.endswith(".js"))
    response = client.get(script, headers={"Accept-Encoding": "gzip"})
    body = b"".join(response.streaming_content)
    response.close()
    assert response["Content-Encoding"] == "gzip"
    assert "Content-Security-Policy" not in response
    assert int(response["Content-Length"]) == len(body)
