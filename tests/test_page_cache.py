"""Pages the same for everyone are rendered once per process and then served from memory."""

import io

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.test.utils import override_settings

from cramps_site import page_cache
from guide.models import Venue

pytestmark = pytest.mark.django_db


class Served:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, dict(headers), body


@pytest.fixture
def app():
    """The WSGI application as cramps_site/wsgi.py builds it, and a count of Django's runs."""
    application = page_cache.KeptPages(WSGIHandler())
    runs = []

    def count(**kwargs):
        runs.append(1)

    request_started.connect(count)

    def get(path, host="testserver", scheme="https", encoding="gzip", method="GET", language=""):
        environ = {
            "HTTP_ACCEPT_LANGUAGE": language,
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": host,
            "SERVER_PORT": "443",
            "HTTP_HOST": host,
            "HTTP_ACCEPT_ENCODING": encoding,
            "wsgi.url_scheme": scheme,
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": io.StringIO(),
        }
        started = []
        body = application(
            environ, lambda status, headers, exc=None: started.extend([status, headers])
        )
        content = b"".join(body)
        getattr(body, "close", lambda: None)()
        return Served(started[0], started[1], content)

    get.runs = runs
    yield get
    request_started.disconnect(count)


def test_an_emergency_page_is_served_from_memory_with_the_same_headers(app):
    first = app("/en/now/")
    second = app("/en/now/")
    assert first.status == second.status == "200 OK"
    assert second.body == first.body
    assert second.headers == first.headers
    assert "Strict-Transport-Security" in second.headers
    assert "public" in second.headers["Cache-Control"]
    assert len(app.runs) == 1  # Django ran for the first request only


@pytest.mark.parametrize(
    "path",
    ["/en/", "/ru/now/water/", "/es/guide/night-cramps/", "/en/water/", "/en/search/index.json",
     "/en/offline/", "/en/manifest.json", "/serviceworker.js"],
)  # fmt: skip
def test_pages_the_same_for_everyone_are_rendered_once(app, path):
    first = app(path)
    assert first.status == "200 OK", path
    assert app(path).body == first.body
    assert len(app.runs) == 1


@pytest.mark.parametrize("path", ["/serviceworker.js", "/numbers.json"])
def test_root_answers_the_same_in_every_language_name_no_visitors_language(app, path):
    russian = app(path, language="ru")
    english = app(path, language="en")
    assert english.body == russian.body
    for answer in (russian, english):  # the first visitor's language is not replayed
        assert "Content-Language" not in answer.headers
        assert "accept-language" not in answer.headers.get("Vary", "").lower()
    assert len(app.runs) == 1


def test_a_page_that_varies_by_more_than_its_encoding_is_never_kept():
    from django.http import HttpResponse

    for vary in ("Accept-Language", "Cookie", "Accept-Encoding, User-Agent"):
        response = HttpResponse("same for everyone?", headers={"Vary": vary})
        response.page_cache_version = (None, None)
        assert not page_cache._keepable(response), vary
    response = HttpResponse("same for everyone", headers={"Vary": "Accept-Encoding"})
    response.page_cache_version = (None, None)
    assert page_cache._keepable(response)


def test_compressed_and_plain_copies_are_kept_apart(app):
    compressed = app("/en/now/", encoding="gzip, br")
    plain = app("/en/now/", encoding="")
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    assert b"<h1" in plain.body
    assert app("/en/now/", encoding="").body == plain.body
    assert app("/en/now/", encoding="gzip").body == compressed.body


def test_each_host_gets_its_own_links(app):
    with override_settings(ALLOWED_HOSTS=["a.example", "b.example"]):
        first = app("/en/now/", host="a.example", encoding="")
        second = app("/en/now/", host="b.example", encoding="")
        assert b"https://a.example/ru/now/" in first.body
        assert b"https://b.example/ru/now/" in second.body
        assert b"a.example" not in second.body


def test_a_hosts_port_or_spelling_never_adds_a_kept_page(app):
    # ALLOWED_HOSTS ignores the port and the case: each spelling would otherwise keep its own
    # copy (its links carry the Host as sent), a way to fill the memory from outside.
    spellings = ["testserver:1", "testserver:2", "TestServer", "testserver."]
    for host in spellings:
        assert app("/en/now/", host=host).status == "200 OK", host
        assert app("/en/now/", host=host).status == "200 OK", host
    assert len(app.runs) == 2 * len(spellings)  # each rendered every time, none kept
    for host in ["testserver", "testserver:443"]:  # as sent, or with the server's own port
        app("/en/now/", host=host)
        app("/en/now/", host=host)
    assert len(app.runs) == 2 * len(spellings) + 2


def test_kept_pages_stay_within_their_memory_bound(app, monkeypatch):
    paths = ["/en/now/", "/ru/now/", "/es/now/"]
    sizes = [len(app(path).body) for path in paths]
    page_cache.clear()
    monkeypatch.setattr(page_cache, "MAX_BYTES", sum(sizes) - 1)
    for path in paths:
        app(path)
    runs = len(app.runs)
    app("/es/now/")  # the newest is kept
    assert len(app.runs) == runs
    app("/en/now/")  # the oldest made room
    assert len(app.runs) == runs + 1


def test_a_kept_page_never_answers_a_host_django_would_refuse(app):
    assert app("/en/now/").status == "200 OK"
    assert app("/en/now/", host="evil.example").status.startswith("400")


def test_a_kept_page_never_answers_plain_http(app):
    assert app("/en/now/").status == "200 OK"
    response = app("/en/now/", scheme="http")
    assert response.status.startswith("301")
    assert response.headers["Location"] == "https://testserver/en/now/"


def test_head_is_answered_without_a_body(app):
    app("/en/now/")
    response = app("/en/now/", method="HEAD")
    assert response.status == "200 OK"
    assert response.body == b""
    assert int(response.headers["Content-Length"]) > 0


def test_pages_that_depend_on_the_visitor_are_not_kept(app):
    assert app("/en/search/").status == "200 OK"  # reads the query string
    app("/en/search/")
    assert len(app.runs) == 2
    app("/en/no-such-page/")
    app("/en/no-such-page/")
    assert len(app.runs) == 4


def test_a_setting_change_renders_pages_again(app, settings):
    app("/en/now/", encoding="")
    settings.EMERGENCY_NUMBER = "999"
    assert b'href="tel:999"' in app("/en/now/", encoding="").body


@pytest.fixture
def venue():
    return Venue.objects.create(
        slug="kept-pool", name="Kept Pool", kind="pool", emergency_number="112",
        lifeguards="Chair", lifeguard_hours="All day", first_aid_point="Desk",
        defibrillator="Desk", published=True,
    )  # fmt: skip


def test_a_venue_page_is_kept_until_the_venue_changes(client, venue):
    first = client.get("/en/venues/kept-pool/")
    assert first.templates  # rendered
    again = client.get("/en/venues/kept-pool/")
    assert not again.templates  # from memory
    assert again.content == first.content
    assert again["Cache-Control"] == first["Cache-Control"]
    venue.emergency_number = "+34612345678"
    venue.save()
    changed = client.get("/en/venues/kept-pool/")
    assert changed.templates
    assert 'href="tel:+34612345678"' in changed.content.decode()


def test_an_unpublished_venue_is_gone_at_once(client, venue):
    client.get("/en/venues/kept-pool/")
    client.get("/en/venues/kept-pool/poster/")
    Venue.objects.filter(pk=venue.pk).update(published=False)
    assert client.get("/en/venues/kept-pool/").status_code == 404
    assert client.get("/en/venues/kept-pool/poster/").status_code == 404


def test_a_venue_page_is_kept_for_its_hosts_own_spelling_only(client, venue):
    for _ in range(2):
        assert client.get("/en/venues/kept-pool/", headers={"host": "testserver:1"}).templates
    client.get("/en/venues/kept-pool/")
    assert not client.get("/en/venues/kept-pool/").templates
