"""The content files load, validate, and catch the mistakes editors and reviewers found."""

# ruff: noqa: RUF001 (Russian and Spanish text is meant to hold Cyrillic letters and dashes)

import datetime
import re
import shutil

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.template import Context, Template
from django.utils import translation
from django.utils.html import escape
from shown import shown, visible

from guide import content
from guide.content import loader, numbers, rendering, typography, urgency, validation

# The day the content was last reviewed: tests about review dates use it, never today.
REVIEWED_ON = datetime.date(2026, 11, 26)


@pytest.fixture
def content_copy(tmp_path, monkeypatch):
    """A private copy of the content to break, loaded instead of the real one."""
    copy = tmp_path / "content"
    shutil.copytree(content.CONTENT_DIR, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setattr(loader, "CONTENT_DIR", copy)
    content.all_pages.cache_clear()
    yield copy
    content.all_pages.cache_clear()


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def append(path, text):
    path.write_text(path.read_text() + text)


def test_the_published_content_has_no_problems():
    assert content.problems() == []


def test_russian_and_spanish_keep_each_number_on_one_line_with_its_unit():
    # «30 секунд», «15 °C», «№ 17», «94 %» with a no-break space (native reviews, December
    # 2026): on a narrow phone an ordinary space can leave the number alone at a line's end.
    assert content.typography_problems() == []


@pytest.mark.parametrize(
    ("language", "text", "loose"),
    [
        ("ru", "Держите 30 секунд.", ["30 секунд"]),
        ("ru", "ниже 15 °C, «Ессентуки № 17»", ["15 °C", "№ 17"]),
        ("ru", "1,5 г в день, 2 вдоха, 1 000 мг", ["1,5 г", "2 вдоха", "1 000", "000 мг"]),
        ("ru", "26 ноября 2026, с {hour} ч, %(seconds)s секунд", ["26 ноября", "} ч", "s секунд"]),
        ("es", "Mantén 30 segundos, unos 15 °C, el 94 %", ["30 segundos", "15 °C", "94 %"]),
        ("es", "1,4 litros, 240 ml, 900 202 202", ["1,4 litros", "240 ml", "900 202", "202 202"]),
        # Not units: a word that starts like one, a placeholder that is not a number's, text.
        ("ru", "Звоните 112 или 103. 5 мы, 2 разных, %(number)s\u00a0— номер", []),
        # Russian ties a dash to the word before it; a dash opening a line has no space to tie.
        (
            "ru",
            "Судорога — это боль, %(number)s — номер, не меньше 4 звёзд",
            ["Судорога — это", "s — номер", "4 звёзд"],
        ),
        ("ru", "Судорога\u00a0— это\n— Да, 5–10\u00a0минут", []),
        ("es", "El calambre — un dolor — pasa", []),
        ("ru", "рекомендации 2015 года, в 2026 году; но 18 лет, 3 года", ["18 лет", "3 года"]),
        ("es", "5 mesas, 2 sobre 10, %(beats)s por minuto, Llama al 112 y", []),
        ("ru", "Держите 30\u00a0секунд при 15\u00a0°C, «№\u00a017»", []),
    ],
)
def test_the_typography_check_finds_the_spaces_that_let_a_unit_break_away(language, text, loose):
    found = typography.loose_spaces(text, language)
    assert len(found) == len(loose), found
    for (_line, words), pair in zip(found, loose, strict=True):
        assert pair in words


@pytest.mark.parametrize(
    ("text", "tied"),
    [
        ("Войдите в воду и зовите", "Войдите в\u00a0воду и\u00a0зовите"),
        (
            "С мобильного, к врачу, у него, о том, а если, я вас",
            "С\u00a0мобильного, к\u00a0врачу, у\u00a0него, о\u00a0том, а\u00a0если, я\u00a0вас",
        ),
        # Not a one-letter word: the end of a longer one, a hyphenated form, Latin letters.
        ("обоз в пути, кто-то а-ля, C and a word", "обоз в\u00a0пути, кто-то а-ля, C and a word"),
        # Inside HTML only the text changes; a word already tied stays as it is.
        (
            '<p>В воде <a href="/ru/">к берегу</a></p>',
            '<p>В\u00a0воде <a href="/ru/">к\u00a0берегу</a></p>',
        ),
        ("в\u00a0воде", "в\u00a0воде"),
    ],
)
def test_a_russian_one_letter_word_stays_on_the_line_of_the_word_after_it(text, tied):
    # «в», «к», «и» left at a line's end on a narrow phone (native review of the
    # emergency screens, December 2026, minor 26): tied when the text is shown.
    assert typography.tie_short_words(text) == tied


def test_the_russian_emergency_screens_show_no_one_letter_word_at_a_line_end(client):
    one_letter = re.compile(r"(?<![\w-])[вксуоиая] \w+", re.IGNORECASE)
    for slug in content.EMERGENCY_SLUGS:
        body = client.get(content.page_url("now", slug, "ru")).content.decode()
        main = body[body.index("<h1>") : body.index('id="get-help"')]
        # The title, the lines under it, each step's title and text, and the screen's own
        # interface lines (the sea rescue number, the beat) from the catalogue.
        parts = re.findall(r"<h1>(.*?)</h1>|<h2[^>]*>(.*?)</h2>|<p[^>]*>(.*?)</p>", main, re.S)
        texts = [visible("".join(groups)) for groups in parts]
        assert len(texts) > 8, slug
        assert [m.group(0) for text in texts for m in one_letter.finditer(text)] == [], slug


def test_an_ordinary_space_before_a_unit_names_its_file_and_line(content_copy):
    edit(content_copy / "water" / "ru" / "cold-water.md", "15\u00a0°C", "15 °C")
    edit(content_copy / "guide" / "es" / "about.md", "Cramp Aid", "Cramp Aid (30 segundos)")
    found = content.typography_problems()
    assert any(p.startswith("water/ru/cold-water.md:") and "15 °C" in p for p in found)
    assert any(p.startswith("guide/es/about.md:") and "30 segundos" in p for p in found)
    # A comment in the header is for editors, not readers.
    edit(content_copy / "water" / "ru" / "index.md", "+++\n", "+++\n# 30 секунд, не для читателя\n")
    assert not any("не для читателя" in p for p in content.typography_problems())
    # English keeps its own conventions; the check is for Russian and Spanish.
    edit(content_copy / "water" / "en" / "cold-water.md", "15\u00a0°C", "15 °C")
    assert not any(p.startswith("water/en/") for p in content.typography_problems())


def test_a_russian_or_spanish_link_names_the_page_it_opens_by_its_title(content_copy):
    # Three spellings of one emergency screen made its button harder to find (native review
    # of the Russian guide, December 2026, important item 10).
    edit(
        content_copy / "guide" / "ru" / "stretches.md",
        "[«Свело ногу в воде»](now:water)",
        "[«Свело ногу»: в воде](now:water)",
    )
    edit(
        content_copy / "guide" / "es" / "stretches.md",
        "[«Calambre en el agua»](now:water)",
        "[la pantalla del agua](now:water)",
    )
    edit(
        content_copy / "water" / "ru" / "before-you-swim.md",
        "[«Растяжка перед сном»](guide:stretches)",
        "[«Растяжка»](guide:stretches)",
    )
    # Words without quotes may lead to a guide page, as in a "read also" list.
    edit(
        content_copy / "guide" / "ru" / "night-cramps.md",
        "статьи [«Растяжка перед сном»](guide:stretches)",
        "[растяжки перед сном](guide:stretches)",
    )
    assert sorted(content.problems()) == [
        "guide/es/stretches.md: the link to now:water says 'la pantalla del agua'; "
        "write «Calambre en el agua»",
        "guide/ru/stretches.md: the link to now:water says '«Свело ногу»: в воде'; "
        "write «Свело ногу в воде»",
        "water/ru/before-you-swim.md: the link to guide:stretches says '«Растяжка»'; "
        "write «Растяжка перед сном»",
    ]


def test_no_review_was_due_on_the_day_of_the_last_review():
    assert content.reviews_due(REVIEWED_ON) == []


def test_an_overdue_review_names_the_page_that_is_due():
    causes = content.get_page("en", "guide", "causes")
    due = content.reviews_due(REVIEWED_ON + datetime.timedelta(days=3650))
    assert f"guide/en/causes.md: next review was due on {causes.next_review}" in due
    assert content.problems(today=REVIEWED_ON + datetime.timedelta(days=3650)) == []


def test_check_reviews_names_the_page_that_is_due(content_copy, capsys):
    path = content_copy / "guide" / "ru" / "causes.md"
    causes = content.get_page("ru", "guide", "causes")
    edit(path, f"reviewed = {causes.reviewed}", "reviewed = 2020-01-01")
    edit(path, f"next_review = {causes.next_review}", "next_review = 2021-01-01")
    content.all_pages.cache_clear()
    with pytest.raises(CommandError) as raised:
        call_command("check_reviews", on=REVIEWED_ON)
    assert str(raised.value).endswith("\n  guide/ru/causes.md: next review was due on 2021-01-01")
    call_command("check_reviews", on=datetime.date(2020, 6, 1))
    assert "No review is due on 2020-06-01." in capsys.readouterr().out


def test_the_emergency_screens_and_red_flags_exist_in_every_language():
    for language in content.languages():
        for slug in (*content.EMERGENCY_SLUGS, content.RED_FLAGS_SLUG):
            assert content.get_page(language, "now", slug) is not None


def test_every_source_records_the_day_it_was_checked():
    for page in content.all_pages().values():
        for source in page.sources:
            assert source.checked <= datetime.date.today(), (page.path, source.url)


def test_a_page_without_sources_is_caught(content_copy):
    page = content_copy / "now" / "en" / "help-someone.md"
    text = page.read_text()
    header, body = text.split("+++\n")[1:3]
    header = header.split("[[sources]]")[0]
    page.write_text(f"+++\n{header}+++\n{body}")
    assert any("lists no sources" in p for p in content.problems())


def test_a_source_without_a_checked_date_or_checked_in_the_future_is_caught(content_copy):
    path = content_copy / "guide" / "en" / "causes.md"
    edit(path, "checked = 2026-11-26\n", "")
    edit(
        content_copy / "guide" / "es" / "causes.md", "checked = 2026-11-26", "checked = 2099-01-01"
    )
    found = content.problems()
    assert any(
        p.startswith("guide/en/causes.md: source https://") and "checked" in p for p in found
    )
    assert any(p.startswith("guide/es/causes.md") and "checked in the future" in p for p in found)


def test_one_address_with_two_titles_in_a_language_is_caught(content_copy):
    edit(
        content_copy / "guide" / "ru" / "causes.md", 'title = "Судороги в ногах', 'title = "Другое'
    )
    found = content.problems()
    assert any("has different titles in one language" in p and "guide/ru/" in p for p in found)


def test_a_review_date_in_the_future_is_caught(content_copy):
    edit(content_copy / "now" / "en" / "land.md", "reviewed = 2026-12-05", "reviewed = 2099-01-01")
    assert any("in the future" in p for p in content.problems())


def test_a_broken_internal_link_is_caught(content_copy):
    append(content_copy / "now" / "en" / "land.md", "\nSee [nothing](guide:no-such-page).\n")
    assert any("broken link guide:no-such-page" in p for p in content.problems())


def test_an_extra_h1_is_caught(content_copy):
    append(content_copy / "now" / "en" / "land.md", "\n# Another title\n")
    assert any("# heading" in p for p in content.problems())


@pytest.mark.parametrize(
    ("markdown", "fault", "line"),
    [
        ("<script>alert(1)</script>", "raw HTML", 0),
        ('A <span style="color:red">word</span>.', "raw HTML", 0),
        ("[Tap](javascript:alert(1))", "'javascript:alert", 0),
        ("[Tap](data:text/html,hello)", "'data:text/html,hello'", 0),
        ("[Old site](http://www.nhs.uk/)", "'http://www.nhs.uk/'", 0),
        ("<http://www.nhs.uk/>", "'http://www.nhs.uk/'", 0),
        ("[Tap][x]\n\n[x]: javascript:alert(1)", "'javascript:alert(1)'", 2),
        ("![A drawing](https://example.org/a.png)", "an image", 0),
    ],
)
def test_unsafe_markup_is_refused_at_load_time_with_file_and_line(
    content_copy, markdown, fault, line
):
    path = content_copy / "guide" / "es" / "stretches.md"
    last_line = path.read_text().count("\n")
    append(path, f"\n{markdown}\n")
    found = content.problems()
    assert len(found) == 1
    assert f"{path}, line {last_line + 2 + line}: " in found[0]
    assert fault in found[0]


def test_https_and_internal_links_load(content_copy):
    append(
        content_copy / "guide" / "en" / "stretches.md",
        "\n[NHS](https://www.nhs.uk/) and [home](home:) and <https://rnli.org/>.\n",
    )
    assert content.problems() == []


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


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "1,000 mg, 1.5 to 2.0 g, 240 mL every 15–20 minutes",
            {"1000", "1.5", "2.0", "240", "15", "20"},
        ),
        (
            "ru",
            "1 000 мг, 1\u00a0300 мг, 1,5–2,0 г, с городского 03",
            {"1000", "1300", "1.5", "2.0", "03"},
        ),
        (
            "es",
            "1.000 mg, 1\u00a0300 mg, 1,5–2,0 g, de 2.5 a 3",
            {"1000", "1300", "1.5", "2.0", "2", "5", "3"},
        ),
        ("en", "Vitamin B12. [AAFP](https://www.aafp.org/afp/2012/0815/p350-s1.html)", set()),
        ("en", "1. Sit down.\n2. Stretch for 30 seconds.", {"30"}),
    ],
)
def test_numbers_are_read_as_each_language_writes_them(language, text, expected):
    assert numbers.numbers_in(text, language) == expected


def test_a_number_that_differs_from_the_english_page_is_caught(content_copy):
    edit(content_copy / "guide" / "es" / "fluids-and-heat.md", "240", "250")
    found = content.problems()
    assert any(
        p.startswith("guide/es/fluids-and-heat.md gives other numbers")
        and "only here ['250'], only there ['240']" in p
        for p in found
    )


def test_a_translation_that_drops_the_get_help_now_box_is_caught(content_copy):
    # The Russian and Spanish cramp-in-the-water pages once lost the box that English shows:
    # the signs after water breathed in were on the English page only.
    edit(content_copy / "guide" / "es" / "when-to-see-a-doctor.md", "show_red_flags = true\n", "")
    found = content.problems()
    assert (
        "guide/es/when-to-see-a-doctor.md shows the Get help now box unlike "
        "guide/en/when-to-see-a-doctor.md" in found
    )


def test_local_numbers_are_allowed_only_when_listed_and_used(content_copy):
    path = content_copy / "guide" / "ru" / "stretches.md"
    append(path, "\nС городского телефона — 03.\n")
    assert any("guide/ru/stretches.md gives other numbers" in p for p in content.problems())
    edit(path, "order = ", 'local_numbers = ["03"]\norder = ')
    content.all_pages.cache_clear()
    assert content.problems() == []
    edit(path, 'local_numbers = ["03"]', 'local_numbers = ["03", "911"]')
    content.all_pages.cache_clear()
    assert any("local_numbers lists ['911']" in p for p in content.problems())


@pytest.mark.parametrize(
    ("language", "wording"),
    [
        ("ru", "Человек растерян."),
        ("ru", "Это дегидратация."),
        ("ru", "Выпейте регидрон."),
        ("ru", "Не принимайте статин, пока врач или фармацевт не скажет, что можно."),
        ("ru", "Моча стала бурой, цвета чая или колы."),
        ("es", "Si la persona está muy caliente, llama."),
        ("es", "Haz el muerto; no: hacer el muerto."),
        ("es", "Toma un suero."),
        ("en", "Quinine is never for pregnancy."),
        ("pt", "Se a perna ficar de repente muito dolorida, ligue já para o {number}."),
    ],
)
def test_wordings_the_reviews_ruled_out_are_caught(content_copy, language, wording):
    append(content_copy / "guide" / language / "stretches.md", f"\n{wording}\n")
    found = content.problems()
    assert any(p.startswith(f"guide/{language}/stretches.md") and "ruled out" in p for p in found)


def test_the_names_and_the_right_words_pass():
    page = content.get_page("es", "guide", "oral-rehydration")
    assert "Sueroral" in page.body_markdown
    assert "suero oral" in page.body_markdown.lower()
    assert content.problems() == []


def test_markdown_renders_html_as_text_and_drops_unsafe_addresses():
    html = rendering.to_html(
        "Hi <script>alert(1)</script> <b>bold</b>\n\n<div>block</div>\n\n"
        "[a](javascript:alert(1)) [b](//evil.example/) [c](https://www.nhs.uk/) [d](/en/now/)"
    )
    assert "<script" not in html
    assert "<b>" not in html
    assert "<div>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html
    assert 'href="//evil' not in html
    assert '<a href="https://www.nhs.uk/">c</a>' in html
    assert '<a href="/en/now/">d</a>' in html


def test_internal_links_are_rendered_in_the_pages_language():
    page = content.get_page("ru", "now", "land")
    assert 'href="/ru/guide/when-to-see-a-doctor/"' in page.body_html
    assert "guide:" not in page.body_html


def test_the_about_page_links_to_the_review_dates_in_every_language():
    for language in content.languages():
        page = content.get_page(language, "guide", "about")
        assert f'href="/{language}/reviews/"' in page.body_html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "26 November 2026"),
        ("ru", "26\u00a0ноября\u00a02026"),
        ("es", "26 de noviembre de 2026"),
        # Portuguese months take no capital (Django's catalogue gives one: cramps_site/locale).
        ("pt", "26 de novembro de 2026"),
        ("fr", "26\u00a0novembre\u00a02026"),
    ],
)
def test_dates_read_as_each_language_writes_them(client, language, expected):
    reviewed = content.get_page(language, "guide", "causes").reviewed
    with translation.override(language):
        assert Template("{{ day|date }}").render(Context({"day": REVIEWED_ON})) == expected
        shown = Template("{{ day|date }}").render(Context({"day": reviewed}))
    body = client.get(f"/{language}/guide/causes/").content.decode()
    assert f'<time datetime="{reviewed.isoformat()}">{shown}</time>' in body


@pytest.mark.django_db
def test_the_reviews_page_lists_every_page_its_dates_and_its_sources(client):
    for language in content.languages():
        body = client.get(f"/{language}/reviews/").content.decode()
        for section, pages in content.reading_order(language):
            for page in pages:
                assert escape(page.title) in body, (language, section, page.slug)
                if page.has_own_url:
                    assert f'href="{page.url}"' in body
                for source in page.sources:
                    assert f'href="{escape(source.url)}"' in body
    russian = client.get("/ru/reviews/").content.decode()
    assert "Следующая проверка" in russian
    assert russian.count('<time datetime="2026-11-26">26\u00a0ноября\u00a02026</time>') > 50


@pytest.mark.django_db
def test_a_source_title_ending_in_a_question_mark_takes_no_second_stop(client):
    # «…¿qué significa cada bandera y cuáles debemos conocer?.» (native review es 2.25).
    spanish = client.get("/es/reviews/").content.decode()
    assert "cuáles debemos conocer?</a>" in spanish
    assert "cuáles debemos conocer?</a>." not in spanish
    assert "Float to Live</a>." in client.get("/en/reviews/").content.decode()


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
        text = " ".join(page.texts)
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


# The wordings and levels the December 2026 reviews ruled out on the emergency pages, each as the
# published content had it (content/urgency.py): put back, each is caught.
OLD_WORDINGS = [
    # The chest-pain line in "today" named no number: readers called their doctor.
    (
        "now/en/red-flags.md",
        "With chest pain or breathlessness, call {number} now.",
        "With breathing trouble or chest pain, call at once.",
        "the chest-pain line must name the number",
    ),
    (
        "now/ru/red-flags.md",
        "сразу звоните {number}.",
        "звоните немедленно.",
        "without the number",
    ),
    (
        "now/es/red-flags.md",
        "llama ya al {number}.",
        "llama enseguida.",
        "without the number",
    ),
    (
        "water/en/helping-someone.md",
        "Call {number} now if they:",
        "Call the emergency number at once if they:",
        "without the number",
    ),
    # Tetanus symptoms waited for "today".
    (
        "now/en/red-flags.md",
        'level = "urgent"\ntext = "A deep or dirty wound (a puncture, an animal bite',
        'level = "urgent"\ntext = "Cramps or stiff muscles after a dirty or deep wound (tetanus',
        "tetanus symptoms belong under call now",
    ),
    (
        "now/ru/red-flags.md",
        'level = "urgent"\ntext = "Глубокая или грязная рана',
        'level = "urgent"\ntext = "Мышцы сводит или они деревенеют после грязной раны (столбняк).',
        "tetanus symptoms belong under call now",
    ),
    (
        "now/es/red-flags.md",
        'level = "urgent"\ntext = "Una herida profunda o sucia',
        'level = "urgent"\ntext = "Músculos rígidos después de una herida sucia (tétanos).',
        "tetanus symptoms belong under call now",
    ),
    # Drowning is water breathed in, not swallowed; heatstroke may still sweat.
    ("now/en/red-flags.md", "Water in the lungs can", "Or they swallowed water", "ruled out"),
    ("now/ru/red-flags.md", "может быть и влажной от пота", "человек перестал потеть", "ruled out"),
    ("now/es/red-flags.md", "aunque puede seguir sudando", "ya no suda", "ruled out"),
    # A warm leg is the clot's sign, not a hot one.
    ("now/ru/red-flags.md", "стала тёплой на ощупь или", "стала горячей или", "ruled out"),
    # In Russia a pharmacist does not restart a prescription medicine (round-5 decision E).
    (
        "now/ru/red-flags.md",
        "пока врач не скажет",
        "пока врач или фармацевт не скажет",
        "ruled out",
    ),
    ("now/ru/help-someone.md", "включите громкую связь:", "по громкой связи:", "ruled out"),
    ("now/es/help-someone.md", "Presiona sin parar", "Solo sigue presionando", "ruled out"),
    # The rescue pages: gasping, the defibrillator, shallow water, depth, the stop rule.
    ("now/en/help-someone.md", "asping", "eeble breath", "gasping"),
    ("now/ru/help-someone.md", "Судорожные вдохи (", "Вдохи (", "gasping"),
    ("now/es/help-someone.md", "oquea", "espira mal", "gasping"),
    ("water/ru/helping-someone.md", "Судорожные вдохи (", "Вдохи (", "gasping"),
    ("now/en/help-someone.md", "Push down 5–6\u00a0cm", "Push down hard", "depth"),
    ("now/es/help-someone.md", "Sigue hasta que", "Presiona", "when to stop"),
    ("now/en/help-someone.md", "defibrillator = true\n", "", "defibrillator = true"),
    ("now/en/help-someone.md", "? Call {number} now,", "? Call now,", "own lead"),
    # The rescue screen's first line jumps to CPR (clinical review 2, major 1).
    ("now/en/help-someone.md", 'anchor = "cpr"\n', "", "jump to the CPR steps"),
    ("now/ru/help-someone.md", 'anchor = "cpr"\n', 'anchor = "help"\n', "anchors other steps"),
    # A baby's chest: two thumbs around it or the heel of one hand, no longer two fingers.
    ("now/en/help-someone.md", "both thumbs", "two fingers", "ruled out"),
    ("now/ru/help-someone.md", "двумя большими пальцами", "двумя пальцами", "ruled out"),
    ("now/es/help-someone.md", "los dos pulgares", "dos dedos", "ruled out"),
    # Sudden pain alone, every cramp, stood under "call now" (clinical review 4, major 1).
    (
        "now/en/red-flags.md",
        "goes numb, or you cannot move the foot or toes, above all with severe pain that",
        "suddenly very painful, weak or numb, or",
        "ruled out",
    ),
    (
        "now/ru/red-flags.md",
        "онемела или перестала слушаться",
        "либо внезапно появились сильная боль, слабость или онемение, или",
        "ruled out",
    ),
    (
        "now/es/red-flags.md",
        "se queda entumecido (dormido, sin sensibilidad) o no puedes mover",
        "te duele mucho, pierde fuerza o se queda entumecido (dormido, sin sensibilidad) o",
        "ruled out",
    ),
    # Someone through the ice: never go onto it (clinical review 4, minor 8).
    ("now/en/help-someone.md", "Never go onto ice. ", "", "staying off the ice"),
    ("now/ru/help-someone.md", "Никогда не выходите на лёд. ", "", "staying off the ice"),
    (
        "now/es/help-someone.md",
        "Si ha caído a través del hielo, no lo pises. ",
        "",
        "staying off the ice",
    ),
    (
        "water/en/helping-someone.md",
        " Never go onto ice, even for someone who has fallen through:",
        " Also:",
        "staying off the ice",
    ),
    # Dark urine under "call now" and again under "today" (clinical review 2, major 4). It now
    # stands under "today" only, with "go to an emergency department now" (review 4, minor 2).
    (
        "now/en/red-flags.md",
        "very hot skin (they may still be sweating)",
        "very hot skin (they may still be sweating), brown urine",
        "stands under call now and again under today",
    ),
    (
        "now/es/red-flags.md",
        "la piel muy caliente (aunque puede seguir sudando)",
        "la piel muy caliente (aunque puede seguir sudando), la orina oscura",
        "stands under call now and again under today",
    ),
    (
        "now/ru/red-flags.md",
        "очень горячая кожа (она может быть и влажной от пота)",
        "очень горячая кожа (она может быть и влажной от пота), моча цвета колы",
        "stands under call now and again under today",
    ),
    # The trained rescuer's cycle, 30 and 2, stands in the CPR step (clinical review 3, major 2).
    (
        "now/en/help-someone.md",
        "Trained: 30 pushes, then 2 breaths, and repeat. ",
        "",
        "trained cycle",
    ),
    (
        "now/ru/help-someone.md",
        "Обучены\u00a0— 30\u00a0надавливаний, затем 2\u00a0вдоха, и так по кругу. ",
        "",
        "trained cycle",
    ),
    (
        "now/es/help-someone.md",
        "Haz 30\u00a0presiones y luego 2\u00a0respiraciones, y vuelta a empezar. ",
        "",
        "trained cycle",
    ),
    # Sudden pain alone is every cramp, on the guide's pages too (Spanish review 3, major 1).
    (
        "guide/en/night-cramps.md",
        "goes numb or weak, or you cannot move",
        "suddenly becomes very painful, numb or weak, or you cannot move",
        "pain alone is every cramp",
    ),
    (
        "guide/es/night-cramps.md",
        "**Si de repente la pierna",
        "**Si de repente notas mucho dolor, o la pierna",
        "pain alone is every cramp",
    ),
    # A cough on its own: the emergency department after 15 minutes, not a call (review 3, major 1).
    (
        "now/en/help-someone.md",
        "Call {number} now, too, if they breathe fast",
        "Call {number} now, too, if they keep coughing, breathe fast",
        "a cough on its own",
    ),
    (
        "now/en/red-flags.md",
        "make breathing worse hours later.",
        "make breathing worse hours later. They keep coughing.",
        "a cough on its own",
    ),
    (
        "now/ru/red-flags.md",
        "дыхание может ухудшиться и через несколько часов.",
        "дыхание может ухудшиться и через несколько часов. Он не перестаёт кашлять.",
        "a cough on its own",
    ),
    (
        "now/es/red-flags.md",
        "la respiración puede empeorar horas después.",
        "la respiración puede empeorar horas después. No para de toser.",
        "a cough on its own",
    ),
    (
        "water/en/helping-someone.md",
        "- breathe fast or with effort;",
        "- keep coughing, breathe fast or with effort;",
        "a cough on its own",
    ),
    (
        "water/es/children.md",
        "también** si respira rápido o con esfuerzo, echa espuma",
        "también** si sigue tosiendo, respira rápido o con esfuerzo, echa espuma",
        "a cough on its own",
    ),
    (
        "water/ru/cramp-while-swimming.md",
        "    - он дышит часто или с трудом, у него пена у рта;",
        "    - он продолжает кашлять, дышит часто или с трудом, у него пена у рта;",
        "a cough on its own",
    ),
    # The noun too («кашель», not only «кашлять»), in the Russian screen's call-now sentence.
    (
        "now/ru/help-someone.md",
        "ему делали искусственное дыхание или СЛР.",
        "ему делали искусственное дыхание или СЛР, или у него сильный кашель.",
        "a cough on its own",
    ),
    # A leg suddenly cold is call now; "today" may only send it there with the number.
    (
        "now/en/red-flags.md",
        "suddenly, call {number} now.",
        "suddenly, see a doctor today.",
        "stands under call now and again under today",
    ),
]


@pytest.mark.parametrize(("path", "new", "old", "problem"), OLD_WORDINGS)
def test_the_old_wordings_and_levels_of_the_emergency_pages_are_caught(
    content_copy, path, new, old, problem
):
    text = (content_copy / path).read_text()
    assert new in text
    (content_copy / path).write_text(text.replace(new, old))  # every time the page says it
    found = [p for p in content.problems() if p.startswith(path)]
    assert any(problem in p for p in found), found


@pytest.mark.parametrize(
    ("language", "blood", "coughs"),
    [
        ("en", "coughing up blood", ["a cough", "keeps coughing"]),
        ("es", "tos con sangre", ["la tos", "sigue tosiendo", "toser"]),
        # «Tosse» once matched the verb's pattern too, so the clot's sign read as a cough.
        ("pt", "tosse com sangue", ["a tosse", "continua tossindo", "tossir", "tosses"]),
    ],
)
def test_coughing_up_blood_is_not_a_cough_on_its_own(language, blood, coughs):
    # Coughing up blood is the clot's sign, under call now; a cough alone goes to the
    # emergency department (urgency.COUGH).
    assert not urgency.COUGH_RE[language].search(blood)
    for cough in coughs:
        assert urgency.COUGH_RE[language].search(cough), cough


def test_only_the_number_placeholder_is_allowed(content_copy):
    edit(content_copy / "now" / "en" / "red-flags.md", "call {number} now", "call {numbr} now")
    assert any("{numbr} is not a placeholder" in p for p in content.problems())


def test_a_translation_names_the_number_where_english_does(content_copy):
    edit(content_copy / "now" / "es" / "help-someone.md", "Llama al {number} y pon", "Llama y pon")
    assert any(
        p.startswith("now/es/help-someone.md names the number to call in other places")
        for p in content.problems()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", content.languages())
def test_the_number_in_the_text_is_the_call_buttons_number(client, language):
    body = client.get(f"/{language}/now/help-someone/").content.decode()
    number = django_settings.EMERGENCY_NUMBER
    marked = f'<span data-number-text="%(number)s">{number}</span>'
    # The lead, steps and the box name it; app.js swaps it with the buttons' (data-number-text).
    lead = body[body.index('class="lead-alert"') : body.index("</p>", body.index("lead-alert"))]
    assert marked in lead
    assert body.count(marked) >= 4
    assert content.NUMBER_TOKEN not in body


@pytest.mark.django_db
def test_the_rescue_screen_lists_the_drowning_signs_first_and_the_land_screen_the_leg(client):
    for slug, first in [
        ("help-someone", "After trouble in the water"),
        ("water", "After trouble in the water"),
        ("land", "Chest pain"),
    ]:
        body = client.get(content.page_url("now", slug, "en")).content.decode()
        box = body[body.index('id="get-help"') :]
        assert re.search(r"<ul>\s*<li>" + re.escape(first), box), slug


@pytest.mark.django_db
@pytest.mark.parametrize("language", content.languages())
def test_the_water_screen_leads_with_the_hearts_signs_and_the_land_screen_with_the_legs(
    client, language
):
    # A swimmer's chest pain, racing heart or faintness is the heart first, not a calf: the
    # water screen's own line replaces the box's leg signs and still leads to the box.
    legs = content.red_flags(language).lead
    heart = content.get_page(language, "now", "water").lead
    assert heart
    assert urgency.CHEST_PAIN_RE[language].search(heart)
    for slug, wanted, unwanted in [("water", heart, legs), ("land", legs, heart)]:
        body = client.get(content.page_url("now", slug, language)).content.decode()
        start = body.index('class="lead-alert"')
        first = body[start : body.index("</p>", start)]
        assert 'href="#get-help"' in first
        assert shown(wanted.split("{number}")[0]) in first, slug
        assert shown(unwanted.split("{number}")[0]) not in first, slug


@pytest.mark.django_db
@pytest.mark.parametrize("language", content.languages())
def test_each_screen_shows_its_own_signs_and_keeps_the_rest_one_tap_away(client, language):
    flags = content.red_flags(language)
    for slug in content.EMERGENCY_SLUGS:
        body = client.get(content.page_url("now", slug, language)).content.decode()
        box = visible(body[body.index('id="get-help"') :]).replace("\xa0", " ")
        for level in ("emergency", "urgent"):
            shown_here, more = flags.flags_shown_on(level, slug)
            assert len(shown_here) <= 5, (slug, level)  # a frightened reader reads four or five
            for flag in shown_here + more:  # every sign is on the page, none at two levels
                assert box.count(shown(flag.text).replace("\xa0", " ")) == 1
        assert body.count('<details class="more-flags">') == 2
    # The land screen: the clot in the lung, the cold leg, the tight calf first. Dark urine
    # needs an emergency department, not the ambulance: it leads the second list (clinical
    # review 4, minor 2), after the clot, whose flag says when that cannot wait.
    land, _ = flags.flags_shown_on("emergency", "land")
    assert len(land) == 3
    land_today, _ = flags.flags_shown_on("urgent", "land")
    dark_urine = urgency.ONE_LEVEL_SIGNS_RE["brown or cola-coloured urine"][language]
    assert [bool(dark_urine.search(flag.text)) for flag in land_today[:3]] == [False, True, True]
    # The water screen: no "more than 10 minutes, get care today" for a swimmer still in the
    # water (minor 3); its one sign for today is a cough that has not settled.
    water_today, _ = flags.flags_shown_on("urgent", "water")
    assert len(water_today) == 1
    assert urgency.COUGH_RE[language].search(water_today[0].text)
    rescue, _ = flags.flags_shown_on("emergency", "help-someone")
    assert len(rescue) == 4  # water breathed in, the heart, hypothermia, a fit
    assert flags.flags_shown_on("urgent", "help-someone")[0] == []


@pytest.mark.parametrize("language", ["en", "ru", "es", "pt", "fr"])
def test_no_call_now_sign_sends_the_reader_to_hospital_instead(language):
    # Under "Call {number} now if:", "go to an emergency department now" contradicted the
    # heading; those signs stand under "today", where their own words say "now" (clinical
    # review 4, minor 2).
    department = urgency.EMERGENCY_DEPARTMENT_RE[language]
    flags = content.red_flags(language).emergency_flags
    assert [flag.text for flag in flags if department.search(flag.text)] == []


def test_away_from_the_emergency_screens_the_box_lists_every_sign():
    flags = content.red_flags("en")
    for level in ("emergency", "urgent"):
        assert flags.flags_shown_on(level, "when-to-see-a-doctor") == (flags.flags_at(level), [])
        assert flags.flags_shown_on(level, "") == (flags.flags_at(level), [])


def test_the_help_someone_screen_goes_on_to_rescue_breathing_and_cpr():
    page = content.get_page("en", "now", "help-someone")
    (_first, rescue), (after, care) = page.step_groups
    assert "lie down" in " ".join(s.text for s in rescue).lower()
    assert after == "Once they are out of the water"
    text = " ".join(f"{s.title} {s.text}" for s in care)
    # Aftercare as the water pack's triage states it: who needs a doctor, watched 15 minutes,
    # never left alone for 24 hours (clinical readers, December 2026).
    steps = ["5 rescue breaths", "CPR", "1 minute", "onto their side", "who needs a doctor"]
    for needed in [*steps, "15 minutes", "24 hours"]:
        assert needed in text
    # The trained rescuer's cycle is in the step with the beat, not only where breaths failed.
    cpr = next(s for s in care if s.beats_per_minute)
    assert "Trained: 30 pushes, then 2 breaths, and repeat." in cpr.text
    assert [s.beats_per_minute for s in care if s.beats_per_minute] == [110]


def test_every_red_flag_says_how_urgent_it_is_in_every_language():
    for language in content.languages():
        flags = content.red_flags(language)
        assert len(flags.emergency_flags) >= 8
        assert len(flags.urgent_flags) >= 5
        assert flags.lead


@pytest.mark.parametrize(
    ("language", "good", "bad"),
    [
        (
            "pt",
            "Abra a página [“Cãibra na água”](now:water).",
            "Abra [«Cãibra na água»](now:water).",
        ),
        (
            "fr",
            "Ouvrez l’écran [«\u00a0Crampe dans l’eau\u00a0»](now:water).",
            "Ouvrez l’écran [«Crampe dans l’eau»](now:water).",
        ),
    ],
)
def test_portuguese_and_french_name_a_linked_page_in_their_own_quotation_marks(language, good, bad):
    from types import SimpleNamespace

    screen = {"pt": "Cãibra na água", "fr": "Crampe dans l’eau"}[language]
    pages = {(language, "now", "water"): SimpleNamespace(title=screen)}

    def problems(text):
        page = SimpleNamespace(language=language, texts=[text])
        return validation.link_name_problems(page, pages)

    assert problems(good) == []
    assert len(problems(bad)) == 1
