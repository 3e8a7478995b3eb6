"""The few lines that put this phone's number on the call buttons before the first paint.

static/js/first-paint.js runs inline in the head of the screens someone calls from (the
emergency screens, the offline page, a venue's page: guide/calling.html) and fixes each call
button as the parser adds it: the number chosen or suggested, and the labelled line of a venue
opened in the last 12 hours, are on the buttons from the first frame, even one a slow phone
paints before the page is all parsed, where app.js (a module, run after the parser) would show
the page's default first. The policy of those pages allows exactly these bytes by their hash; every
other page allows no inline script.
"""

import hashlib
from base64 import b64encode

from django.conf import settings

from cramps_site.storage import minified

SOURCE = settings.BASE_DIR / "static" / "js" / "first-paint.js"
# Minified as collectstatic ships our other scripts: every byte counts in the emergency
# screens' 14 KB. Exactly these bytes go into the pages and into the hash.
SCRIPT = minified(SOURCE.read_text(encoding="utf-8"))
HASH = f"'sha256-{b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()}'"


def allowed_in(policy):
    """A Content-Security-Policy (a SECURE_CSP-like mapping) that also runs the script."""
    return {**policy, "script-src": [*policy["script-src"], HASH]}


# The offline page and venue pages: the site's policy, and the script.
CALLING_CSP = allowed_in(settings.SECURE_CSP)
