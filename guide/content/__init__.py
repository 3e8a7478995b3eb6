"""The words of Cramp Aid: Markdown files with a TOML header (README.md beside this).

pages.py      what a page is          loader.py      files into pages, unsafe files refused
links.py      links and page URLs     rendering.py   Markdown to safe HTML
numbers.py    numbers, per language   phrasing.py    wordings the reviews ruled out
typography.py no-break spaces         urgency.py     red-flag levels, rescue musts
validation.py what is wrong           linkcheck.py   do the cited addresses answer
"""

from .links import page_url
from .loader import (
    CONTENT_DIR,
    all_pages,
    emergency_pages,
    get_page,
    languages,
    public_pages,
    reading_order,
    red_flags,
    section_pages,
)
from .pages import (
    EMERGENCY_SLUGS,
    FLAG_LEVELS,
    NUMBER_TOKEN,
    RED_FLAGS_SLUG,
    SECTIONS,
    STEP_MUSCLES,
    WATER_INDEX_SLUG,
    ContentError,
    Flag,
    Page,
    Source,
    Step,
)
from .rendering import render_body
from .validation import problems, reviews_due, typography_problems

__all__ = [
    "CONTENT_DIR",
    "EMERGENCY_SLUGS",
    "FLAG_LEVELS",
    "NUMBER_TOKEN",
    "RED_FLAGS_SLUG",
    "SECTIONS",
    "STEP_MUSCLES",
    "WATER_INDEX_SLUG",
    "ContentError",
    "Flag",
    "Page",
    "Source",
    "Step",
    "all_pages",
    "emergency_pages",
    "get_page",
    "languages",
    "page_url",
    "problems",
    "public_pages",
    "reading_order",
    "red_flags",
    "render_body",
    "reviews_due",
    "section_pages",
    "typography_problems",
]
