"""`manage.py language_gaps`: what a language still lacks, so adding one is a short procedure."""

import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from guide import content, emergency, language_gaps
from guide.content import loader

TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.fixture(scope="module")
def code_msgids():
    """The strings the code marks for translation, extracted once for the module."""
    return language_gaps.code_strings(TRANSLATED)


@pytest.mark.django_db
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_language_lacks_nothing(language, code_msgids):
    assert language_gaps.gaps(language, code_msgids) == []


@pytest.mark.django_db
def test_the_command_lists_what_a_new_language_lacks_and_fails(capsys):
    with pytest.raises(CommandError, match="missing"):
        call_command("language_gaps", "de")
    said = capsys.readouterr().out
    pages = sum(1 for _page in (loader.CONTENT_DIR).glob(f"*/{settings.LANGUAGE_CODE}/*.md"))
    for line in [
        'LANGUAGES lacks it: add ("de"',
        "no guide/locale/de/LC_MESSAGES/django.po",
        "no guide/content/now/de/land.md: translate now/en/land.md",
        "no guide/content/water/de/helping-someone.md",
        f"numbers.toml: {len(emergency.countries())} rows lack `name` in de",
        "no cramps_site/formats/de/formats.py",
        "the manifest cannot speak it",
        "content/urgency.py: CALL_NOW",
        "content/typography.py: WORDS",
    ]:
        assert line in said, line
    assert said.count("\n    no ") == pages + 2  # every page, the catalogue, the date format
    items = [line for line in said.splitlines() if line.startswith("    ")]
    assert said.startswith(f"de: {len(items)} missing")


@pytest.mark.django_db
def test_the_original_is_not_a_translation():
    with pytest.raises(CommandError, match="original"):
        call_command("language_gaps", settings.LANGUAGE_CODE)


@pytest.fixture
def locale_copy(tmp_path, monkeypatch):
    copy = tmp_path / "locale"
    shutil.copytree(language_gaps.LOCALE, copy)
    monkeypatch.setattr(language_gaps, "LOCALE", copy)
    return copy


def test_an_untranslated_fuzzy_or_stale_catalogue_is_named(locale_copy, code_msgids):
    po = locale_copy / "es" / "LC_MESSAGES" / "django.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgstr "Socorristas"', 'msgstr ""', 1)
    text = text.replace('msgid "Beach"\n', '#, fuzzy\nmsgid "Beach"\n', 1)
    text = text.replace('msgid "Lake"\nmsgstr "Lago"\n', "", 1)
    po.write_text(text, encoding="utf-8")
    found = language_gaps.catalogue_gaps("es", code_msgids)
    assert any("1 untranslated: 'Lifeguards'" in line for line in found), found
    assert any("1 fuzzy (check, then unmark): 'Beach'" in line for line in found), found
    assert any("1 new, 0 gone" in line for line in found), found
    assert any("django.mo is not its .po compiled" in line for line in found), found


def test_a_missing_page_a_country_name_or_a_rule_is_named(tmp_path, monkeypatch):
    table = tmp_path / "numbers.toml"
    text = language_gaps.NUMBERS_FILE.read_text(encoding="utf-8")
    table.write_text(text.replace(', fr = "Chili"', "", 1), encoding="utf-8")
    monkeypatch.setattr(language_gaps, "NUMBERS_FILE", table)
    assert language_gaps.numbers_gaps("fr") == ["numbers.toml: 1 rows lack `name` in fr: CL"]
    monkeypatch.delitem(language_gaps.numbers.THOUSANDS, "fr")
    assert language_gaps.rule_gaps("fr") == [
        "content/numbers.py: THOUSANDS (how it groups 1,000) lacks it"
    ]


def test_a_page_missing_in_one_language_is_named(tmp_path, monkeypatch):
    copy = tmp_path / "content"
    shutil.copytree(loader.CONTENT_DIR, copy, ignore=shutil.ignore_patterns("*.py"))
    (copy / "guide" / "es" / "causes.md").unlink()
    monkeypatch.setattr(loader, "CONTENT_DIR", copy)
    content.all_pages.cache_clear()
    try:
        found = language_gaps.content_gaps("es")
    finally:
        content.all_pages.cache_clear()
    assert "no guide/content/guide/es/causes.md: translate guide/en/causes.md" in found
    # The check's own line for it is not repeated.
    assert not any("exists in one language and not another" in line for line in found)
