"""The diary's pages are empty shells: they accept nothing, carry the words, and work offline."""

import hashlib
import json
import re
from base64 import b64encode

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils.html import escape
from shown import shown, visible

from guide import content, offline
from guide.content import validation
from guide.diary import styles, words

DIARY_PATHS = ["/{}/diary/", "/{}/diary/log/", "/{}/diary/doctor/"]


def labels_of(body):
    return json.loads(
        re.search(r'<script id="diary-labels" type="application/json">(.*?)</script>', body, re.S)[
            1
        ]
    )


@pytest.mark.parametrize("language", content.languages())
def test_diary_pages_answer_in_every_language_and_set_nothing(client, language):
    for path in DIARY_PATHS:
        response = client.get(path.format(language))
        assert response.status_code == 200, path
        assert f'<html lang="{language}">' in response.content.decode()
        assert not response.cookies
        assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_no_diary_url_accepts_data(client, method):
    for path in DIARY_PATHS:
        response = getattr(client, method)(
            path.format("en"), data='{"note": "a cramp"}', content_type="application/json"
        )
        assert response.status_code == 405, path


def test_the_diary_is_in_the_sitemap_and_the_offline_pack(client, sitemap_paths):
    pages = offline.page_urls("ru")
    for path in DIARY_PATHS:
        assert path.format("ru") in sitemap_paths
        assert path.format("ru") in pages


def test_the_diarys_answers_come_in_the_pages_language(client):
    english = labels_of(client.get("/en/diary/log/").content.decode())
    russian = labels_of(client.get("/ru/diary/log/").content.decode())
    assert english["muscle"]["calf"] == "Calf"
    assert russian["muscle"]["calf"] == "Икра"
    # The same stored values in every language: only the words change.
    assert english.keys() == russian.keys()
    for kind in ("muscle", "side", "duration", "circumstance", "helped", "warning", "medicine"):
        assert english[kind].keys() == russian[kind].keys()
        assert english[kind] != russian[kind], kind


def test_the_log_form_shows_the_red_flags_and_their_sources(client):
    body = client.get("/en/diary/log/").content.decode()
    assert 'id="get-help"' in body
    for flag in content.red_flags("en").flags:
        assert shown(flag.text) in visible(body)
    for source in content.red_flags("en").sources:
        assert escape(source.url) in body  # as an attribute writes it: & is &amp;


@pytest.mark.parametrize("language", content.languages())
def test_a_warning_sign_in_the_log_says_to_call_the_number_first(client, language):
    # Someone logging a cramp may still have the sign they tick: the line above the box calls
    # first, with the number the call buttons dial (clinical review 4, minor 17).
    body = client.get(f"/{language}/diary/log/").content.decode()
    lead = re.search(r'<p class="get-help-lead"[^>]*>(.*?)</p>', body, re.DOTALL)
    assert settings.EMERGENCY_NUMBER in lead[1]
    assert "%(number)s" in re.search(r'data-number-text="([^"]*)"', lead[0])[1]


def test_the_rescue_screen_offers_no_diary(client):
    # "It's over" and "Log this cramp" have no place in the middle of CPR (clinical review M3).
    assert "help-someone" in content.EMERGENCY_SLUGS
    for language in content.languages():
        body = client.get(content.page_url("now", "help-someone", language)).content.decode()
        assert "data-diary-offer" not in body
        assert "/diary/log/" not in body


@pytest.mark.parametrize("slug", ["land", "water"])
def test_the_cramp_screens_offer_the_diary_without_loading_it(client, slug):
    body = client.get(content.page_url("now", slug, "en")).content.decode()
    offer = re.search(r"<p data-diary-offer hidden>(.*?)</p>", body, re.S)[1]
    assert "It\u2019s over" in offer
    assert 'href="/en/diary/log/"' in offer
    # The page loads no diary code: timer.js imports the offer's module once it is needed,
    # under its hashed name, which the worker keeps for offline use.
    assert not re.findall(r'<script[^>]+src="[^"]*/diary/', body)
    timer = staticfiles_storage.path(staticfiles_storage.stored_name("js/timer.js"))
    with open(timer, encoding="utf-8") as file:
        imported = re.findall(r'import\("\./([^"]+)"\)', file.read())
    assert staticfiles_storage.stored_name("js/diary/offer.js").removeprefix("js/") in imported
    assert staticfiles_storage.url("js/diary/offer.js") in offline.static_urls()


def test_stretch_steps_name_the_muscle_the_diary_asks_about():
    assert set(content.STEP_MUSCLES) <= dict(words.MUSCLES).keys()
    land = content.get_page("en", "now", "land")
    assert [step.muscle for step in land.steps if step.hold_seconds] == [
        "calf",
        "calf",
        "thigh-back",
        "thigh-front",
    ]
    water = content.get_page("en", "now", "water")
    assert [step.muscle for step in water.steps if step.muscle] == ["calf"]


def test_an_unknown_step_muscle_is_a_content_problem(monkeypatch):
    land = content.get_page("en", "now", "land")
    wrong = land.steps[0].__class__(**{**land.steps[0].__dict__, "muscle": "elbow"})
    pages = dict(content.all_pages())
    pages["en", "now", "land"] = land.__class__(
        **{**land.__dict__, "steps": (wrong, *land.steps[1:])}
    )
    monkeypatch.setattr(validation, "all_pages", lambda: pages)
    found = content.problems()
    assert any("muscle must be one of" in problem for problem in found)
    assert any("names other muscles than" in problem for problem in found)


def test_diary_modules_import_the_hashed_files_the_worker_keeps():
    # Module imports are rewritten to hashed names (cramps_site/storage.py): offline, an import
    # of an unhashed name would miss the worker's cache and the page would stay blank.
    kept = set(offline.static_urls())
    modules = [name for name in staticfiles_storage.hashed_files if name.startswith("js/diary/")]
    assert len(modules) >= 10
    found = 0
    for name in modules:
        path = staticfiles_storage.path(staticfiles_storage.stored_name(name))
        with open(path, encoding="utf-8") as file:
            source = file.read()
        # Minified: `import{a,b}from"./x.js";`, `import*as x from"./x.js";`, `import("./x.js")`.
        imports = re.findall(r'\bimport\b[^;"(]*?\bfrom\s*"([^"]+)";', source)
        imports += re.findall(r'\bimport\("([^"]+)"\)', source)
        found += len(imports)
        for target in imports:
            url = staticfiles_storage.url(name).rsplit("/", 1)[0] + "/" + target.removeprefix("./")
            assert url in kept, f"{name} imports {target}, which the worker does not keep"
    assert found >= 20  # every module's imports were read, not none


@pytest.mark.parametrize(("page", "script"), [(p, f"js/diary/{p}.js") for p in words.PAGE_TEXT])
def test_each_page_sends_every_sentence_its_scripts_use(page, script):
    # Follows the page's imports through the modules and collects the keys they say().
    every = words.labels()["text"].keys()
    sent = words.labels(page)["text"].keys()
    found, todo, seen = set(), [script], set()
    while todo:
        name = todo.pop()
        seen.add(name)
        source = (settings.BASE_DIR / "static" / name).read_text(encoding="utf-8")
        for call in re.findall(r"\bsay\(([^)]*)", source):
            found |= set(re.findall(r'"(\w+)"', call)) & every
        for target in re.findall(r'(?:from |import\()"\./([\w-]+\.js)"', source):
            if f"js/diary/{target}" not in seen:
                todo.append(f"js/diary/{target}")
    assert found <= sent, f"{page} lacks {found - sent}"


@pytest.mark.django_db
def test_diary_pages_link_the_stylesheet_and_allow_only_their_no_script_rule(client):
    # The diary's styles come with the stylesheet every page links (guide/stylesheets.py);
    # inline, on the diary's pages only, is the rule for a browser without JavaScript.
    diary_page = client.get("/en/diary/log/")
    body = diary_page.content.decode()
    linked = re.findall(r'<link rel="stylesheet" href="(/static/css/site\.\w+\.css)">', body)
    assert len(linked) == 1
    stylesheet = client.get(linked[0])
    assert ".save-bar" in b"".join(stylesheet.streaming_content).decode()
    stylesheet.close()  # whitenoise streams the file
    assert re.findall(r"<style>.*?</style>", body, re.DOTALL) == [
        f"<style>{styles.WITHOUT_SCRIPT_CSS}</style>"
    ]
    assert f"<noscript><style>{styles.WITHOUT_SCRIPT_CSS}</style></noscript>" in body
    policy = diary_page["Content-Security-Policy"]
    other = client.get("/en/guide/stretches/")["Content-Security-Policy"]
    # Computed here, not by the code under test: what a browser checks the style against.
    css = styles.WITHOUT_SCRIPT_CSS
    digest = f"'sha256-{b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
    assert digest in policy
    assert digest not in other
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    others = dict(part.strip().split(" ", 1) for part in other.split(";"))
    assert directives.pop("style-src") == f"'self' {digest}"
    del others["style-src"]
    assert directives == others
