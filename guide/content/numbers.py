"""The numbers a page states, written the way its language writes them, made comparable.

English writes 1,000 and 1.5; Russian and French 1 000 (a space, a no-break space or a narrow
one) and 1,5; Spanish and Portuguese 1.000 (or a no-break space) and 1,5. Each becomes "1000"
or "1.5", so the same fact reads the same in every language. Leading zeros stay: "03" (a
Russian landline number) is not "3".
"""

import re

SPACES = " \u00a0\u202f"  # space, no-break space, narrow no-break space
THOUSANDS = {"en": ",", "ru": SPACES, "es": ".\u00a0\u202f", "pt": ".\u00a0\u202f", "fr": SPACES}
DECIMAL = {"en": ".", "ru": ",", "es": ",", "pt": ",", "fr": ","}
# A number starts after no letter or digit ("B12" is a name, not 12); units may follow ("240ml").
# Markdown's own numbers (list markers "1. ") and link addresses are not facts.
LIST_MARKER = re.compile(r"^[ \t]*\d+[.)][ \t]", re.MULTILINE)
LINK_ADDRESS = re.compile(r"\]\([^)]*\)|<[a-z]+:[^>]*>|https?://\S+")


def pattern(language):
    thousands = re.escape(THOUSANDS[language])
    decimal = re.escape(DECIMAL[language])
    return re.compile(
        rf"(?<![\w{decimal}])"
        rf"(\d{{1,3}}(?:[{thousands}]\d{{3}})+|\d+)"  # whole part, with or without groups
        rf"(?:{decimal}(\d+))?"  # decimal part
        rf"(?!\d)"
    )


PATTERNS = {language: pattern(language) for language in THOUSANDS}


def normalise(whole, fraction, language):
    digits = re.sub(rf"[{re.escape(THOUSANDS[language])}]", "", whole)
    return f"{digits}.{fraction}" if fraction else digits


def numbers_in(text, language):
    """The set of numbers in a text, e.g. {"1000", "1.5", "03"}."""
    text = LIST_MARKER.sub("", LINK_ADDRESS.sub("]", text))
    return {normalise(m[1], m[2], language) for m in PATTERNS[language].finditer(text)}


def page_numbers(page):
    """The numbers of everything a reader sees on the page, its sources aside."""
    found = set()
    for text in page.texts:
        found |= numbers_in(text, page.language)
    return found


def local_numbers(page):
    """The numbers the page lists as its own language's (`local_numbers`), made comparable."""
    return {number for text in page.local_numbers for number in numbers_in(text, page.language)}
