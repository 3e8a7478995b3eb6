"""Template tags: the pages' stylesheet (linked, or inline on the emergency screens), the first
paint's inline script, and content text helpers."""

from functools import cache
from urllib.parse import quote

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from .. import first_paint, stylesheets
from ..content import NUMBER_TOKEN
from ..content.typography import tie_short_words

register = template.Library()


@register.simple_tag
def stylesheet_link():
    """The one stylesheet of every page but the emergency screens: content-hashed, so cached
    for good, and kept offline by the service worker (guide/offline.py)."""
    return format_html('<link rel="stylesheet" href="{}">', static(stylesheets.LINKED))


@register.simple_tag
def inline_css(which):
    """A stylesheet inline: nothing render-blocking, no extra round trip.

    "emergency" is app.css alone, what the emergency screens need (and all they carry).
    Exactly the bytes stylesheets.INLINE_HASHES were computed from, or the browser refuses them.
    """
    return format_html("<style>{}</style>", mark_safe(stylesheets.INLINE[which]))


@register.simple_tag
def inline_script():
    """static/js/first-paint.js, to write between <script> tags (guide/calling.html): the
    number on the call buttons before the first paint. Exactly the bytes first_paint.HASH was
    computed from, or the browser refuses them."""
    return mark_safe(first_paint.SCRIPT)  # our own file, minified and hashed as it is


@register.simple_tag
@cache
def icon_data_uri():
    """The favicon in the page itself: one request fewer on a first visit (the emergency
    screen's 14 KB budget), and nothing left to fetch offline."""
    svg = (settings.BASE_DIR / "static" / "icons" / "icon.svg").read_text(encoding="utf-8")
    # Single quotes inside the double-quoted attribute; "#", "<>" and spaces percent-encoded
    # (a raw space makes the address, and so the page, invalid HTML).
    uri = "data:image/svg+xml," + quote(svg.strip().replace('"', "'"), safe="/=:'-.,")
    return mark_safe(uri)  # our own file, made attribute-safe just above


@register.filter
def with_number(text, number):
    """Content text, escaped, with the number to call where it says {number}.

    The server's number, marked like the call buttons' text (data-number-text): first-paint.js
    and app.js put the number the buttons dial there too (the user's country's, or the last
    venue's country's), so "call 112 now" never names another number than the button below
    it. Without JavaScript the server's number stays.

    Every page body, step, lead and red flag passes here, so here too a Russian one-letter
    word is tied to the next (typography.tie_short_words; it touches Cyrillic letters only).
    """
    shown = format_html('<span data-number-text="%(number)s">{}</span>', number)
    tied = tie_short_words(conditional_escape(text))
    return mark_safe(tied.replace(NUMBER_TOKEN, shown))  # escaped above, our own span added


@register.filter
def tied(text):
    """A content title or summary, escaped, each Russian one-letter word tied to the next
    (typography.tie_short_words): «Свело ногу в воде» never ends a line with «в»."""
    return mark_safe(tie_short_words(conditional_escape(text)))  # escaped first


@register.simple_tag
def flags_on_screen(red_flags, level, screen):
    """One level's flags on this screen: those it lists first, and the rest ("More signs")."""
    shown, more = red_flags.flags_shown_on(level, screen)
    return {"shown": shown, "more": more}
