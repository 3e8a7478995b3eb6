"""`make check-links`: which cited addresses it asks, and how it reports, against a local server."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command
from front import free_port

from guide import content
from guide.content import linkcheck

REDIRECTS = {"/moved": "/ok", "/moved-away": "/gone"}


class Site(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path in REDIRECTS:
            self.send_response(301)
            self.send_header("Location", REDIRECTS[self.path])
        else:
            self.send_response(200 if self.path == "/ok" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_addresses_that_do_not_answer_200_after_redirects_are_reported(site):
    addresses = [f"{site}/ok", f"{site}/moved", f"{site}/gone", f"{site}/moved-away"]
    with pytest.raises(CommandError) as raised:
        call_command("check_links", *addresses, timeout=5)
    assert raised.value.returncode == 1
    report = str(raised.value)
    assert report.startswith("Checked 4 addresses: 2 did not answer 200.")
    assert f"404  {site}/gone\n" in report
    assert f"404  {site}/moved-away\n" in report
    assert f"{site}/ok\n" not in report
    assert f"{site}/moved\n" not in report


def test_all_addresses_answering_is_a_success(site, capsys):
    call_command("check_links", f"{site}/ok", f"{site}/moved", timeout=5)
    assert "Checked 2 addresses: 0 did not answer 200." in capsys.readouterr().out


def test_no_connection_at_all_says_so_plainly():
    port = free_port()  # nothing listens there, and no other test's server will (xdist)
    with pytest.raises(CommandError) as raised:
        call_command("check_links", f"http://127.0.0.1:{port}/", timeout=2)
    assert raised.value.returncode == 2
    assert "seems to have no internet" in str(raised.value)


def test_every_content_source_is_asked_and_named_where_it_is_cited(tmp_path):
    cited = linkcheck.cited_addresses(numbers_table=tmp_path / "absent.toml")
    sources = {s.url for page in content.all_pages().values() for s in page.sources}
    assert set(cited) == sources
    assert "guide/ru/causes.md" in cited["https://www.nhs.uk/conditions/leg-cramps/"]


def test_the_numbers_tables_sources_are_asked_too(tmp_path):
    table = tmp_path / "numbers.toml"
    table.write_text(
        '[[countries]]\ncode = "CL"\nambulance = "131"\n'
        'sources = ["https://example.org/chile", "https://example.org/armada."]\n'
        '[[countries]]\ncode = "ES"\nnote = "see https://example.org/not-a-source"\n'
        '[[countries.source]]\nurl = "https://example.org/spain"\nquote = "112"\n'
    )
    assert linkcheck.numbers_table_addresses(table) == [
        "https://example.org/armada",
        "https://example.org/chile",
        "https://example.org/spain",
    ]
    cited = linkcheck.cited_addresses(numbers_table=table)
    assert cited["https://example.org/chile"] == ["numbers.toml"]
