"""The web app manifest: what Chromium and iOS need to install Cramp Aid, per language."""

import json

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage

from guide import content


@pytest.fixture
def manifest(client):
    response = client.get("/en/manifest.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_manifest_has_the_install_fields(manifest):
    assert manifest["name"].startswith("Cramp Aid")
    assert manifest["short_name"]
    assert len(manifest["short_name"]) <= 12
    assert manifest["description"]
    assert manifest["id"] == "/"
    assert manifest["start_url"] == "/en/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["lang"] == "en"
    assert manifest["theme_color"].startswith("#")
    assert manifest["background_color"].startswith("#")
    assert "status_bar" not in manifest


def test_manifest_icons_are_separate_for_any_and_maskable_and_exist(manifest):
    icons = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= icons
    for icon in manifest["icons"]:
        assert " " not in icon["purpose"]
        assert_static_file_exists(icon["src"])


def test_manifest_shortcuts_lead_to_the_emergency_screens_and_bedtime_stretches(manifest):
    urls = [shortcut["url"] for shortcut in manifest["shortcuts"]]
    assert urls == [
        content.page_url("now", "land", "en"),
        content.page_url("now", "water", "en"),
        content.page_url("guide", "stretches", "en"),
    ]
    assert manifest["shortcuts"][2]["name"] == "Bedtime stretches"
    assert all(shortcut["name"] and shortcut["short_name"] for shortcut in manifest["shortcuts"])


def test_manifest_has_a_narrow_screenshot(manifest):
    narrow = [shot for shot in manifest["screenshots"] if shot["form_factor"] == "narrow"]
    assert narrow
    assert_static_file_exists(narrow[0]["src"])


def test_root_manifest_is_served_too(client):
    assert json.loads(client.get("/manifest.json").content)["short_name"] == "Cramp Aid"


def test_pages_link_their_manifest_and_apple_touch_icon(client):
    body = client.get("/en/now/").content.decode()
    assert '<link rel="manifest" href="/en/manifest.json">' in body
    assert 'rel="apple-touch-icon"' in body


def assert_static_file_exists(url):
    name = url.removeprefix("/static/")
    originals = {staticfiles_storage.stored_name(n): n for n in staticfiles_storage.hashed_files}
    assert name in originals, url
