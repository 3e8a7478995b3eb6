"""Shared fixtures: an HTTPS test client (production settings redirect plain http)."""

import re

import pytest
from django.core.management import call_command
from django.test import AsyncClient, Client

from guide import page_cache


class HttpsClient(Client):
    """Tests run with the production defaults (DEBUG off, HTTPS on): requests are https."""

    def generic(self, *args, **kwargs):
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


class HttpsAsyncClient(AsyncClient):
    """The same requests through Django's ASGI handler (cramps_site/asgi.py serves it)."""

    def generic(self, *args, **kwargs):
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test renders its own pages: one test's settings or data never leak into the next."""
    page_cache.clear()
    yield
    page_cache.clear()


@pytest.fixture
def client():
    return HttpsClient()


@pytest.fixture
def async_client():
    return HttpsAsyncClient()


@pytest.fixture
def demo_venues(db):
    """The demo venues of `make run` (guide/fixtures/demo_venues.json), one per language."""
    call_command("loaddata", "demo_venues", verbosity=0)


@pytest.fixture
def sitemap_paths(client):
    """Every path /sitemap.xml lists, without scheme and host."""
    body = client.get("/sitemap.xml").content.decode()
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>(.*?)</loc>", body)]
