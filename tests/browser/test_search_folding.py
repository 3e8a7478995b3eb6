"""The browser folds what a reader types as the server does, in every language.

Offline, search.js and the country page's filter compare words folded by app.js's normalise();
online, guide/search.py folds them. A letter folded one way here and another way there would
find a page online and miss it offline.
"""

import json

from guide import search

WORDS = [
    # English, Russian (ё and й), Spanish (ñ, ü).
    "Calf STRETCH", "café", "Ёлка", "йога", "ЁЖ", "niño", "pingüino", "REHIDRATACIÓN",
    # Portuguese: tildes, cedillas, both spellings of a cramp.
    "Cãibra", "CÂIMBRA", "reidratação", "açúcar", "Panturrilha", "pés", "nadador-salvador",
    # French: accents, cedilla, ligatures and curly apostrophes.
    "Crampe", "crampé", "Œdème", "cœur", "ex æquo", "l\u2019eau", "l'eau", "Ça", "Île",
    "réhydratation", "mâchoire", "naïf",
    # Not letters.
    "💪 calf", "112", "  two  spaces  ",
]  # fmt: skip

FOLD_IN_THE_PAGE = """async (words) => {
    const { normalise } = await import(document.querySelector("script[data-worker]").src);
    return words.map(normalise);
}"""


def test_the_browser_folds_every_languages_words_as_the_server_does(phone, server):
    page = phone.new_page()
    page.goto(f"{server.url}/fr/search/")
    in_the_browser = page.evaluate(FOLD_IN_THE_PAGE, WORDS)
    assert in_the_browser == [search.normalise(word) for word in WORDS]
    # The table means something: accents, ligatures and apostrophes all fold.
    folded = dict(zip(WORDS, in_the_browser, strict=True))
    assert folded["Œdème"] == "oedeme"
    assert folded["l\u2019eau"] == folded["l'eau"] == "l'eau"
    assert folded["CÂIMBRA"] == "caimbra"
    assert folded["Ёлка"] == "елка"


def test_the_search_page_gives_the_browser_its_languages_spellings(phone, server):
    # «câimbra» and «cãibra» are searched as one, online and offline alike.
    page = phone.new_page()
    page.goto(f"{server.url}/pt/search/")
    spellings = page.locator("[data-search-results]").get_attribute("data-spellings")
    assert json.loads(spellings) == search.SPELLINGS["pt"]
    page.goto(f"{server.url}/fr/search/")
    assert json.loads(page.locator("[data-search-results]").get_attribute("data-spellings")) == {}
