"""What a reader sees of the content: the page's text without tags, and {number} as the number."""

import re
from html import unescape

from django.conf import settings

from guide import content
from guide.content.typography import tie_short_words

TAGS = re.compile(r"<[^>]+>")


def visible(html):
    """The text of an HTML page or part of one, as a reader sees it (tags gone, entities read)."""
    return unescape(TAGS.sub("", html))


def shown(text):
    """A content text as the page shows it without JavaScript: the server's number to call,
    and each Russian one-letter word tied to the word after it."""
    return tie_short_words(text).replace(content.NUMBER_TOKEN, settings.EMERGENCY_NUMBER)
