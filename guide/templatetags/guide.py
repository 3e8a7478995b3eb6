"""Template tags: the inlined stylesheet and script, whose hashes the Content-Security-Policy
allows."""

from functools import cache
from urllib.parse import quote

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def inline_css(which="full"):
    """The page's stylesheet, inline: nothing render-blocking, no extra round trip.

    "emergency" is app.css alone, what the emergency screens need; "full" adds pages.css.
    Exactly the bytes settings.INLINE_CSS_HASHES were computed from, or the browser refuses them.
    """
    return format_html("<style>{}</style>", mark_safe(settings.INLINE_CSS[which]))


@register.simple_tag
def inline_script():
    """static/js/first-paint.js, to write between <script> tags (guide/calling.html): the
    number on the call buttons before the first paint. The bytes settings.INLINE_SCRIPT_HASH
    was computed from."""
    return mark_safe(settings.INLINE_SCRIPT)  # our own file, hashed as it is


@register.simple_tag
@cache
def icon_data_uri():
    """The favicon in the page itself: one request fewer on a first visit (the emergency
    screen's 14 KB budget), and nothing left to fetch offline."""
    svg = (settings.BASE_DIR / "static" / "icons" / "icon.svg").read_text(encoding="utf-8")
    # Single quotes inside the double-quoted attribute; "#" and "<>" percent-encoded.
    uri = "data:image/svg+xml," + quote(svg.strip().replace('"', "'"), safe=" /=:'-.,")
    return mark_safe(uri)  # our own file, made attribute-safe just above
