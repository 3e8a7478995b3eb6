"""What is wrong with the content, one line each: checked by `make test` and `manage.py check`."""

import datetime
import re
from pathlib import Path

from django.conf import settings

from .links import PAGES_WITHOUT_SLUG, named_links
from .loader import all_pages, languages
from .numbers import local_numbers, page_numbers
from .pages import EMERGENCY_SLUGS, NUMBER_TOKEN, RED_FLAGS_SLUG, STEP_MUSCLES, ContentError
from .phrasing import forbidden_wordings
from .typography import french_punctuation, loose_spaces
from .urgency import urgency_problems

ILLUSTRATIONS_DIR = Path(__file__).resolve().parent.parent / "templates" / "guide" / "illustrations"
H1 = re.compile(r"^# ", re.MULTILINE)
# Any {placeholder} besides {number} would reach the reader as it is written.
PLACEHOLDER = re.compile(r"\{[^{}\s]*\}")
# A step's anchor becomes an HTML id and a "#name" link: plain lower-case words.
ANCHOR = re.compile(r"[a-z][a-z0-9-]*")


def where(page):
    """The file as the content README names it: guide/en/causes.md."""
    return f"{page.section}/{page.language}/{page.path.name}"


def problems(today=None):
    """Everything that stops the content being published; empty when all is well.

    `today` only matters for dates in the future; overdue reviews are `reviews_due()`'s job.
    """
    today = today or datetime.date.today()
    try:
        pages = all_pages()
    except ContentError as error:
        return [str(error)]
    found = []
    for page in pages.values():
        found += page_problems(page, pages, today)
    for language in languages():
        found += title_problems([p for p in pages.values() if p.language == language])
    found += translation_problems(pages)
    return found


def page_problems(page, pages, today):
    """What is wrong with one page on its own."""
    at = where(page)
    found = []
    if not page.title.strip() or not page.summary.strip():
        found.append(f"{at}: needs a title and a summary")
    if not page.sources:
        found.append(f"{at}: lists no sources")
    for source in page.sources:
        if not source.url.startswith("https://") or not source.org or not source.title:
            found.append(f"{at}: source needs org, title and an https:// url: {source.url}")
        if type(source.checked) is not datetime.date:
            found.append(f"{at}: source {source.url} needs checked = <the date you saw it>")
        elif source.checked > today:
            found.append(f"{at}: source {source.url} was checked in the future")
    if page.reviewed > today:
        found.append(f"{at}: reviewed date {page.reviewed} is in the future")
    if page.next_review <= page.reviewed:
        found.append(f"{at}: next review must come after the last one")
    if H1.search(page.body_markdown):
        found.append(f"{at}: the body must not have a # heading (the title is the h1)")
    for section, slug in page.internal_links:
        if (slug and (page.language, section, slug) not in pages) or slug == RED_FLAGS_SLUG:
            found.append(f"{at}: broken link {section}:{slug}")
        elif not slug and section not in PAGES_WITHOUT_SLUG:
            found.append(f"{at}: broken link {section}: (which page?)")
    for step in page.steps:
        if step.illustration and not (ILLUSTRATIONS_DIR / f"{step.illustration}.svg").exists():
            found.append(f"{at}: no illustration named {step.illustration}")
        if step.hold_seconds is not None and not 5 <= step.hold_seconds <= 120:
            found.append(f"{at}: hold_seconds should be between 5 and 120")
        if step.muscle and step.muscle not in STEP_MUSCLES:
            found.append(f"{at}: a step's muscle must be one of {STEP_MUSCLES}")
        if step.anchor and not ANCHOR.fullmatch(step.anchor):
            found.append(
                f"{at}: a step's anchor is lower-case letters, digits and -: {step.anchor}"
            )
    anchors = [step.anchor for step in page.steps if step.anchor]
    if len(anchors) != len(set(anchors)):
        found.append(f"{at}: two steps share an anchor: {anchors}")
    if page.slug == RED_FLAGS_SLUG and page.section == "now" and not page.flags:
        found.append(f"{at}: the red flags file lists no flags")
    for wording, advice in forbidden_wordings(page):
        found.append(f"{at}: {wording!r} is a wording the reviews ruled out; write {advice}")
    found += [f"{at}: {problem}" for problem in urgency_problems(page)]
    for text in page.texts:
        for placeholder in set(PLACEHOLDER.findall(text)) - {NUMBER_TOKEN}:
            found.append(f"{at}: {placeholder} is not a placeholder; only {NUMBER_TOKEN} is")
    unused = local_numbers(page) - page_numbers(page)
    if unused:
        found.append(f"{at}: local_numbers lists {sorted(unused)}, which the page does not give")
    found += [f"{at}: {problem}" for problem in link_name_problems(page, pages)]
    return found


# How a language quotes a page's title: Brazil's “aspas”; French guillemets hold no-break
# spaces («\u00a0Titre\u00a0»); Russian and Spanish «comillas» hold none.
QUOTES = {"pt": ("“", "”"), "fr": ("«\u00a0", "\u00a0»")}


def link_name_problems(page, pages):
    """Translations name the page a link opens by its title, in their quotation marks.

    Someone who has just read "open «Свело ногу в воде»" looks for a button with those very
    words; three spellings of one emergency screen made that harder (native review of the
    Russian guide, December 2026, important item 10). A quoted name must be the title, and an
    emergency screen is always named by its quoted title. English runs names into its
    sentences: not checked.
    """
    if page.language == settings.LANGUAGE_CODE:
        return []
    opening, closing = QUOTES.get(page.language, ("«", "»"))
    found = []
    for text in page.texts:
        for shown, section, slug in named_links(text or ""):
            target = pages.get((page.language, section, slug))
            if target is None:
                continue  # a broken link is reported on its own
            named = f"{opening}{target.title}{closing}"
            if (shown.startswith(opening[0]) or section == "now") and shown != named:
                found.append(f"the link to {section}:{slug} says {shown!r}; write {named}")
    return found


def title_problems(pages):
    """One language's pages must give each source address one title."""
    titles = {}
    for page in pages:
        for source in page.sources:
            titles.setdefault(source.url, {}).setdefault(source.title, where(page))
    found = []
    for url, named in sorted(titles.items()):
        if len(named) > 1:
            listed = "; ".join(f"{title!r} in {at}" for title, at in named.items())
            found.append(f"{url} has different titles in one language: {listed}")
    return found


def translation_problems(pages):
    """Every language must have the English pages, with the same sources, steps and numbers."""
    found = []
    original = settings.LANGUAGE_CODE
    for slug in (*EMERGENCY_SLUGS, RED_FLAGS_SLUG):
        if (original, "now", slug) not in pages:
            found.append(f"{original}: missing now/{slug}")
    slugs = {lang: {(s, slug) for (code, s, slug) in pages if code == lang} for lang in languages()}
    for language in languages():
        for section, slug in sorted(slugs[original] ^ slugs[language]):
            found.append(f"{language}: {section}/{slug} exists in one language and not another")
        if language == original:
            continue
        for section, slug in sorted(slugs[original] & slugs[language]):
            found += differences(pages[language, section, slug], pages[original, section, slug])
    return found


def differences(page, original):
    """How a translation departs from the original in what must not change."""
    at = where(page)
    found = []
    shared = [s.url for s in page.sources if not s.local]
    if shared != [s.url for s in original.sources if not s.local]:
        found.append(f"{at} cites other sources than {where(original)}")
    if [s.heading != "" for s in page.steps] != [s.heading != "" for s in original.steps]:
        found.append(f"{at} groups its steps unlike {where(original)}")
    if [f.level for f in page.flags] != [f.level for f in original.flags]:
        found.append(f"{at} ranks its flags unlike {where(original)}")
    if len(page.steps) != len(original.steps) or len(page.flags) != len(original.flags):
        found.append(f"{at} has other steps or flags than {where(original)}")
    if page.show_red_flags != original.show_red_flags:
        found.append(f"{at} shows the Get help now box unlike {where(original)}")
    if [s.hold_seconds for s in page.steps] != [s.hold_seconds for s in original.steps]:
        found.append(f"{at} holds for other times than {where(original)}")
    if [s.beats_per_minute for s in page.steps] != [s.beats_per_minute for s in original.steps]:
        found.append(f"{at} keeps another beat than {where(original)}")
    if [s.muscle for s in page.steps] != [s.muscle for s in original.steps]:
        found.append(f"{at} names other muscles than {where(original)}")
    if [s.defibrillator for s in page.steps] != [s.defibrillator for s in original.steps]:
        found.append(f"{at} puts the defibrillator step elsewhere than {where(original)}")
    if [s.anchor for s in page.steps] != [s.anchor for s in original.steps]:
        found.append(f"{at} anchors other steps than {where(original)}")
    if [f.first_on for f in page.flags] != [f.first_on for f in original.flags]:
        found.append(f"{at} puts other flags first than {where(original)}")
    if [NUMBER_TOKEN in text for text in page.texts] != [
        NUMBER_TOKEN in text for text in original.texts
    ]:
        found.append(f"{at} names the number to call in other places than {where(original)}")
    mine = page_numbers(page) - local_numbers(page)
    theirs = page_numbers(original) - local_numbers(original)
    if mine != theirs:
        found.append(
            f"{at} gives other numbers than {where(original)}: "
            f"only here {sorted(mine - theirs)}, only there {sorted(theirs - mine)} "
            "(a number meant for this language only goes in local_numbers)"
        )
    return found


def typography_problems():
    """Each ordinary space a file puts between a number and its unit, and in French each sign
    (« ; : ! ? » and guillemets) without its no-break space.

    Apart from problems(): a line that breaks in the wrong place is worth fixing but does not
    stop a release, so it fails its own test rather than `manage.py check` (typography.py).
    """
    try:
        pages = all_pages()
    except ContentError as error:
        return [str(error)]
    found = []
    for page in sorted(pages.values(), key=where):
        text = shown_text(page.path)
        found += [
            f"{where(page)}:{line}: write a no-break space (U+00A0) here: {words!r}"
            for line, words in loose_spaces(text, page.language)
        ]
        if page.language == "fr":
            found += [
                f"{where(page)}:{line}: French puts a no-break space (U+202F before ; ! ?, "
                f"U+00A0 before : and inside « ») here: {words!r}"
                for line, words in french_punctuation(text)
            ]
    return found


def shown_text(path):
    """A content file with its header's comments blanked: readers never see them."""
    lines = path.read_text(encoding="utf-8").split("\n")
    markers = [index for index, line in enumerate(lines) if line == "+++"][:2]
    if len(markers) == 2:
        for index in range(markers[0] + 1, markers[1]):
            if lines[index].lstrip().startswith("#"):
                lines[index] = ""
    return "\n".join(lines)


def reviews_due(today):
    """The pages whose next review date has passed: re-read them, then move their dates."""
    try:
        pages = all_pages()
    except ContentError as error:
        return [str(error)]
    return [
        f"{where(page)}: next review was due on {page.next_review}"
        for page in sorted(pages.values(), key=where)
        if page.next_review < today
    ]
