"""English, Russian and Spanish: every page, every interface string, the same content."""

import filecmp
import shutil
import subprocess
import sys

import pytest
from django.conf import settings

from guide import content

LOCALE = settings.BASE_DIR / "guide" / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def test_the_app_speaks_english_russian_and_spanish():
    assert [code for code, _name in settings.LANGUAGES] == ["en", "ru", "es"]
    # The switcher names each language in itself.
    assert dict(settings.LANGUAGES) == {"en": "English", "ru": "Русский", "es": "Español"}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_interface_string_is_translated(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", po],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "translated message" in result.stderr
    assert "fuzzy" not in result.stderr
    assert "untranslated" not in result.stderr


def test_the_catalogues_hold_every_string_the_code_uses(tmp_path):
    # Extract afresh into a copy of the app and compare: a new string without a translation
    # (or a stale one) fails here rather than showing English to a Russian reader.
    copy = tmp_path / "guide"
    shutil.copytree(settings.BASE_DIR / "guide", copy, ignore=shutil.ignore_patterns("*.mo"))
    for language in TRANSLATED:
        (copy / "locale" / language / "LC_MESSAGES" / "django.po").unlink()
    subprocess.run(
        [
            sys.executable,
            settings.BASE_DIR / "manage.py",
            "makemessages",
            "--no-location",
            "--extension",
            "html,txt,py,json",
            *(f"-l{language}" for language in TRANSLATED),
        ],
        cwd=copy,
        capture_output=True,
        check=True,
    )
    for language in TRANSLATED:
        fresh = msgids(copy / "locale" / language / "LC_MESSAGES" / "django.po")
        committed = msgids(LOCALE / language / "LC_MESSAGES" / "django.po")
        assert fresh == committed, f"run `make catalogues` and translate ({language})"


def msgids(po):
    """Every msgid of a catalogue, its wrapped continuation lines joined."""
    import re

    entries = re.findall(r'^msgid ((?:".*"\n)+)', po.read_text(), re.MULTILINE)
    return {"".join(re.findall(r'"(.*)"', entry)) for entry in entries} - {""}


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("ru-RU,ru;q=0.9,en;q=0.5", "/ru/"), ("es-MX,es;q=0.9", "/es/"), ("de-DE,de", "/en/")],
)
def test_root_opens_the_browsers_language_or_english(client, accept, expected):
    response = client.get("/", headers={"accept-language": accept})
    assert response["Location"] == expected


def test_a_chosen_language_sticks(client):
    client.cookies["django_language"] = "es"
    response = client.get("/", headers={"accept-language": "ru-RU,ru"})
    assert response["Location"] == "/es/"


@pytest.mark.parametrize(
    ("language", "call", "title"),
    [
        ("ru", "Набрать 112", "Свело ногу на суше"),
        ("es", "Llamar al 112", "Calambre fuera del agua"),
    ],
)
def test_emergency_screen_is_wholly_in_its_language(client, language, call, title):
    body = client.get(f"/{language}/now/").content.decode()
    assert f'<html lang="{language}">' in body
    assert call in body
    assert title in body
    for english in ["Call 112", "Get help now", "Sources", "Last reviewed", "Skip to content"]:
        assert english not in body


def test_pages_link_their_translations(client):
    body = client.get("/ru/guide/stretches/").content.decode()
    for language in ("en", "ru", "es"):
        assert (
            f'hreflang="{language}" href="https://testserver/{language}/guide/stretches/"' in body
        )
    assert 'href="/es/guide/stretches/" lang="es" hreflang="es"' in body


@pytest.mark.parametrize("language", ["ru", "es"])
def test_the_manifest_speaks_the_pages_language(client, language):
    import json

    manifest = json.loads(client.get(f"/{language}/manifest.json").content)
    assert manifest["lang"] == language
    assert manifest["start_url"] == f"/{language}/"
    assert manifest["name"] != "Cramp Aid: help with leg cramps"
    assert [s["url"] for s in manifest["shortcuts"]] == [
        f"/{language}/now/",
        f"/{language}/now/water/",
        f"/{language}/guide/stretches/",
    ]
    english = json.loads(client.get("/en/manifest.json").content)["shortcuts"]
    assert [s["name"] for s in manifest["shortcuts"]] != [s["name"] for s in english]


def test_content_has_the_same_pages_sources_and_steps_in_every_language():
    for language in TRANSLATED:
        for key, page in content.all_pages().items():
            if key[0] != settings.LANGUAGE_CODE:
                continue
            twin = content.get_page(language, page.section, page.slug)
            assert twin is not None, (language, page.slug)
            # A translation may add sources of its own for local facts (local = true).
            assert [s.url for s in twin.sources if not s.local] == [s.url for s in page.sources]
            assert len(twin.steps) == len(page.steps)
            assert len(twin.flags) == len(page.flags)


def test_compiled_catalogues_match_their_sources(tmp_path):
    # What `make messages` compiles is what the .po files say (no stale .mo served).
    for language in TRANSLATED:
        compiled = LOCALE / language / "LC_MESSAGES" / "django.mo"
        fresh = tmp_path / f"{language}.mo"
        subprocess.run(
            ["msgfmt", "-o", fresh, compiled.with_suffix(".po")], check=True, capture_output=True
        )
        assert filecmp.cmp(compiled, fresh, shallow=False), "run `make messages`"


@pytest.mark.parametrize(
    ("language", "products"),
    [("ru", ["Регидрон", "Гидровит"]), ("es", ["Sueroral", "Vida Suero Oral"])],
)
def test_oral_rehydration_names_the_products_local_pharmacies_sell(language, products):
    body = content.get_page(language, "guide", "oral-rehydration").body_markdown
    for product in products:
        assert product in body
