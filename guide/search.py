"""Find in the guide: one index per language, built from the content, searched here and offline."""

import re
import unicodedata
from functools import cache
from html import unescape

from django.conf import settings

from . import content

TAGS = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")
# What NFD leaves whole: French's ligatures («œdème» is typed «oedeme») and curly apostrophes
# (U+2019, as the content writes «l'eau»), which a phone's keyboard types straight.
LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "\u2019": "'", "\u02bc": "'", "\u2018": "'"})
# Spellings a language writes side by side, searched as one. Brazil writes «câimbra» as often as
# «cãibra» (both in its dictionaries); without accents they differ by a letter. Sent to
# search.js with the search page (data-spellings), so offline finds the same.
SPELLINGS = {"pt": {"caimbra": "caibra"}}


def normalise(text):
    """Lower case without accents (NFD drops the diaeresis of Russian yo too, and the cedilla),
    ligatures spelt out: as app.js's normalise."""
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(char for char in text if not unicodedata.combining(char)).translate(LETTERS)


def fold(text, language):
    """normalise(), and the language's other spellings written as one."""
    folded = normalise(text)
    for variant, spelling in SPELLINGS.get(language, {}).items():
        folded = folded.replace(variant, spelling)
    return folded


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


def distinct_words(text):
    """Each whitespace-separated word once, in order of first use.

    A query's terms hold no whitespace (terms() splits on it), so a term is inside the whole
    text exactly when it is inside one of its words: the results stay the same, and the
    offline pack carries each word once (the Russian index was 38 KB of a 300 KB pack).
    """
    return " ".join(dict.fromkeys(text.split()))


@cache
def index(language):
    """Every public page of a language: url, title, summary and its whole text."""
    return [
        {
            "url": page.url,
            "title": page.title,
            "summary": page.summary,
            "text": distinct_words(fold(f"{page.title} {plain_text(page)}", language)),
        }
        for page in sorted(content.public_pages(language), key=lambda p: (p.section, p.order))
    ]


def terms(query, language):
    return [term for term in fold(query, language).split() if len(term) > 1][:10]


def find(language, query):
    """Pages holding every term of the query, those with the terms in the title first."""
    wanted = terms(query, language)
    if not wanted:
        return []
    hits = [entry for entry in index(language) if all(term in entry["text"] for term in wanted)]
    in_title = [e for e in hits if all(term in fold(e["title"], language) for term in wanted)]
    return in_title + [e for e in hits if e not in in_title]
