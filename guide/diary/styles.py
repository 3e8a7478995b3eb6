"""The diary's one inline style, for browsers without JavaScript, and the policy that allows it
on the diary's pages only."""

from django.conf import settings

from guide import stylesheets

# The diary's styles are in the stylesheet every page links (guide/stylesheets.py). For a
# browser without JavaScript, a rule inside <noscript> hides every control and shows the notice
# instead: the site's policy, with that one inline stylesheet allowed on the diary's pages only.
WITHOUT_SCRIPT_CSS = (
    "[data-diary-app]{display:none!important}.diary-needs[hidden]{display:block!important}"
)
DIARY_CSP = {
    **settings.SECURE_CSP,
    "style-src": [*settings.SECURE_CSP["style-src"], stylesheets.style_hash(WITHOUT_SCRIPT_CSS)],
}
