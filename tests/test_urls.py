"""Every public URL answers as it should, with one h1, in the app's own pages."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from shown import shown, visible

from guide import content


def test_root_redirects_to_the_browsers_language(client):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_every_sitemap_page_answers_with_exactly_one_h1(client, sitemap_paths):
    paths = sitemap_paths
    assert len(paths) >= 1 + len(content.EMERGENCY_SLUGS)
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert len(re.findall(rb"<h1[ >]", response.content)) == 1, path


def test_sitemap_lists_every_page_of_every_language(client, sitemap_paths):
    paths = set(sitemap_paths)
    for language in content.languages():
        assert reverse("guide:home").replace("/en/", f"/{language}/") in paths
        for page in content.public_pages(language):
            assert page.url in paths


@pytest.mark.parametrize(
    "path",
    ["/en/now/", "/en/now/water/", "/en/now/help-someone/", "/en/offline/", "/offline/"],
)
def test_emergency_screens_and_offline_page_have_the_call_link(client, path):
    response = client.get(path)
    assert response.status_code == 200
    number = settings.EMERGENCY_NUMBER
    assert f'href="tel:{number}"'.encode() in response.content
    assert f"Call {number}".encode() in response.content


def test_every_emergency_screen_shows_the_red_flags(client):
    flags = content.red_flags("en").flags
    for slug in content.EMERGENCY_SLUGS:
        body = client.get(content.page_url("now", slug, "en")).content.decode()
        assert 'id="get-help"' in body
        for flag in flags:
            assert shown(flag.text) in visible(body)


@pytest.mark.parametrize(
    "path",
    [
        "/nope",
        "/en/nope/",
        "/en/guide/no-such-page/",
        "/en/water/index/",
        "/en/guide/red-flags/",
        "/en/guide/../../etc/passwd",
        "/en/guide/%00/",
        "/xx/now/",
    ],
)
def test_unknown_urls_get_the_styled_404_that_links_to_the_emergency_screen(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b'href="/en/now/"' in response.content


def test_a_request_for_an_unknown_host_gets_the_apps_400_page(client):
    response = client.get("/en/", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert b"Bad request" in response.content


def test_the_400_page_speaks_the_addresss_language_whatever_the_last_request_spoke(client):
    client.get("/ru/now/")  # the server's thread last served Russian
    response = client.get("/en/", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert b'<html lang="en">' in response.content


@pytest.mark.parametrize("path", ["/en/", "/en/now/", "/en/guide/stretches/", "/serviceworker.js"])
def test_pages_refuse_methods_they_do_not_take(client, path):
    response = client.post(path, data="x" * 2_000_000, content_type="text/plain")
    assert response.status_code == 405


def test_every_content_page_shows_its_sources_and_review_dates(client):
    for page in content.all_pages().values():
        if page.slug == content.RED_FLAGS_SLUG:
            continue
        body = client.get(page.url).content.decode()
        cited = [*page.sources, *(content.red_flags("en").sources if page.is_emergency else [])]
        assert {s.url for s in cited} <= {s.url for s in page.listed_sources}
        assert f'datetime="{page.reviewed.isoformat()}"' in body, page.url
        assert f'datetime="{page.next_review.isoformat()}"' in body, page.url
        if page.is_emergency:
            # The emergency screens link to their sources, listed on the reviews page (which the
            # worker keeps offline): the first round trip carries the steps, not the addresses.
            listing = f"/{page.language}/reviews/"
            assert f'href="{listing}#now-{page.slug}"' in body, page.url
            body = client.get(listing).content.decode()
            assert f'id="now-{page.slug}"' in body
        for source in page.listed_sources:
            assert f'href="{escape(source.url)}"' in body, (page.url, source.url)
