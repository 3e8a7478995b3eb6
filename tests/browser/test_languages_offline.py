"""A Russian phone: / opens Russian, the app installs in Russian and works offline in Russian."""

import json

import pytest
from phone import CHROMIUM, CHROMIUM_ARGS, PHONE, first_heading, wait_until_ready_offline


@pytest.fixture
def russian_phone(playwright, tmp_path):
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile-ru"),
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--lang=ru-RU"],
        headless=True,
        locale="ru-RU",
        **PHONE,
    )
    yield context
    context.close()


def test_root_leads_a_russian_browser_to_russian(russian_phone, server):
    page = russian_phone.new_page()
    page.goto(f"{server.url}/")
    assert page.url == f"{server.url}/ru/"
    assert page.locator("html").get_attribute("lang") == "ru"


def test_russian_screens_and_guide_open_with_the_server_stopped(russian_phone, server):
    page = russian_phone.new_page()
    page.goto(f"{server.url}/")
    wait_until_ready_offline(page, ready_text="без интернета")
    online = {}
    for path in ["/ru/now/", "/ru/now/water/", "/ru/now/help-someone/", "/ru/guide/stretches/"]:
        page.goto(server.url + path)
        online[path] = first_heading(page)
    server.stop()
    for path, heading in online.items():
        page.goto(server.url + path)
        assert first_heading(page) == heading
    assert online["/ru/now/"] == "Свело ногу на суше"


def test_chromium_reads_the_russian_manifest_on_a_russian_page(russian_phone, server):
    page = russian_phone.new_page()
    page.goto(f"{server.url}/ru/")
    wait_until_ready_offline(page, ready_text="без интернета")
    session = russian_phone.new_cdp_session(page)
    manifest = session.send("Page.getAppManifest")
    assert manifest["url"] == f"{server.url}/ru/manifest.json"
    data = json.loads(manifest["data"])
    assert data["name"] == "Cramp Aid: помощь при судорогах в ногах"
    assert data["lang"] == "ru"
    assert session.send("Page.getInstallabilityErrors")["installabilityErrors"] == []


def test_switching_language_online_caches_the_new_language(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/now/")
    wait_until_ready_offline(page)
    page.get_by_role("link", name="Español").click()
    assert page.url == f"{server.url}/es/now/"
    wait_until_ready_offline(page, ready_text="sin conexión")
    server.stop()
    page.goto(f"{server.url}/es/now/water/")
    assert first_heading(page) == "Calambre en el agua"
    # The choice sticks: the start address now opens Spanish (from the cache, offline).
    assert "django_language=es" in page.evaluate("() => document.cookie")


def test_the_start_address_offline_opens_the_language_chosen(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/en/now/")
    wait_until_ready_offline(page)
    page.get_by_role("link", name="Español").click()
    wait_until_ready_offline(page, ready_text="sin conexión")
    server.stop()
    page.goto(f"{server.url}/")
    assert page.url == f"{server.url}/es/"
    assert page.locator("html").get_attribute("lang") == "es"


def test_the_start_address_offline_opens_the_language_kept_when_none_was_chosen(
    russian_phone, server
):
    page = russian_phone.new_page()
    page.goto(f"{server.url}/")
    wait_until_ready_offline(page, ready_text="без интернета")
    server.stop()
    page.goto(f"{server.url}/")
    assert page.url == f"{server.url}/ru/"
    assert page.locator("html").get_attribute("lang") == "ru"
