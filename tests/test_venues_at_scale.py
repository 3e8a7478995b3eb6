"""Venues at scale: the pages that list or show venues ask the database the same number of
times with hundreds of venues as with four, the sitemap splits past 50,000 addresses, and no
venue rides along in the offline pack. (Their times are measured by `make bench`.)"""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from many_venues import make_venues
from organisations import OPERATOR_PASSWORD, operator_client
from staff import HttpsClient

from cramps_site import page_cache
from guide import offline, sitemaps
from guide.models import Organisation

pytestmark = pytest.mark.django_db
FEW, MANY = 4, 300
# Session, user, second factor, organisation, the count, the page: whatever the number of venues.
MOST_QUERIES = 12


def queries(client, path):
    page_cache.clear()  # rendered, not answered from memory
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


@pytest.fixture
def organisation():
    return Organisation.objects.create(name="Big Beaches")


def pages(organisation):
    first = organisation.venues.order_by("name").first()
    return [
        f"/{settings.ADMIN_PATH}guide/venue/",
        f"/{settings.ADMIN_PATH}guide/venue/?q=00&published__exact=1",
        "/en/operator/",
        "/en/operator/?page=2",
        f"/en/operator/{first.slug}/",
        "/en/operator/posters/",
        first.get_absolute_url(),
        "/sitemap.xml",
    ]


@pytest.mark.parametrize("who", ["operator", "superuser"])
def test_venue_pages_ask_the_database_as_often_with_hundreds_of_venues_as_with_four(
    organisation, who
):
    from guide.organisations import add_operator

    if who == "operator":
        user, organisation, _created = add_operator("big", organisation.name, OPERATOR_PASSWORD)
    else:
        user = User.objects.create_superuser("root", "root@example.com", OPERATOR_PASSWORD)
    client = operator_client(user)
    make_venues(FEW * 10, organisation, prefix="first")  # two pages of the operator list
    few = {path: queries(client, path) for path in pages(organisation)}
    make_venues(MANY, organisation, prefix="more")
    many = {path: queries(client, path) for path in pages(organisation)}
    assert many == few
    assert max(many.values()) <= MOST_QUERIES, many


def test_a_visitors_venue_page_and_the_sitemap_take_two_queries_or_one(organisation):
    make_venues(MANY, organisation)
    client = HttpsClient()
    assert queries(client, "/en/venues/venue-00000/") == 2  # is it current, then the venue
    assert queries(client, "/sitemap.xml") == 2  # what changed, then every published venue
    with CaptureQueriesContext(connection) as captured:
        client.get("/sitemap.xml")  # kept: only the question whether anything changed
    assert len(captured) == 1


def locations(body):
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>(.*?)</loc>", body)]


def test_the_sitemap_becomes_an_index_past_the_protocols_limit(organisation, monkeypatch):
    assert sitemaps.PageSitemap.limit == 50_000  # the protocol's most addresses in one file
    client = HttpsClient()
    pages = len(locations(client.get("/sitemap.xml").content.decode()))  # every language's
    make_venues(120, organisation)
    page_cache.clear()
    whole = locations(client.get("/sitemap.xml").content.decode())
    assert len(whole) == pages + 120  # one file, while it stays under the limit
    monkeypatch.setattr(sitemaps.PageSitemap, "limit", 60)
    page_cache.clear()
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index
    parts = locations(index)
    assert len(parts) == 4
    assert parts == ["/sitemap-pages.xml"] + [f"/sitemap-pages.xml?p={n}" for n in (2, 3, 4)]
    listed = []
    for part in parts:
        body = client.get(part).content.decode()
        assert "<urlset" in body
        assert len(locations(body)) <= 60
        listed += locations(body)
    assert listed == whole
    assert client.get(f"/sitemap-pages.xml?p={len(parts) + 1}").status_code == 404


def test_no_venue_rides_along_in_the_offline_pack(organisation):
    before = offline._config()
    make_venues(MANY, organisation)
    after = offline._config()
    assert after == before
    pack = [url for urls in after["pages"].values() for url in urls]
    assert not [url for url in pack if re.search(r"/venues/[\w-]+/", url)]
