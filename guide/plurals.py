"""A catalogue's plural forms for the browser, which picks one with Intl.PluralRules.

gettext numbers a language's forms by its own rule (Russian: one, few, many); the browser knows
CLDR's categories for any count. The page sends each form once, keyed by the smallest count
that takes it ({1: "1 страна", 2: "2 страны", 0: "0 стран"}); a script shows the form whose key
is in the same CLDR category as the count it has (static/js/country.js). So a language added
later needs only its catalogue.
"""

import json

# Every form of every language appears among these counts: CLDR's integer categories all have
# a member below 200, except Breton's "many" (a million).
SAMPLE_COUNTS = (*range(200), 1_000_000)


def forms(pick):
    """{count: text}, one entry per form `pick(count)` gives (an ngettext call with literals)."""
    found = {}
    for count in SAMPLE_COUNTS:
        text = pick(count)
        if text not in found.values():
            found[count] = text
    return found


def forms_json(pick):
    return json.dumps(forms(pick), ensure_ascii=False)
