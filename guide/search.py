"""Find in the guide: one index per language, built from the content, searched here and offline."""

import re
import unicodedata
from functools import cache
from html import unescape

from django.conf import settings

from . import content

TAGS = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")


def normalise(text):
    """Lower case without accents (NFD drops the diaeresis of Russian yo too): as search.js."""
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(char for char in text if not unicodedata.combining(char))


def plain_text(page):
    parts = [
        page.summary,
        *(f"{step.title}. {step.text}" for step in page.steps),
        *(flag.text for flag in page.flags),
    ]
    parts.append(unescape(TAGS.sub(" ", str(page.body_html))))
    # "Call {number} now" reads as the page shows it without the phone's country.
    text = " ".join(parts).replace(content.NUMBER_TOKEN, settings.EMERGENCY_NUMBER)
    return SPACES.sub(" ", text).strip()


@cache
def index(language):
    """Every public page of a language: url, title, summary and its whole text."""
    return [
        {
            "url": page.url,
            "title": page.title,
            "summary": page.summary,
            "text": normalise(f"{page.title} {plain_text(page)}"),
        }
        for page in sorted(content.public_pages(language), key=lambda p: (p.section, p.order))
    ]


def terms(query):
    return [term for term in normalise(query).split() if len(term) > 1][:10]


def find(language, query):
    """Pages holding every term of the query, those with the terms in the title first."""
    wanted = terms(query)
    if not wanted:
        return []
    hits = [entry for entry in index(language) if all(term in entry["text"] for term in wanted)]
    in_title = [e for e in hits if all(term in normalise(e["title"]) for term in wanted)]
    return in_title + [e for e in hits if e not in in_title]
