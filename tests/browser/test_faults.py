"""A network that fails as real ones do: what the phone has opens from the phone, at once.

A loopback proxy between Chromium and the app answers 5xx, hangs, drops the connection,
redirects to a captive portal or serves its own error page, per request.
"""

import shutil
import time
import urllib.request

import pytest
from django.conf import settings
from network import FAULTS, GATEWAY_ERRORS, FaultyProxy
from phone import (
    BASE_DIR,
    AppServer,
    first_heading,
    headings_online,
    save_venue,
    wait_until_ready_offline,
    worker_config,
)

VENUE = "/en/venues/harbour-lido/"
# The worker waits 3 s for a network that does not answer (serviceworker.js). A fault that
# answers at once must not make it wait: against a worker that would wait 30 s, "at once" is
# under 10 s, with room on both sides for a loaded machine.
WORKER_TIMEOUT = "const NETWORK_TIMEOUT_MS = 3000;"
PATIENT_TIMEOUT = "const NETWORK_TIMEOUT_MS = 30000;"
AT_ONCE_S = 10
# A hanging network (the proxy holds each request 60 s): the saved copy comes after the worker's
# 3 s, long before the network would answer and within page.goto's own 15 s.
HANG_LIMIT_S = 12

CACHED_ANSWERS = """async () => {
    const answers = [];
    for (const name of await caches.keys()) {
        for (const response of await (await caches.open(name)).matchAll()) {
            answers.push({ url: response.url, status: response.status });
        }
    }
    return answers;
}"""


@pytest.fixture
def proxy(server):
    running = FaultyProxy(server.port).start()
    yield running
    running.stop()


@pytest.fixture
def patient_server(tmp_path):
    """The app whose worker would wait 30 s for the network, not 3: nothing else changed."""
    copy = tmp_path / "patient"
    ignore = shutil.ignore_patterns("__pycache__", "*.sqlite3")
    for folder in ["cramps_site", "guide", "static"]:
        shutil.copytree(BASE_DIR / folder, copy / folder, ignore=ignore)
    shutil.copy(BASE_DIR / "manage.py", copy)
    worker = copy / "static" / "js" / "serviceworker.js"
    source = worker.read_text(encoding="utf-8")
    assert WORKER_TIMEOUT in source, "the worker's network timeout moved: follow it here"
    worker.write_text(source.replace(WORKER_TIMEOUT, PATIENT_TIMEOUT), encoding="utf-8")
    app = AppServer(tmp_path, base=copy, DJANGO_STATIC_ROOT=str(settings.STATIC_ROOT)).start()
    yield app
    app.stop()


@pytest.fixture
def patient_proxy(patient_server):
    running = FaultyProxy(patient_server.port).start()
    yield running
    running.stop()


def pack_pages(server, language="en"):
    """Every HTML page of one language's offline pack, with its h1 as the server renders it."""
    urls = worker_config(server.url)["pages"][language]
    return headings_online(server.url, [url for url in urls if url.endswith("/")])


# The network answers, at once and wrongly (a hang or a stall is waited for: the next test).
@pytest.mark.parametrize("fault", [fault for fault in FAULTS if fault not in ("hang", "stall")])
def test_every_saved_page_opens_from_the_phone_whatever_the_network_answers(
    phone, patient_server, patient_proxy, fault
):
    server, proxy = patient_server, patient_proxy
    assert PATIENT_TIMEOUT in proxy_worker(proxy)
    pages = pack_pages(server)
    assert len(pages) >= 20
    page = save_venue(phone, proxy, VENUE)
    pages[VENUE] = first_heading(page)
    proxy.fail(fault)
    slow = {}
    for path, heading in pages.items():
        started = time.monotonic()
        page.goto(proxy.url + path)
        assert first_heading(page) == heading, f"{path} with the network answering {fault}"
        if (elapsed := time.monotonic() - started) > AT_ONCE_S:
            slow[path] = elapsed
    assert slow == {}
    if fault in (*GATEWAY_ERRORS, "drop"):
        # Only a page the phone never had shows the offline page.
        page.goto(f"{proxy.url}/en/guide/a-page-never-opened/")
        assert first_heading(page) == "You are offline"
    # Nothing but the app's own 200 answers was written into a cache.
    assert [a for a in page.evaluate(CACHED_ANSWERS) if a["status"] != 200] == []


def proxy_worker(proxy):
    with urllib.request.urlopen(f"{proxy.url}/serviceworker.js") as response:
        return response.read().decode()


# A hang sends nothing; a stall sends the headers and the page's top, then nothing (a
# connection that dies mid-answer): the worker waits for the whole page, not its start.
@pytest.mark.parametrize("fault", ["hang", "stall"])
def test_a_hanging_network_gives_the_saved_copy_after_three_seconds(phone, server, proxy, fault):
    assert WORKER_TIMEOUT in proxy_worker(proxy)
    page = save_venue(phone, proxy, VENUE)
    paths = ["/en/guide/stretches/", "/en/water/cold-water/", "/en/", VENUE]
    pages = headings_online(server.url, paths)
    proxy.fail(fault)
    for path, heading in pages.items():
        started = time.monotonic()
        page.goto(proxy.url + path)
        assert first_heading(page) == heading, path
        assert time.monotonic() - started < HANG_LIMIT_S, path


def test_a_never_seen_page_behind_a_gateway_error_shows_the_offline_page_in_its_language(
    phone, server, proxy
):
    page = phone.new_page()
    page.goto(f"{proxy.url}/es/")
    wait_until_ready_offline(page, ready_text="sin conexión")
    proxy.fail("503")
    page.goto(f"{proxy.url}/es/venues/playa-del-faro/")
    assert first_heading(page) == "Estás sin conexión"


def test_a_full_storage_never_turns_a_good_answer_into_an_error(phone, server, proxy):
    page = save_venue(phone, proxy, VENUE)
    cdp = phone.new_cdp_session(page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": proxy.url, "quotaSize": 1})
    write = page.evaluate(
        """() => caches.open("probe").then((cache) => cache.put("/probe", new Response("x")))
            .then(() => "written", (error) => error.name)"""
    )
    assert write == "QuotaExceededError"
    server.edit_database(
        "UPDATE guide_venue SET name = 'Harbour Lido, new name', updated = CURRENT_TIMESTAMP "
        "WHERE slug = ?",
        "harbour-lido",
    )
    # The venue answers with its new name although its saved copy cannot be rewritten.
    page.goto(proxy.url + VENUE)
    assert first_heading(page) == "Harbour Lido, new name"
    # A static file the pack does not hold, and a language not kept yet, still arrive.
    icon = page.locator("link[rel=apple-touch-icon]").get_attribute("href")
    assert page.goto(proxy.url + icon).status == 200
    page.goto(f"{proxy.url}/es/guide/stretches/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert first_heading(page) == headings_online(server.url, ["/es/guide/stretches/"]).popitem()[1]
    # Saving says it could not, rather than pretending.
    page.goto(f"{proxy.url}/es/venues/playa-del-faro/")
    page.get_by_role("button", name="Guardar para usar sin conexión").click()
    page.get_by_role("status").filter(has_text="No se pudo guardar").wait_for()
    # The saved copy is the one written before the storage filled up.
    proxy.fail("drop")
    page.goto(proxy.url + VENUE)
    assert first_heading(page) == "Harbour Lido (demo)"
