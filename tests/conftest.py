"""Shared fixtures: an HTTPS test client (production settings redirect plain http)."""

import re

import pytest
from django.test import Client


class HttpsClient(Client):
    """Tests run with the production defaults (DEBUG off, HTTPS on): requests are https."""

    def generic(self, *args, **kwargs):
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


@pytest.fixture
def client():
    return HttpsClient()


@pytest.fixture
def sitemap_paths(client):
    """Every path /sitemap.xml lists, without scheme and host."""
    body = client.get("/sitemap.xml").content.decode()
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>(.*?)</loc>", body)]
