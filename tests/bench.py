"""`make bench`: prints Cramp Aid's size, speed and Lighthouse figures against DESIGN.md's budgets.

Figures, never timed tests: it serves the app with gunicorn on 127.0.0.1 and measures what
Debian's Chromium, on a phone, downloads and paints, and how many requests a second the origin
answers beside nginx serving the same bytes from disk (wrk, bounded in time, loopback only).
Set BENCH_LIGHTHOUSE=0 to skip Lighthouse (about 15 s a page); BENCH_ONLY names the parts to
run, e.g. BENCH_ONLY=emergency,first-paint (origin, emergency, pages, first-paint, pack,
lighthouse, venues: the venues at scale, tests/bench_venues.py).
"""

import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "browser"))
sys.path.insert(0, str(Path(__file__).parent))
import diary_history
from front import Gunicorn, Nginx, free_port, wait_for_port
from phone import (
    BASE_DIR,
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    AppServer,
)

EMERGENCY_BUDGET = 14 * 1024  # the page with its inline CSS: what paints, in one round trip
EMERGENCY_FIRST_VISIT_BUDGET = 20 * 1024  # with everything it loads on a first visit
PAGE_BUDGET = 30 * 1024
PACK_BUDGET = 300 * 1024
# Offline first paint: against the same HTML from a bare cache-first worker (what the app's
# worker and scripts add), and against a bare 1 KB page (what the content itself costs).
FCP_RATIO_BUDGET = 1.15
FCP_BARE_PAGE_BUDGET = 1.5
LIGHTHOUSE_BUDGET = 0.95
LIGHTHOUSE_VERSION = "12.8.2"
LANGUAGES = ["en", "ru", "es", "pt", "fr"]
FCP_RUNS = 31  # FCP comes in 4 ms steps: enough runs for a steady median
# A guide page per language opened offline: its stylesheet comes from the worker's cache too.
# A figure beside the emergency screens' budget, not a budget of its own.
GUIDE_PAGES = [f"/{language}/guide/stretches/" for language in LANGUAGES]
ORIGIN_BUDGET = 0.1  # gunicorn with 2 workers / nginx serving the same bytes from disk
PROXY_CACHE_BUDGET = 0.8  # nginx's proxy cache in front of gunicorn / the same
ORIGIN_PATH = "/en/now/"
ORIGIN_ROUNDS = 3
WRK = ["wrk", "--threads", "1", "--connections", "8", "--duration", "3s"]


def get(url, compressed=True):
    headers = {"Accept-Encoding": "gzip"} if compressed else {}
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request) as response:  # our own server on 127.0.0.1
        return response.read()


def kb(size):
    return f"{size / 1024:6.1f} KB"


def verdict(ok):
    return "ok  " if ok else "OVER"


def page_weights(browser, server, paths):
    """Compressed bytes of everything a first visit downloads to render each page (no worker)."""
    results = {}
    for path in paths:
        context = browser.new_context(service_workers="block", **PHONE)
        page = context.new_page()
        requests = []

        def collect(request, requests=requests):
            requests.append(request)

        page.on("requestfinished", collect)
        page.goto(server.url + path, wait_until="load")
        page.wait_for_timeout(100)
        sizes, fonts, foreign, document = {}, 0, [], 0
        for request in requests:
            size = request.sizes()
            sizes[request.url] = size["responseBodySize"] + size["responseHeadersSize"]
            if request.resource_type == "document":
                document = sizes[request.url]
            fonts += request.resource_type == "font"
            if not request.url.startswith(server.url):
                foreign.append(request.url)
        html = page.content()
        blocking = len(re.findall(r"<link[^>]+rel=\"stylesheet\"", html)) + len(
            re.findall(r"<script(?![^>]*(type=\"module\"|defer|async))[^>]*src=", html)
        )
        results[path] = {
            "document": document,
            "total": sum(sizes.values()),
            "files": len(sizes),
            "fonts": fonts,
            "foreign": foreign,
            "blocking": blocking,
        }
        context.close()
    return results


def diary_with_history(browser, server):
    """The diary page as it is used: twelve weeks of cramps in it, the charts' code loaded."""
    seeding = browser.new_context(service_workers="block", **PHONE)
    page = seeding.new_page()
    page.goto(f"{server.url}/en/diary/")
    with tempfile.TemporaryDirectory() as folder:
        history = diary_history.write(Path(folder) / "history.json", datetime.date.today())
        page.locator("[data-import]").set_input_files(history)
        page.locator("[data-status]").filter(has_text="Imported").first.wait_for()
    state = seeding.storage_state(indexed_db=True)
    seeding.close()
    context = browser.new_context(service_workers="block", storage_state=state, **PHONE)
    page = context.new_page()
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(f"{server.url}/en/diary/", wait_until="load")
    page.locator("figure[data-chart=hours] svg").wait_for()
    page.wait_for_timeout(100)
    sizes = [r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in requests]
    context.close()
    return sum(sizes), len(sizes)


BARE_PAGE = (
    "<!DOCTYPE html><html lang=en><meta charset=utf-8>"
    "<meta name=viewport content='width=device-width, initial-scale=1'><title>Bare</title>"
    "<h1>A bare page</h1><p>" + "Stretch the muscle and hold it. " * 28 + "</p>"
    "<script type=module>navigator.serviceWorker.register('/worker.js')</script>"
)
# The yardstick: pages served from the cache by a worker that does nothing else.
BARE_WORKER = """
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open("bare").then((cache) => cache.addAll(PAGES)));
  self.skipWaiting();
});
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
self.addEventListener("fetch", (event) => {
  event.respondWith(caches.match(event.request).then((hit) => hit || fetch(event.request)));
});
"""
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.DOTALL)


class BareSite:
    """On another port of 127.0.0.1, in a thread: the bare 1 KB page at "/", and at each
    emergency screen's path the app's very HTML with its scripts taken out, all served by a
    cache-first worker of a few lines. What the app's worker and scripts add shows against it.
    """

    def __init__(self, copies):
        self.pages = {"/": BARE_PAGE.encode(), **copies}

    def __enter__(self):
        import http.server
        import threading

        pages = self.pages
        worker = f"const PAGES = {json.dumps(list(pages))};\n{BARE_WORKER}".encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/worker.js":
                    data, kind = worker, "text/javascript"
                elif self.path in pages:
                    data, kind = pages[self.path], "text/html"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


# The first contentful paint, and how long the worker took to hand over the whole page (from
# the fetch event, or the worker's start, to the page's last byte).
FIRST_PAINT = """() => new Promise((resolve) => new PerformanceObserver((list, observer) => {
    const fcp = list.getEntriesByName("first-contentful-paint")[0];
    if (!fcp) return;
    observer.disconnect();
    const [navigation] = performance.getEntriesByType("navigation");
    resolve({ paint: fcp.startTime, answer: navigation.responseEnd - navigation.workerStart });
}).observe({type: "paint", buffered: true}))"""


def offline_first_paints(playwright, server, paths, alone=()):
    """First paint and the worker's answer time of each page opened offline, in ms, per run.

    Keys: "bare" (the 1 KB page), each path (the app), ("copy", path) (the same HTML from the
    bare worker), and each path of `alone` (the app, with no copy: a page whose stylesheet the
    bare site does not have). They take turns in one browser, so a busy machine slows them
    alike and the ratios hold.
    """
    copies = {path: SCRIPT.sub("", get(server.url + path, compressed=False).decode()).encode()
              for path in paths}  # fmt: skip
    with tempfile.TemporaryDirectory() as profile, BareSite(copies) as bare:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, **PHONE
        )
        page = context.new_page()
        for language in LANGUAGES:  # each language's pack, as a user who switched would have
            page.goto(f"{server.url}/{language}/")
            page.wait_for_function(
                "() => document.querySelector('[data-offline-status]').textContent.trim()"
            )
        page.goto(bare.url)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        page.close()
        context.set_offline(True)
        urls = {"bare": bare.url + "/"}
        for path in paths:
            urls[path] = server.url + path
            urls[("copy", path)] = bare.url + path
        for path in alone:
            urls[path] = server.url + path
        runs = {key: [] for key in urls}
        for run in range(FCP_RUNS + 1):  # the first round only warms both workers up
            for key, url in urls.items():
                fresh = context.new_page()
                fresh.goto(url)
                measured = fresh.evaluate(FIRST_PAINT)
                fresh.close()
                if run:
                    runs[key].append(measured)
        context.close()
    return runs


def print_first_paints(playwright, server, paths, over):
    print("\n== Offline open of the emergency screens: first contentful paint")
    print(f"   (median of {FCP_RUNS} interleaved runs; budget {FCP_RATIO_BUDGET}x the same HTML "
          f"from a bare cache-first worker, {FCP_BARE_PAGE_BUDGET}x a bare 1 KB page)")  # fmt: skip
    runs = offline_first_paints(playwright, server, paths, alone=GUIDE_PAGES)

    def median(key, figure):
        return statistics.median(run[figure] for run in runs[key])

    bare = median("bare", "paint")
    print(f"     {'bare 1 KB page':24} {bare:5.0f} ms")
    print(f"     {'':24} {'app':>8} {'same HTML':>10} {'ratio':>6} {'1 KB':>6}"
          f"   worker's answer: app, bare")  # fmt: skip
    for path in paths:
        app, copy = median(path, "paint"), median(("copy", path), "paint")
        ratio, to_bare = app / copy, app / bare
        ok = ratio <= FCP_RATIO_BUDGET and to_bare <= FCP_BARE_PAGE_BUDGET
        over += [] if ok else [f"FCP {path}"]
        answers = median(path, "answer"), median(("copy", path), "answer")
        print(f"{verdict(ok)} {path:24} {app:5.0f} ms {copy:7.0f} ms {ratio:5.2f}x {to_bare:5.2f}x"
              f"   {answers[0]:5.1f} ms, {answers[1]:4.1f} ms")  # fmt: skip
    # A guide page links its stylesheet, which the bare site has not: no copy, and no budget.
    print("   A guide page, in the same runs (no budget: a figure):")
    for path in GUIDE_PAGES:
        app = median(path, "paint")
        print(f"     {path:24} {app:5.0f} ms {'':18} {app / bare:5.2f}x"
              f"   {median(path, 'answer'):5.1f} ms")  # fmt: skip


def offline_pack(server, language):
    worker = get(f"{server.url}/serviceworker.js", compressed=False).decode()
    config = json.loads(re.match(r"const CONFIG = (\{.*\});\n", worker)[1])
    urls = config["pages"][language] + config["static"]
    return sum(len(get(server.url + url)) for url in urls), len(urls)


def lighthouse(server, paths):
    """Yields (path, category scores, audits below 0.9) for each page, as each run ends."""
    tools = BASE_DIR / ".bench"
    cli = tools / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", "-E",
             f"lighthouse@{LIGHTHOUSE_VERSION}", "--prefix", str(tools)],
            check=True,
        )  # fmt: skip
    for path in paths:
        data = None
        for _attempt in range(3):  # Lighthouse sometimes loses a trace (NO_NAVSTART): retry
            with tempfile.TemporaryDirectory() as out:
                report = Path(out) / "report.json"
                run = subprocess.run(
                    ["node", str(cli), server.url + path, "--quiet", "--output=json",
                     f"--output-path={report}",
                     "--only-categories=performance,accessibility,best-practices,seo",
                     "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS)],
                    env={**os.environ, "CHROME_PATH": CHROMIUM},
                    check=False,
                    timeout=180,
                )  # fmt: skip
                if run.returncode == 0:
                    data = json.loads(report.read_text())
                    break
        if data is None:
            yield path, {}, ["lighthouse failed three times"]
            continue
        scores = {key: category["score"] for key, category in data["categories"].items()}
        failing = [
            audit_id
            for audit_id, audit in data["audits"].items()
            if audit.get("score") is not None
            and audit["score"] < 0.9
            and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        ]
        yield path, scores, failing


def requests_per_second(url):
    """wrk's figure for one bounded run against a server on 127.0.0.1."""
    out = subprocess.run([*WRK, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError(f"{url} answered with errors under load:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])


def origin_speed():
    """Requests a second for one emergency page: nginx from disk, gunicorn, nginx's cache.

    One run, interleaved rounds, medians: the ratios are what hold across machines.
    """
    with tempfile.TemporaryDirectory() as directory:
        directory = Path(directory)
        directory.chmod(0o755)  # nginx's workers read the page from here
        app = Gunicorn(
            directory,
            DJANGO_HTTPS="0",
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_SECRET_KEY="bench-only-" + "b3nCh" * 10,
        ).start()
        nginx = None
        try:
            origin = f"http://127.0.0.1:{app.port}{ORIGIN_PATH}"
            page = get(origin, compressed=False)
            root = directory / "root"
            (root / ORIGIN_PATH.strip("/")).mkdir(parents=True)
            (root / ORIGIN_PATH.strip("/") / "index.html").write_bytes(page)
            root.chmod(0o755)
            for folder in root.rglob("*"):
                folder.chmod(0o755 if folder.is_dir() else 0o644)
            static_port, cached_port = free_port(), free_port()
            nginx = Nginx(
                directory,
                f"""
    proxy_cache_path {{cache}} keys_zone=bench:1m;
    server {{ listen 127.0.0.1:{static_port}; root {root}; default_type text/html; }}
    server {{
        listen 127.0.0.1:{cached_port};
        location / {{
            proxy_pass http://127.0.0.1:{app.port};
            proxy_set_header Host 127.0.0.1:{app.port};  # the same links, the same bytes
            proxy_cache bench;
        }}
    }}""",
            ).start()
            wait_for_port(static_port)
            static = f"http://127.0.0.1:{static_port}{ORIGIN_PATH}"
            cached = f"http://127.0.0.1:{cached_port}{ORIGIN_PATH}"
            assert get(static, compressed=False) == page == get(cached, compressed=False)
            figures = {"static": [], "origin": [], "cached": []}
            for _ in range(ORIGIN_ROUNDS):
                for name, url in (("static", static), ("origin", origin), ("cached", cached)):
                    figures[name].append(requests_per_second(url))
            return {name: statistics.median(values) for name, values in figures.items()}
        finally:
            if nginx:
                nginx.stop()
            app.stop()


def print_origin_speed(over):
    print(f"\n== The origin: {ORIGIN_PATH} under load, requests a second (wrk, medians of "
          f"{ORIGIN_ROUNDS} interleaved runs)")  # fmt: skip
    figures = origin_speed()
    static = figures["static"]
    print(f"     nginx, the same bytes from disk  {static:9.0f}/s")
    for name, label, budget in (
        ("origin", "gunicorn, 2 workers", ORIGIN_BUDGET),
        ("cached", "nginx's proxy cache, in front", PROXY_CACHE_BUDGET),
    ):
        ratio = figures[name] / static
        over += [] if ratio >= budget else [f"origin {name}"]
        print(f"{verdict(ratio >= budget)} {label:32} {figures[name]:9.0f}/s  "
              f"{ratio:.3f}x (budget {budget}x)")  # fmt: skip


def venues_at_scale():
    """tests/bench_venues.py, in a process of its own: it sets Django up on its own database."""
    script = Path(__file__).with_name("bench_venues.py")
    finished = subprocess.run([sys.executable, str(script)], check=False)
    return [] if finished.returncode == 0 else ["venues at scale"]


def wanted(part):
    """BENCH_ONLY=first-paint,emergency runs those parts alone; unset, every part runs."""
    only = os.environ.get("BENCH_ONLY")
    return not only or part in only.split(",")


def print_emergency_weights(browser, server, paths, over):
    print("\n== Emergency screens: first visit, compressed")
    print(f"   (budget {kb(EMERGENCY_BUDGET).strip()} for the page with its inline CSS, "
          f"{kb(EMERGENCY_FIRST_VISIT_BUDGET).strip()} for everything it loads; no render-blocking "
          "requests, no web fonts, no third party)")  # fmt: skip
    for path, w in page_weights(browser, server, paths).items():
        ok = (
            w["document"] <= EMERGENCY_BUDGET
            and w["total"] <= EMERGENCY_FIRST_VISIT_BUDGET
            and not (w["fonts"] or w["foreign"] or w["blocking"])
        )
        over += [] if ok else [path]
        print(f"{verdict(ok)} {path:28} page {kb(w['document'])}, with all it loads "
              f"{kb(w['total'])} in {w['files']} files, {w['blocking']} render-blocking, "
              f"{w['fonts']} fonts, {len(w['foreign'])} third-party")  # fmt: skip
    worker = len(get(f"{server.url}/serviceworker.js"))
    table = len(get(f"{server.url}/numbers.json"))
    print(f"     fetched after first paint, not by the page: /serviceworker.js "
          f"{kb(worker)}, the numbers table /numbers.json {kb(table)}")  # fmt: skip


def print_page_weights(browser, server, paths, over):
    print("\n== Guide, water, venue pages: first visit, compressed (budget 30 KB)")
    weights = page_weights(browser, server, paths)
    for path, w in weights.items():
        ok = w["total"] <= PAGE_BUDGET and not w["foreign"]
        over += [] if ok else [path]
        print(f"{verdict(ok)} {path:40} {kb(w['total'])} in {w['files']} files")
    largest = max(weights.items(), key=lambda item: item[1]["total"])
    print(f"     largest: {largest[0]} {kb(largest[1]['total'])}")
    # A first visit finds the diary empty (its pages are judged above); with cramps in it the
    # charts' code loads too. That is a figure, not a budget: by then the worker serves every
    # file from the phone.
    print("\n== The diary: first visit, and with twelve weeks of cramps in it")
    for path in [p for p in weights if "/diary/" in p and p.startswith("/en/")]:
        print(f"     {path:40} {kb(weights[path]['total'])} in {weights[path]['files']} files")
    size, count = diary_with_history(browser, server)
    print(f"     {'/en/diary/ with 12 weeks of cramps':40} {kb(size)} in {count} files")


SERVED_PARTS = ("emergency", "pages", "first-paint", "pack", "lighthouse")


def print_served_parts(over):
    """What one app server answers: the pages' weights, first paints, packs, Lighthouse."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as data:
        server = AppServer(Path(data)).start()
        try:
            sitemap = get(f"{server.url}/sitemap.xml", compressed=False).decode()
            paths = [
                re.sub(r"^https?://[^/]+", "", u) for u in re.findall(r"<loc>(.*?)</loc>", sitemap)
            ]
            emergency = [p for p in paths if re.match(r"^/\w\w/now/", p)]
            others = [p for p in paths if p not in emergency] + ["/en/venues/harbour-lido/poster/"]
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                if wanted("emergency"):
                    print_emergency_weights(browser, server, emergency, over)
                if wanted("pages"):
                    print_page_weights(browser, server, others, over)
                browser.close()
                if wanted("first-paint"):
                    print_first_paints(playwright, server, emergency, over)
            if wanted("pack"):
                print("\n== Whole offline pack per language, compressed (budget 300 KB)")
                for language in LANGUAGES:
                    size, count = offline_pack(server, language)
                    over += [] if size <= PACK_BUDGET else [f"pack {language}"]
                    print(f"{verdict(size <= PACK_BUDGET)} {language}  {kb(size)} in {count} files")
            if wanted("lighthouse") and os.environ.get("BENCH_LIGHTHOUSE", "1") != "0":
                print(f"\n== Lighthouse {LIGHTHOUSE_VERSION}, mobile (budget {LIGHTHOUSE_BUDGET})")
                pages = [p for p in paths if p.startswith("/en/")]
                pages += ["/ru/", "/ru/now/water/", "/es/", "/es/now/", "/en/offline/"]
                pages += ["/pt/", "/pt/now/help-someone/", "/fr/", "/fr/now/water/"]
                for path, scores, failing in lighthouse(server, pages):
                    ok = bool(scores) and all(v >= LIGHTHOUSE_BUDGET for v in scores.values())
                    over += [] if ok else [f"lighthouse {path}"]
                    figures = "  ".join(f"{k} {v:.2f}" for k, v in scores.items())
                    extra = f"  (below 0.9: {', '.join(failing)})" if failing else ""
                    print(f"{verdict(ok)} {path:40} {figures}{extra}", flush=True)
        finally:
            server.stop()


def main():
    over = []
    if wanted("origin"):
        print_origin_speed(over)
    if any(wanted(part) for part in SERVED_PARTS):
        print_served_parts(over)
    if wanted("venues"):
        over += venues_at_scale()
    print("\nAll within budget." if not over else f"\nOver budget: {', '.join(over)}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
