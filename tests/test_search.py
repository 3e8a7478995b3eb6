"""Find in the guide: the index covers every page and the search finds what a reader types."""

import json

import pytest

from guide import content, search


@pytest.mark.parametrize("language", content.languages())
def test_the_index_covers_every_public_page(client, language):
    response = client.get(f"/{language}/search/index.json")
    assert response.status_code == 200
    urls = {entry["url"] for entry in json.loads(response.content)}
    assert urls == {page.url for page in content.public_pages(language)}
    assert len(urls) >= 18, f"{language} lacks pages"


def test_the_index_holds_the_whole_text_of_each_page():
    entry = next(e for e in search.index("en") if e["url"] == "/en/guide/oral-rehydration/")
    assert "glucose" in entry["text"]
    assert "<" not in entry["text"]


def test_the_index_reads_the_number_to_call_as_the_page_shows_it():
    entry = next(e for e in search.index("en") if e["url"] == "/en/now/help-someone/")
    assert {"call", "112", "speaker"} <= set(entry["text"].split())
    assert all(content.NUMBER_TOKEN not in e["text"] for e in search.index("ru"))


@pytest.mark.parametrize("language", content.languages())
def test_keeping_each_word_once_finds_what_the_whole_text_finds(language):
    # The index keeps each word once (search.distinct_words); a term has no spaces, so it is in
    # the whole text exactly when it is in one word. Checked with every word and every 3-letter
    # piece of the language's titles and summaries, against the whole folded text.
    pages = sorted(content.public_pages(language), key=lambda page: (page.section, page.order))
    whole = {
        page.url: search.fold(f"{page.title} {search.plain_text(page)}", language) for page in pages
    }
    kept = {entry["url"]: entry["text"] for entry in search.index(language)}
    assert len(" ".join(kept.values())) < len(" ".join(whole.values()))
    probes = set()
    for page in pages:
        for word in search.fold(f"{page.title} {page.summary}", language).split():
            probes.add(word)
            probes.update(word[i : i + 3] for i in range(len(word) - 2))
    for term in probes:
        found_whole = {url for url, text in whole.items() if term in text}
        assert found_whole == {url for url, text in kept.items() if term in text}, term


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("en", "quinine", "/en/guide/when-to-see-a-doctor/"),
        ("en", "CALCIUM pregnancy", "/en/guide/pregnancy-and-calcium/"),
        ("en", "float", "/en/now/water/"),
        ("ru", "хинин", "/ru/guide/when-to-see-a-doctor/"),
        ("es", "rehidratacion", "/es/guide/oral-rehydration/"),  # typed without the accent
        ("es", "REHIDRATACIÓN", "/es/guide/oral-rehydration/"),
        # Portuguese: without the tilde and cedilla, and both spellings of a cramp.
        ("pt", "reidratacao", "/pt/guide/oral-rehydration/"),
        ("pt", "cãibra", "/pt/now/"),
        ("pt", "caimbra", "/pt/now/"),
        ("pt", "CÂIMBRA", "/pt/now/"),
        ("pt", "quinino", "/pt/guide/when-to-see-a-doctor/"),
        # French: without accents, in capitals.
        ("fr", "rehydratation", "/fr/guide/oral-rehydration/"),
        ("fr", "CRAMPE", "/fr/now/"),
        ("fr", "quinine", "/fr/guide/when-to-see-a-doctor/"),
        ("fr", "grossesse calcium", "/fr/guide/pregnancy-and-calcium/"),
    ],
)
def test_search_finds_the_page_a_reader_means(client, language, query, expected):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    # In the results, not in the menu: every page's header links to the land screen.
    body = response.content.decode()
    results = body[body.index("data-search-results") : body.index("</main>")]
    assert f'href="{expected}"' in results


@pytest.mark.parametrize(
    ("language", "typed", "written"),
    [
        ("pt", "caimbra", "Cãibra"),
        ("pt", "Câimbras", "cãibras"),
        ("pt", "reidratacao", "Reidratação"),
        ("fr", "oedeme", "Œdème"),
        ("fr", "l'eau", "l\u2019eau"),
        ("fr", "crampe", "crampé"),
        ("es", "nino", "Niño"),
        ("ru", "елка", "Ёлка"),
    ],
)
def test_a_word_typed_plainly_finds_it_written_with_accents_and_variants(language, typed, written):
    assert search.fold(typed, language) in search.fold(f"un texte: {written}.", language)


def test_a_spelling_is_folded_only_in_its_own_language():
    assert search.fold("caimbra", "pt") == "caibra"
    assert search.fold("caimbra", "es") == "caimbra"


def test_pages_with_the_words_in_the_title_come_first():
    results = search.find("en", "oral rehydration")
    assert results[0]["url"] == "/en/guide/oral-rehydration/"


def test_a_search_that_finds_nothing_says_so(client):
    response = client.get("/en/search/", {"q": "xylophone"})
    assert b"Nothing found" in response.content


def test_empty_and_oversized_queries_are_harmless(client):
    assert client.get("/en/search/", {"q": ""}).status_code == 200
    assert client.get("/en/search/", {"q": "a " * 5000}).status_code == 200


def test_every_page_but_the_emergency_screens_offers_the_search_form(client, sitemap_paths):
    # The emergency screens keep to the steps and the number: 14 KB for everything.
    for path in sitemap_paths:
        language = path.split("/")[1]
        body = client.get(path).content.decode()
        offered = f'action="/{language}/search/"' in body
        assert offered != path.startswith(f"/{language}/now/"), path


def test_every_guide_and_water_page_links_back_to_the_emergency_screen(client, sitemap_paths):
    for path in sitemap_paths:
        language = path.split("/")[1]
        body = client.get(path).content.decode()
        assert f'href="/{language}/now/' in body, path
