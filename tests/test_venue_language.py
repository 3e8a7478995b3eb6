"""A venue answers in its own language only: its page and poster live under its prefix.

A venue's words come from its operator in one language; under another prefix the page mixed
two languages, the language switcher and hreflang links offered "translations" that were not,
and "Keep this venue offline" saved a second copy under the other address.
"""

import re

import pytest
from django.conf import settings

from guide.models import Venue

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def venues():
    return list(Venue.objects.filter(published=True))


@pytest.mark.parametrize("page", ["", "poster/"])
def test_a_venue_under_another_language_redirects_to_its_own(client, demo_venues, page):
    for venue in venues():
        own = f"{venue.get_absolute_url()}{page}"
        assert client.get(own).status_code == 200, own
        for language in LANGUAGES:
            if language == venue.language:
                continue
            other = own.replace(f"/{venue.language}/", f"/{language}/", 1)
            response = client.get(f"{other}?from=poster")
            assert response.status_code == 302, other
            assert response["Location"] == f"{own}?from=poster"


@pytest.mark.parametrize("page", ["", "poster/"])
def test_a_venue_page_links_to_no_other_language(client, demo_venues, page):
    for venue in venues():
        body = client.get(f"{venue.get_absolute_url()}{page}").content.decode()
        assert "hreflang" not in body, venue.slug
        prefixes = set(re.findall(r'href="/([a-z]{2})/', body))
        assert prefixes == {venue.language}, venue.slug


def test_an_unpublished_venue_stays_hidden_under_every_prefix(client, demo_venues):
    for language in LANGUAGES:
        assert client.get(f"/{language}/venues/winter-pool-draft/").status_code == 404
