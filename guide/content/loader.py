"""Reads the content files into pages, refusing any file that cannot be shown safely."""

import dataclasses
import datetime
import re
import tomllib
from functools import cache
from pathlib import Path

from django.conf import settings

from .links import unsafe_markup
from .pages import (
    EMERGENCY_SLUGS,
    FLAG_LEVELS,
    RED_FLAGS_SLUG,
    SECTIONS,
    WATER_INDEX_SLUG,
    ContentError,
    Flag,
    Page,
    Source,
    Step,
)

CONTENT_DIR = Path(__file__).resolve().parent
HEADER = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n(.*)\Z", re.DOTALL)


def languages():
    return [code for code, _name in settings.LANGUAGES]


def parse(path, section, language):
    """One content file into a Page; raises ContentError for anything malformed or unsafe."""
    text = path.read_text(encoding="utf-8")
    match = HEADER.match(text)
    if not match:
        raise ContentError(f"{path}: must start with a TOML header between +++ lines")
    try:
        header = tomllib.loads(match[1])
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path}: header is not valid TOML: {error}") from error
    try:
        page = Page(
            section=section,
            language=language,
            slug=path.stem,
            path=path,
            title=header.pop("title"),
            summary=header.pop("summary"),
            order=header.pop("order", 0),
            reviewed=header.pop("reviewed"),
            next_review=header.pop("next_review"),
            sources=tuple(Source(**source) for source in header.pop("sources", [])),
            steps=tuple(Step(**step) for step in header.pop("steps", [])),
            flags=tuple(
                Flag(**{**flag, "first_on": tuple(flag.get("first_on", ()))})
                for flag in header.pop("flags", [])
            ),
            show_red_flags=header.pop("show_red_flags", False),
            label=header.pop("label", ""),
            lead=header.pop("lead", ""),
            notice=header.pop("notice", ""),
            local_numbers=tuple(header.pop("local_numbers", ())),
            body_markdown=match[2],
        )
    except (KeyError, TypeError) as error:
        raise ContentError(f"{path}: missing or unknown field: {error}") from error
    if header:
        raise ContentError(f"{path}: unknown fields {sorted(header)}")
    for name in ("reviewed", "next_review"):
        if not isinstance(getattr(page, name), datetime.date):
            raise ContentError(f"{path}: {name} must be a date like 2026-11-26")
    for flag in page.flags:
        if flag.level not in FLAG_LEVELS:
            raise ContentError(f"{path}: a flag's level must be one of {FLAG_LEVELS}: {flag}")
        if not set(flag.first_on) <= set(EMERGENCY_SLUGS):
            raise ContentError(f"{path}: a flag's first_on lists screens of {EMERGENCY_SLUGS}")
    # Lines of the file: +++, the header, +++, then the body.
    before_body = match[1].count("\n") + 3
    faults = [
        f"{path}, line {before_body + line}: {fault}"
        for line, fault in unsafe_markup(page.body_markdown)
    ]
    if faults:
        raise ContentError("; ".join(faults))
    return page


@cache
def all_pages():
    """Every page of every language and section, keyed by (language, section, slug)."""
    pages = {}
    for language in languages():
        for section in SECTIONS:
            for path in sorted((CONTENT_DIR / section / language).glob("*.md")):
                page = parse(path, section, language)
                pages[language, section, page.slug] = page
    # A page that shows the "Get help now" box cites the box's sources too.
    for key, page in pages.items():
        box = pages.get((page.language, "now", RED_FLAGS_SLUG))
        if box and (page.is_emergency or page.show_red_flags):
            pages[key] = dataclasses.replace(page, box_sources=box.sources)
    return pages


def get_page(language, section, slug):
    """The page, or None if there is no such page in that language."""
    return all_pages().get((language, section, slug))


def section_pages(language, section):
    """The pages a section lists, in their order (the water index and red flags excluded)."""
    pages = [
        page
        for (lang, sect, slug), page in all_pages().items()
        if lang == language and sect == section and slug not in (WATER_INDEX_SLUG, RED_FLAGS_SLUG)
    ]
    return sorted(pages, key=lambda page: (page.order, page.slug))


def emergency_pages(language):
    """The emergency screens, in the order the home page and the tabs show them."""
    return [get_page(language, "now", slug) for slug in EMERGENCY_SLUGS]


def red_flags(language):
    return get_page(language, "now", RED_FLAGS_SLUG)


def public_pages(language):
    """Every page with a URL of its own (the red flags live on other pages)."""
    return [
        page
        for (lang, _section, slug), page in all_pages().items()
        if lang == language and slug != RED_FLAGS_SLUG
    ]


def reading_order(language):
    """(section, pages) for each section, as a reader meets them: every page, red flags too."""
    now = [*emergency_pages(language), red_flags(language)]
    water = [get_page(language, "water", WATER_INDEX_SLUG), *section_pages(language, "water")]
    sections = [("now", now), ("guide", section_pages(language, "guide")), ("water", water)]
    return [(section, [page for page in pages if page]) for section, pages in sections]
