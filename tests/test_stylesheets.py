"""The stylesheets: one linked and precached for all pages, app.css inline in emergency screens."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command

from guide import content, stylesheets
from guide.diary import styles

pytestmark = pytest.mark.django_db
LINK = re.compile(r"<link\b[^>]*\brel=\"?stylesheet\b[^>]*>")
# Pages outside the precache list that still use the site's look.
EXTRA_PAGES = [
    "/en/no-such-page/",
    "/en/search/?q=calf",
    "/en/venues/",
    "/en/venues/harbour-lido/",
    "/en/venues/harbour-lido/poster/",
]


def worker_config(client):
    body = client.get("/serviceworker.js").content.decode()
    return json.loads(re.match(r"const CONFIG = (\{.*\});\n", body)[1])


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    parts = (part.strip().split() for part in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, *sources in parts}


def html_pages(client, config):
    """Every page of every language the worker keeps, and a few it does not: path, response."""
    paths = [url for urls in config["pages"].values() for url in urls if url.endswith("/")]
    for path in [*paths, *EXTRA_PAGES]:
        response = client.get(path)
        assert response["Content-Type"].startswith("text/html"), path
        yield path, response


def emergency_paths(config):
    return {url for urls in config["emergency"].values() for url in urls}


def stylesheet_url(config):
    [url] = [url for url in config["static"] if url.endswith(".css")]
    return url


def test_every_page_but_the_emergency_screens_links_the_one_precached_stylesheet(client):
    call_command("load_demo_venues")  # a venue page and its poster
    config = worker_config(client)
    linked = stylesheet_url(config)
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", linked)
    emergency = emergency_paths(config)
    checked = 0
    for path, response in html_pages(client, config):
        if path in emergency:
            continue
        body = response.content.decode()
        head = body.split("</head>", 1)[0]
        assert LINK.findall(body) == [f'<link rel="stylesheet" href="{linked}">'], path
        assert LINK.search(head), f"{path}: the stylesheet must be in <head> (no unstyled flash)"
        # No inline style but the diary's rule for browsers without JavaScript, in <noscript>.
        outside_noscript = re.sub(r"<noscript>.*?</noscript>", "", body, flags=re.DOTALL)
        assert "<style" not in outside_noscript, path
        assert ' style="' not in body, path  # an inline style attribute would be refused
        allowed = ["'self'"]
        if "/diary/" in path:
            allowed.append(stylesheets.style_hash(styles.WITHOUT_SCRIPT_CSS))
        assert policy(response)["style-src"] == allowed, path
        checked += 1
    pages = [url for urls in config["pages"].values() for url in urls if url.endswith("/")]
    assert checked == len(pages) - len(emergency) + len(EXTRA_PAGES) > 3 * 20


def test_emergency_screens_link_no_stylesheet_and_inline_only_app_css(client):
    config = worker_config(client)
    app_css = (settings.BASE_DIR / "static" / "css" / "app.css").read_text(encoding="utf-8")
    for language in content.languages():
        assert config["emergency"][language]  # three screens a language
        for path in config["emergency"][language]:
            response = client.get(path)
            body = response.content.decode()
            assert LINK.findall(body) == [], path  # nothing render-blocking
            styles = re.findall(r"<style>(.*?)</style>", body, re.DOTALL)
            assert styles == [stylesheets.without_comments(app_css)], path
            assert policy(response)["style-src"] == ["'self'", stylesheets.style_hash(styles[0])]
            assert ' style="' not in body, path


def test_the_linked_stylesheet_is_its_sources_joined_and_cached_for_good(client):
    # Checked against the sources, not the collected copy: a stale collectstatic fails here.
    config = worker_config(client)
    sources = [
        (settings.BASE_DIR / "static" / name).read_text(encoding="utf-8")
        for name in stylesheets.LINKED_SOURCES
    ]
    response = client.get(stylesheet_url(config))
    served = b"".join(response.streaming_content).decode()
    response.close()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "immutable" in response["Cache-Control"]
    assert served == stylesheets.joined(sources)
    assert "/*" not in served  # the comments stay in the sources
    for source in sources:  # every rule of every source, in cascade order
        assert stylesheets.without_comments(source) in served
    compressed = client.get(stylesheet_url(config), headers={"Accept-Encoding": "gzip"})
    compressed.close()
    assert compressed["Content-Encoding"] == "gzip"


def test_the_pack_holds_the_linked_stylesheet_and_none_of_its_sources(client):
    config = worker_config(client)
    stylesheets_kept = [url for url in config["static"] if ".css" in url]
    assert stylesheets_kept == [stylesheet_url(config)]
    # Collected like any static file, the sources stay on the server: no page loads them.
    for name in stylesheets.LINKED_SOURCES:
        assert staticfiles_storage.url(name) not in config["static"], name
