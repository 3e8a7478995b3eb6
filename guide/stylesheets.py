"""The stylesheets: app.css inline in the emergency screens, one linked file for every other page.

The emergency screens must paint from one small response (DESIGN.md: 14 KB, nothing
render-blocking), so they carry app.css, and only it, in a <style> their policy allows by hash.
Every other page links one content-hashed stylesheet: app.css, pages.css, diary.css and
conditions.css joined by collectstatic (cramps_site/storage.py); the operator pages add
operator.css. Inlined in each of the 24 other pages of a language, the same CSS cost every
language's offline pack about 63 KB of its 300 KB; linked, it is kept once, fetched once
(immutable), and the service worker keeps it offline with the scripts.
"""

import hashlib
import re
from base64 import b64encode

from django.conf import settings

# What every page but the emergency screens links, and what it is made of, in cascade order.
# The diary's styles join it: one cached file for every page rather than 2 KB inlined again in
# each of the diary's three pages (their print rules are scoped to the doctor's sheet); so do a
# venue page's conditions, which a venue kept on the phone shows offline.
LINKED = "css/site.css"
LINKED_SOURCES = ("css/app.css", "css/pages.css", "css/diary.css", "css/conditions.css")
EMERGENCY_SOURCE = "css/app.css"


def without_comments(css):
    """The CSS less its comments: they explain the source, and on the wire are only bytes."""
    return re.sub(r"/\*.*?\*/\n?", "", css, flags=re.DOTALL)


def joined(sources):
    """The linked stylesheet from its sources' texts, in LINKED_SOURCES order."""
    return "\n".join(without_comments(css) for css in sources)


def style_hash(css):
    """The CSP source that allows exactly this inline <style>."""
    return f"'sha256-{b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"


# Exactly the bytes of the emergency screens' <style>: the browser refuses any other.
INLINE = {
    "emergency": without_comments(
        (settings.BASE_DIR / "static" / EMERGENCY_SOURCE).read_text(encoding="utf-8")
    )
}
INLINE_HASHES = {name: style_hash(css) for name, css in INLINE.items()}
