"""The search finds the same pages in the same order online (Python) and offline (search.js).

Offline, search.js searches the index the worker keeps with what are meant to be the server's
rules (guide/search.py): a table of queries in every language, run through both.
"""

import pytest

from guide import search

QUERIES = {
    "en": [
        "calf", "CALF Stretch", "quinine", "  night   cramps  ", "stretch calf", "calf calf",
        "pregnancy calcium", "float", "water float back", "a", "x y", "xylophone", "cramp,",
        "calf\u00a0stretch", "💪 calf", "💪", "café", "ÇALF", "1", "10 minutes",
        "one two three four five six seven eight nine ten calf",
    ],
    "ru": [
        "судорога", "СУДОРОГИ", "икра", "хинин", "ночные судороги", "ёлка", "елка", "Ёж",
        "йога", "иода", "в", "вода спина", "💪 судорога", "кальций беременность",
    ],
    "es": [
        "calambre", "rehidratacion", "REHIDRATACIÓN", "piscina", "niño", "nino", "pierna noche",
        "agua flotar", "ñ", "a", "💪 calambre", "calcio embarazo", "Gemelo",
    ],
    # Portuguese: without tildes or cedillas, Brazil's two spellings of a cramp, Portugal's words.
    "pt": [
        "cãibra", "caibra", "CÂIMBRA", "caimbras", "reidratacao", "panturrilha", "piscina",
        "nadador-salvador", "agua boiar", "gravidez calcio", "quinino", "açúcar", "acucar", "ç",
        "💪 cãibra", "noite perna",
    ],
    # French: without accents, ligatures spelt out, straight and curly apostrophes.
    "fr": [
        "crampe", "crampé", "CRAMPES", "rehydratation", "réhydratation", "mollet", "l'eau",
        "l\u2019eau", "oedeme", "œdème", "grossesse calcium", "quinine", "planche", "à",
        "💪 crampe", "nuit jambe", "piscine",
    ],
}  # fmt: skip

FIND_IN_THE_PAGE = """async (queries) => {
    const script = document.querySelector("script[src*='/js/search.']").src;
    const { find } = await import(script);
    const found = {};
    for (const query of queries) found[query] = (await find(query)).map((entry) => entry.url);
    return found;
}"""


@pytest.mark.parametrize("language", QUERIES)
def test_the_browser_finds_what_the_server_finds(phone, server, language):
    page = phone.new_page()
    page.goto(f"{server.url}/{language}/search/")
    in_the_browser = page.evaluate(FIND_IN_THE_PAGE, QUERIES[language])
    on_the_server = {
        query: [entry["url"] for entry in search.find(language, query)]
        for query in QUERIES[language]
    }
    assert in_the_browser == on_the_server
    # The table means something: most queries find pages, some find several.
    assert sum(bool(urls) for urls in on_the_server.values()) >= len(QUERIES[language]) // 2
    assert max(len(urls) for urls in on_the_server.values()) >= 3


def test_every_language_has_its_table_of_queries():
    from django.conf import settings

    assert set(QUERIES) == {code for code, _name in settings.LANGUAGES}
