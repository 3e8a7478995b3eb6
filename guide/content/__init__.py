"""Loads the content files (see README.md beside this) into pages, and says what is wrong."""

import datetime
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import markdown
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

CONTENT_DIR = Path(__file__).resolve().parent
SECTIONS = ("now", "guide", "water")
# The emergency screens, in the order the home page and the tabs show them.
EMERGENCY_SLUGS = ("land", "water", "help-someone")
RED_FLAGS_SLUG = "red-flags"
WATER_INDEX_SLUG = "index"
ILLUSTRATIONS_DIR = CONTENT_DIR.parent / "templates" / "guide" / "illustrations"

# [text](guide:slug), (now:water), (water:index), (home:)
INTERNAL_LINK = re.compile(r"\]\((home|now|guide|water):([a-z0-9-]*)\)")
RAW_HTML = re.compile(r"<[a-zA-Z/!?]")
HEADER = re.compile(r"\A\+\+\+\n(.*?)\n\+\+\+\n(.*)\Z", re.DOTALL)


class ContentError(ValueError):
    """A content file that cannot be shown: the message names the file and the fault."""


@dataclass(frozen=True)
class Source:
    org: str
    title: str
    url: str
    # The day someone saw this address answer with this document (README.md beside this).
    checked: datetime.date | None = None


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    hold_seconds: int | None = None
    illustration: str | None = None
    # Starts a new group of steps under this heading ("Once they are out of the water").
    heading: str = ""
    # A beat to keep time by (chest compressions: 100 to 120 a minute).
    beats_per_minute: int | None = None
    # The muscle the step stretches: the diary's "Log this cramp" form starts from it.
    muscle: str = ""


# The muscles a step may name (a subset of the diary's answers, guide/diary.py).
STEP_MUSCLES = ("calf", "foot", "thigh-front", "thigh-back")

# "Call the number now" or "get urgent care today": the NHS's two levels of urgency.
FLAG_LEVELS = ("emergency", "urgent")


@dataclass(frozen=True)
class Flag:
    level: str
    text: str


@dataclass(frozen=True)
class Page:
    section: str
    language: str
    slug: str
    path: Path
    title: str
    summary: str
    order: int
    reviewed: datetime.date
    next_review: datetime.date
    sources: tuple[Source, ...]
    body_markdown: str
    steps: tuple[Step, ...] = ()
    flags: tuple[Flag, ...] = ()
    show_red_flags: bool = False
    label: str = ""
    # One line shown before the steps or the body (the red flags' "Swollen, hot leg?").
    lead: str = ""
    # A plain remark shown under the summary ("learn this before you swim").
    notice: str = ""

    @property
    def short_title(self):
        """The label for tabs and buttons, where the title is too long."""
        return self.label or self.title

    @property
    def url(self):
        return page_url(self.section, self.slug, self.language)

    @property
    def internal_links(self):
        """(section, slug) of every page this one links to."""
        return [(m[1], m[2]) for m in INTERNAL_LINK.finditer(self.body_markdown)]

    @property
    def is_emergency(self):
        return self.section == "now"

    @property
    def body_html(self):
        return render_body(self)

    @property
    def step_groups(self):
        """The steps as (heading, steps) groups; the first group's heading may be empty."""
        groups = []
        for step in self.steps:
            if step.heading or not groups:
                groups.append((step.heading, []))
            groups[-1][1].append(step)
        return groups

    def flags_at(self, level):
        return [flag for flag in self.flags if flag.level == level]

    @property
    def emergency_flags(self):
        return self.flags_at("emergency")

    @property
    def urgent_flags(self):
        return self.flags_at("urgent")

    @property
    def listed_sources(self):
        """The page's sources, and the red flags' too where the page shows them."""
        sources = list(self.sources)
        if self.is_emergency or self.show_red_flags:
            sources += [s for s in red_flags(self.language).sources if s not in sources]
        return sources


URL_NAMES = {
    ("now", "land"): "guide:now-land",
    ("now", "water"): "guide:now-water",
    ("now", "help-someone"): "guide:now-help-someone",
    ("water", WATER_INDEX_SLUG): "guide:water-index",
}


def page_url(section, slug, language):
    """The public URL of a page (or of the home page, section "home"), in a language."""
    with translation.override(language):
        if section == "home":
            return reverse("guide:home")
        if (section, slug) in URL_NAMES:
            return reverse(URL_NAMES[section, slug])
        return reverse(f"guide:{section}-page", kwargs={"slug": slug})


def languages():
    return [code for code, _name in settings.LANGUAGES]


def parse(path, section, language):
    """One content file into a Page; raises ContentError for anything malformed."""
    match = HEADER.match(path.read_text(encoding="utf-8"))
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
            flags=tuple(Flag(**flag) for flag in header.pop("flags", [])),
            show_red_flags=header.pop("show_red_flags", False),
            label=header.pop("label", ""),
            lead=header.pop("lead", ""),
            notice=header.pop("notice", ""),
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


@cache
def render_body(page):
    """The page's Markdown as HTML, with internal links in the page's language."""

    def link(match):
        return f"]({page_url(match[1], match[2], page.language)})"

    text = INTERNAL_LINK.sub(link, page.body_markdown)
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    # Tables scroll sideways on a narrow phone instead of widening the page.
    html = html.replace("<table>", '<div class="table-scroll" tabindex="0"><table>')
    # Safe: content files are reviewed in the repository and may not hold raw HTML (problems()).
    return mark_safe(html.replace("</table>", "</table></div>"))


def problems(today=None):
    """Everything wrong with the content, one line each; empty when it may be published."""
    today = today or datetime.date.today()
    found = []
    try:
        pages = all_pages()
    except ContentError as error:
        return [str(error)]
    slugs_by_language = {
        language: {(s, slug) for (lang, s, slug) in pages if lang == language}
        for language in languages()
    }
    reference = slugs_by_language[settings.LANGUAGE_CODE]
    for (_language, _section, _slug), page in pages.items():
        where = page.path.relative_to(CONTENT_DIR)
        if not page.title.strip() or not page.summary.strip():
            found.append(f"{where}: needs a title and a summary")
        if not page.sources:
            found.append(f"{where}: lists no sources")
        for source in page.sources:
            if not source.url.startswith("https://") or not source.org or not source.title:
                found.append(f"{where}: source needs org, title and an https:// url: {source}")
        if page.reviewed > today:
            found.append(f"{where}: reviewed date {page.reviewed} is in the future")
        if page.next_review < today:
            found.append(f"{where}: next review was due on {page.next_review}")
        if page.next_review <= page.reviewed:
            found.append(f"{where}: next review must come after the last one")
        if RAW_HTML.search(page.body_markdown):
            found.append(f"{where}: raw HTML in the body (write Markdown)")
        if re.search(r"^# ", page.body_markdown, re.MULTILINE):
            found.append(f"{where}: the body must not have a # heading (the title is the h1)")
        for section, slug in page.internal_links:
            known = section == "home" or (section, slug) in slugs_by_language[page.language]
            if not known or (section, slug) == ("now", RED_FLAGS_SLUG):
                found.append(f"{where}: broken link {section}:{slug}")
        for step in page.steps:
            if step.illustration and not (ILLUSTRATIONS_DIR / f"{step.illustration}.svg").exists():
                found.append(f"{where}: no illustration named {step.illustration}")
            if step.hold_seconds is not None and not 5 <= step.hold_seconds <= 120:
                found.append(f"{where}: hold_seconds should be between 5 and 120")
            if step.muscle and step.muscle not in STEP_MUSCLES:
                found.append(f"{where}: a step's muscle must be one of {STEP_MUSCLES}")
        if page.section == "now" and page.slug == RED_FLAGS_SLUG and not page.flags:
            found.append(f"{where}: the red flags file lists no flags")
    for section_slug in [("now", slug) for slug in (*EMERGENCY_SLUGS, RED_FLAGS_SLUG)]:
        if section_slug not in reference:
            found.append(f"{settings.LANGUAGE_CODE}: missing {section_slug[0]}/{section_slug[1]}")
    for language, slugs in slugs_by_language.items():
        for section, slug in sorted(reference ^ slugs):
            found.append(f"{language}: {section}/{slug} exists in one language and not another")
        for section, slug in sorted(reference & slugs):
            page = pages[language, section, slug]
            original = pages[settings.LANGUAGE_CODE, section, slug]
            if [s.url for s in page.sources] != [s.url for s in original.sources]:
                found.append(f"{language}: {section}/{slug} cites other sources than the original")
            if [s.heading != "" for s in page.steps] != [s.heading != "" for s in original.steps]:
                found.append(f"{language}: {section}/{slug} groups its steps unlike the original")
            if [f.level for f in page.flags] != [f.level for f in original.flags]:
                found.append(f"{language}: {section}/{slug} ranks its flags unlike the original")
            if len(page.steps) != len(original.steps) or len(page.flags) != len(original.flags):
                found.append(
                    f"{language}: {section}/{slug} has other steps or flags than the original"
                )
            if [s.muscle for s in page.steps] != [s.muscle for s in original.steps]:
                found.append(f"{language}: {section}/{slug} names other muscles than the original")
            if [s.hold_seconds for s in page.steps] != [s.hold_seconds for s in original.steps]:
                found.append(
                    f"{language}: {section}/{slug} holds for other times than the original"
                )
    return found
