"""The content files load, validate, and catch the mistakes editors can make."""

import datetime
import shutil

import pytest

from guide import content


@pytest.fixture
def content_copy(tmp_path, monkeypatch):
    """A private copy of the content to break, loaded instead of the real one."""
    copy = tmp_path / "content"
    shutil.copytree(content.CONTENT_DIR, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setattr(content, "CONTENT_DIR", copy)
    content.all_pages.cache_clear()
    yield copy
    content.all_pages.cache_clear()


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_the_published_content_has_no_problems():
    assert content.problems() == []


def test_every_page_has_sources_and_review_dates():
    for page in content.all_pages().values():
        assert page.sources, page.path
        assert page.reviewed <= datetime.date.today() <= page.next_review, page.path


def test_the_emergency_screens_and_red_flags_exist_in_every_language():
    for language in content.languages():
        for slug in (*content.EMERGENCY_SLUGS, content.RED_FLAGS_SLUG):
            assert content.get_page(language, "now", slug) is not None


def test_a_page_without_sources_is_caught(content_copy):
    page = content_copy / "now" / "en" / "help-someone.md"
    text = page.read_text()
    header, body = text.split("+++\n")[1:3]
    header = header.split("[[sources]]")[0]
    page.write_text(f"+++\n{header}+++\n{body}")
    assert any("lists no sources" in p for p in content.problems())


def test_a_review_date_in_the_future_is_caught(content_copy):
    edit(content_copy / "now" / "en" / "land.md", "reviewed = 2026-11-26", "reviewed = 2099-01-01")
    assert any("in the future" in p for p in content.problems())


def test_an_overdue_review_is_caught(content_copy):
    later = datetime.date.today() + datetime.timedelta(days=3650)
    assert any("next review was due" in p for p in content.problems(today=later))


def test_a_broken_internal_link_is_caught(content_copy):
    path = content_copy / "now" / "en" / "land.md"
    path.write_text(path.read_text() + "\nSee [nothing](guide:no-such-page).\n")
    assert any("broken link guide:no-such-page" in p for p in content.problems())


def test_raw_html_and_extra_h1_are_caught(content_copy):
    path = content_copy / "now" / "en" / "land.md"
    path.write_text(path.read_text() + "\n# Another title\n\n<script>alert(1)</script>\n")
    found = content.problems()
    assert any("raw HTML" in p for p in found)
    assert any("# heading" in p for p in found)


def test_a_malformed_header_names_the_file(content_copy):
    path = content_copy / "now" / "en" / "land.md"
    edit(path, 'title = "', "title = ")
    found = content.problems()
    assert len(found) == 1
    assert "land.md" in found[0]
    assert "TOML" in found[0]


def test_an_unknown_illustration_is_caught(content_copy):
    edit(content_copy / "now" / "en" / "land.md", '"calf-towel"', '"no-such-drawing"')
    assert any("no illustration named no-such-drawing" in p for p in content.problems())


def test_internal_links_are_rendered_in_the_pages_language():
    page = content.get_page("en", "now", "land")
    assert 'href="/en/guide/when-to-see-a-doctor/"' in page.body_html
    assert "guide:" not in page.body_html


def test_no_page_repeats_the_original_articles_errors_or_its_advertisements():
    # Ideas from the brief's "do not repeat" list that have no correct use on any page.
    forbidden = [
        "most common cause of death",
        "lactic acid",
        "lactanic",
        "myoclonia",
        "clonic",
        "pericardial",
        "hypoglyc",
        "flat feet",
        "raynaud",
        "vitamin d overdose",
        "nail fungus",
        "weight loss",
        "varicose",
        "quit smoking",
    ]
    for page in content.all_pages().values():
        if page.language != "en":
            continue
        text = " ".join([page.body_markdown, *(f"{s.title} {s.text}" for s in page.steps)])
        for phrase in forbidden:
            assert phrase not in text.lower(), f"{page.path}: {phrase}"


def test_the_water_screen_holds_on_or_floats_first_and_never_sends_the_swimmer_under():
    page = content.get_page("en", "now", "water")
    first, second = page.steps[:2]
    assert "grab" in first.title.lower()
    assert "edge" in first.text
    assert "float on your back" in second.title.lower()
    advice = " ".join(f"{s.title} {s.text}" for s in page.steps).lower()
    assert "do not reach for your foot" in advice
    assert "do not put your face under" in page.body_markdown.lower()
    # A hold timer is for land: nobody in the water reads a count-down.
    assert not [step for step in page.steps if step.hold_seconds]


def test_the_help_someone_screen_goes_on_to_rescue_breathing_and_cpr():
    page = content.get_page("en", "now", "help-someone")
    (_first, rescue), (after, care) = page.step_groups
    assert "lie down" in " ".join(s.text for s in rescue).lower()
    assert after == "Once they are out of the water"
    text = " ".join(f"{s.title} {s.text}" for s in care)
    for needed in ["5 rescue breaths", "CPR", "1 minute", "onto their side", "medical check"]:
        assert needed in text
    assert [s.beats_per_minute for s in care if s.beats_per_minute] == [110]


def test_every_red_flag_says_how_urgent_it_is_in_every_language():
    for language in content.languages():
        flags = content.red_flags(language)
        assert len(flags.emergency_flags) >= 8
        assert len(flags.urgent_flags) >= 5
        assert flags.lead
