"""Stylesheets inlined into pages: read once, shipped without their comments, allowed by hash.

Imported by the settings (app.css, pages.css) and by the diary (diary.css): one rule for what
goes into a page and one way to name it in the Content-Security-Policy.
"""

import hashlib
import re
from base64 import b64encode

COMMENT = re.compile(r"/\*.*?\*/\n?", re.DOTALL)


def inlined(path):
    """The stylesheet as pages carry it: its comments stay in the file, where they explain."""
    return COMMENT.sub("", path.read_text(encoding="utf-8"))


def style_hash(css):
    """The CSP source that allows exactly this inline stylesheet: 'sha256-…'."""
    return f"'sha256-{b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"
