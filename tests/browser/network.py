"""Networks that fail as real ones do: a loopback proxy that breaks on request, and a CDN.

FaultyProxy sits between Chromium and the app on 127.0.0.1 and, per request, passes it on or
answers 500/502/503/504, hangs, drops the connection, redirects to another origin or serves a
proxy's own error page. CachingNginx is Debian's nginx with a proxy_cache in front of the app,
run from a temporary folder of its own.
"""

import http.client
import http.server
import os
import re
import shutil
import subprocess
import threading
import time
import urllib.request

from phone import free_port

GATEWAY_ERRORS = ("500", "502", "503", "504")
# "stall": the answer's headers and first part, up to the end of a page's <header>, then
# nothing until heal(): a connection that dies mid-answer, or a slow one that leaves the
# browser a half-parsed page to paint.
FAULTS = (*GATEWAY_ERRORS, "hang", "drop", "redirect", "proxy-page", "stall")
STALL_AFTER = b"</header>"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"}
PROXY_PAGE = b"<!DOCTYPE html><title>Error</title><h1>The gateway could not reach the site</h1>"


class FaultyProxy:
    """A proxy the test controls: `fail(fault, only=regex)`, `heal()`; it logs every request."""

    def __init__(self, upstream_port):
        self.upstream_port = upstream_port
        self.fault, self.only = None, None
        self.requests = []  # (path, headers) of every request that reached the proxy
        self.healed = threading.Event()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                proxy.requests.append((self.path, dict(self.headers)))
                fault = proxy.fault if proxy.applies(self.path) else None
                if fault is None:
                    return self.pass_on()
                if fault == "stall":
                    return self.pass_on(stall=True)
                if fault == "hang":
                    proxy.healed.wait(timeout=60)
                    return self.pass_on()
                if fault == "drop":
                    self.close_connection = True
                    return self.connection.shutdown(2)
                if fault == "redirect":  # a captive portal's login page, on another origin
                    return self.answer(302, b"", Location="http://portal.invalid/login")
                status = 200 if fault == "proxy-page" else int(fault)
                self.answer(status, PROXY_PAGE, **{"Content-Type": "text/html"})

            def answer(self, status, body, **headers):
                self.send_response(status)
                for name, value in {**headers, "Content-Length": str(len(body))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def pass_on(self, stall=False):
                upstream = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=30)
                # A stalled answer is cut in its text: asked for uncompressed.
                dropped = {"connection", "accept-encoding"} if stall else {"connection"}
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in dropped}
                    upstream.request("GET", self.path, headers=headers)
                    response = upstream.getresponse()
                    body = response.read()
                except OSError:
                    return self.answer(502, PROXY_PAGE, **{"Content-Type": "text/html"})
                finally:
                    upstream.close()
                self.send_response(response.status)
                for name, value in response.getheaders():
                    if name.lower() not in HOP_BY_HOP | {"content-length"}:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if stall:  # a file with no <header>: half of it
                    cut = body.find(STALL_AFTER)
                    cut = len(body) // 2 if cut < 0 else cut + len(STALL_AFTER)
                    self.wfile.write(body[:cut])
                    self.wfile.flush()
                    proxy.healed.wait(timeout=60)
                    body = body[cut:]
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def applies(self, path):
        return self.fault is not None and (self.only is None or re.search(self.only, path))

    def fail(self, fault, only=None):
        """From now on, answer requests whose path matches `only` (all if None) with `fault`."""
        assert fault in FAULTS, fault
        self.healed.clear()
        self.fault, self.only = fault, only

    def heal(self):
        self.fault, self.only = None, None
        self.healed.set()

    def start(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.heal()
        self.httpd.shutdown()
        self.httpd.server_close()


NGINX_CONFIG = """
{user}
daemon off;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 128; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    # A CDN: holds what the app marks public for as long as its Cache-Control says.
    proxy_cache_path {root}/cache keys_zone=cdn:1m;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream_port};
            proxy_set_header Host $http_host;
            proxy_cache cdn;
            # Like many CDNs: one copy per address, whatever Vary says.
            proxy_ignore_headers Vary;
            add_header X-Cache-Status $upstream_cache_status;
        }}
    }}
}}
"""


class CachingNginx:
    """Debian's nginx as a caching proxy (a CDN) in front of 127.0.0.1:upstream_port."""

    EXECUTABLE = shutil.which("nginx") or "/usr/sbin/nginx"

    def __init__(self, root, upstream_port):
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # As root, nginx's workers would otherwise run as "nobody", who cannot write here.
        user = "user root;" if os.geteuid() == 0 else ""
        root.mkdir(parents=True, exist_ok=True)
        (root / "nginx.conf").write_text(
            NGINX_CONFIG.format(user=user, root=root, port=self.port, upstream_port=upstream_port)
        )
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.EXECUTABLE, "-p", str(self.root), "-c", str(self.root / "nginx.conf"),
             "-e", str(self.root / "error.log")],
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/robots.txt", timeout=1).close()
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("nginx did not start: " + (self.root / "error.log").read_text())

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def cache_status(self, path):
        with urllib.request.urlopen(self.url + path) as response:
            return response.headers["X-Cache-Status"]
