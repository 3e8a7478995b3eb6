"""Template tags: the inlined stylesheet, whose hash the Content-Security-Policy allows."""

from functools import cache

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@cache
def _stylesheet():
    # Exactly the bytes settings.INLINE_CSS_HASH was computed from, or the browser refuses them.
    return settings.INLINE_CSS_PATH.read_text(encoding="utf-8")


@register.simple_tag
def inline_css():
    """The app's one stylesheet, inline: nothing render-blocking, no extra round trip."""
    return format_html("<style>{}</style>", mark_safe(_stylesheet()))
