"""The catalogue's plural forms go to the browser once each, keyed by a count that takes them."""

import pytest
from django.utils import translation

from guide import plurals


def countries_shown(count):
    return translation.ngettext("%(count)s country shown", "%(count)s countries shown", count)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", {0: "%(count)s countries shown", 1: "%(count)s country shown"}),
        (
            "ru",
            {
                0: "Показано %(count)s стран",
                1: "Показана %(count)s страна",
                2: "Показаны %(count)s страны",
            },
        ),
        ("es", {0: "Se muestran %(count)s países", 1: "Se muestra %(count)s país"}),
        # Portuguese and French count 0 with 1 (CLDR's "one"); Portuguese says it one way.
        ("pt", {0: "Países encontrados: %(count)s"}),
        ("fr", {0: "%(count)s pays affiché", 2: "%(count)s pays affichés"}),
    ],
)
def test_each_form_once_keyed_by_the_smallest_count_that_takes_it(language, expected):
    with translation.override(language):
        assert plurals.forms(countries_shown) == expected


def test_a_language_with_more_forms_sends_them_all():
    # Arabic's six forms (zero, one, two, few from 3, many from 11, other from 100) by its rule,
    # as a catalogue would number them: every one is found among the sample counts.
    def arabic(count):
        if count in (0, 1, 2):
            return f"form {count}"
        if 3 <= count % 100 <= 10:
            return "form 3"
        return "form 4" if count % 100 >= 11 else "form 5"

    assert plurals.forms(arabic) == {
        0: "form 0",
        1: "form 1",
        2: "form 2",
        3: "form 3",
        11: "form 4",
        100: "form 5",
    }
