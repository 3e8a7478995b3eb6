"""The service worker's precache list and version, checked against pages and static files."""

import json
import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage

from guide import content, offline

pytestmark = pytest.mark.django_db


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


def test_precache_static_files_are_the_hashed_files_pages_use(client):
    config, _body, _response = worker_config(client)
    expected = {
        staticfiles_storage.url(name)
        for name in staticfiles_storage.hashed_files
        if name.startswith(("css/", "js/")) and name != "js/serviceworker.js"
    }
    assert expected <= set(config["static"])
    for url in config["static"]:
        assert re.search(r"\.[0-9a-f]{12}\.", url), f"{url} is not content-hashed"
        response = client.get(url)
        response.close()  # whitenoise streams the file
        assert response.status_code == 200
    page = client.get("/en/now/").content.decode()
    for url in re.findall(r'(?:src|href)="(/static/(?:css|js)/[^"]+)"', page):
        assert url in config["static"]


def test_admin_and_the_worker_itself_are_never_precached(client):
    config, _body, _response = worker_config(client)
    everything = config["static"] + [u for urls in config["pages"].values() for u in urls]
    assert not [u for u in everything if u.startswith("/admin") or "serviceworker" in u]


def test_version_changes_when_content_changes(monkeypatch):
    before = offline.worker_script()
    offline.worker_script.cache_clear()
    monkeypatch.setattr(offline, "_content_fingerprint", lambda: "something else")
    after = offline.worker_script()
    offline.worker_script.cache_clear()
    version = re.compile(r'"version":"([0-9a-f]{16})"')
    assert version.search(before)[1] != version.search(after)[1]


def test_version_is_stable_between_two_builds():
    offline.worker_script.cache_clear()
    first = offline.worker_script()
    offline.worker_script.cache_clear()
    assert offline.worker_script() == first
