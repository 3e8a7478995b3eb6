"""The front as deployed: cramps_site/deploy/nginx.conf over TLS in front of gunicorn.

Real nginx (Debian's nginx-light), a certificate made for the test, gunicorn with the deploy
config and production settings (HTTPS on), all on 127.0.0.1. Requests from 127.0.0.7 come from
a loopback address that is not a trusted proxy: a client straight at gunicorn, or a visitor
whose address nginx sees.
"""

import http.client
import json
import re
import shutil
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from front import (
    DEPLOY,
    NGINX,
    Gunicorn,
    Nginx,
    deployed_site,
    free_port,
    reachable_by_everyone,
    self_signed_certificate,
)

HOST = "cramp-aid.example"
SECRET_KEY = "KbV0u9r9ZgWm3n5Gd1y8pTqS2xLc7hJe4aF6oNiR-UwYk_DzPvXtBsQl"  # never used elsewhere
PASSWORD = "a-long-operator-password-7"
UNTRUSTED = "127.0.0.7"  # a loopback address no FORWARDED_ALLOW_IPS names
VENUE_SECONDS = 2  # CRAMP_AID_VENUE_CACHE_SECONDS here: 60 by default


class Browser:
    """Requests to the front as a browser sends them, with the cookies it was given.

    `source` is the address it connects from; `direct` sends it to gunicorn, past nginx.
    """

    def __init__(self, front, source="127.0.0.1", direct=False):
        self.front = front
        self.cookies = {}
        self.source = (source, 0)
        self.direct = direct

    def request(self, path, method="GET", body=None, headers=None, https=True):
        if self.direct:
            connection = http.client.HTTPConnection(
                "127.0.0.1", self.front["app"].port, timeout=20, source_address=self.source
            )
        elif https:
            connection = http.client.HTTPSConnection(
                "127.0.0.1",
                self.front["https"],
                context=self.front["tls"],
                timeout=20,
                source_address=self.source,
            )
        else:
            connection = http.client.HTTPConnection(
                "127.0.0.1", self.front["http"], timeout=20, source_address=self.source
            )
        headers = {"Host": HOST, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.body = response.read()
        connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    directory = tmp_path_factory.mktemp("front")
    directory.chmod(0o755)
    app = Gunicorn(
        directory,
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS=HOST,
        CRAMP_AID_PUBLIC_URL=f"https://{HOST}",
        CRAMP_AID_VENUE_CACHE_SECONDS=str(VENUE_SECONDS),
    )
    app.manage("migrate", "-v", "0")
    app.manage(
        "createsuperuser",
        "--noinput",
        "--username=operator",
        "--email=op@example.com",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    cert, key = self_signed_certificate(directory, HOST)
    ports = {"http": free_port(), "https": free_port()}
    # What nginx's workers read (as nobody when the tests run as root) must be theirs to read
    # wherever the checkout sits, a private directory too: a copy of the static files, and
    # certbot's webroot.
    public = Path(tempfile.mkdtemp(prefix="cramp-aid-public-", dir=reachable_by_everyone()))
    nginx = None
    try:
        public.chmod(0o755)
        shutil.copytree(settings.STATIC_ROOT, public / "static")
        (public / "acme").mkdir()
        site = deployed_site(
            ports["http"], ports["https"], app.port, cert, key, public / "static", public / "acme"
        )  # fmt: skip
        nginx = Nginx(directory, site)
        app.start()
        nginx.start()
        tls = ssl.create_default_context(cafile=str(cert))
        tls.check_hostname = False  # we connect to 127.0.0.1; the chain is still verified
        yield {**ports, "tls": tls, "app": app, "webroot": public / "acme"}
    finally:
        if nginx:
            nginx.stop()
        app.stop()
        shutil.rmtree(public)


@pytest.fixture
def browser(front):
    return Browser(front)


def test_pages_are_served_over_https_with_hsts(browser):
    response = browser.request("/en/now/")
    assert response.status == 200
    assert "<h1" in response.body.decode()
    assert response.headers["Strict-Transport-Security"] == "max-age=63072000"


def test_plain_http_is_redirected_to_https(browser):
    response = browser.request("/en/now/water/?from=poster", https=False)
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/en/now/water/?from=poster"


def test_load_balancers_get_the_health_check_over_plain_http(browser):
    response = browser.request("/healthz", https=False)
    assert response.status == 200
    assert json.loads(response.body) == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def gunicorn_log(front, *lines):
    """gunicorn's access log once it holds every line given (at most ten seconds): gunicorn
    writes a request's line after the answer has left, so on a loaded machine a test that reads
    the log straight after its request can come too early."""
    deadline = time.monotonic() + 10
    while not all(line in (log := front["app"].log.read_text()) for line in lines):
        assert time.monotonic() < deadline, log[-2000:]
        time.sleep(0.05)
    return log


def test_the_health_check_keeps_its_connection_to_gunicorn_alive(browser, front):
    browser.request("/healthz", https=False)
    log = gunicorn_log(front, "GET /healthz HTTP/")
    # HTTP/1.0 would open a new connection to gunicorn for every probe.
    assert "GET /healthz HTTP/1.1" in log
    assert "GET /healthz HTTP/1.0" not in log


def test_certbot_gets_its_challenge_over_plain_http_from_the_webroot(browser, front):
    challenge = front["webroot"] / ".well-known" / "acme-challenge"
    challenge.mkdir(parents=True, exist_ok=True)
    (challenge / "token-7Qx_b2").write_text("token-7Qx_b2.account-key-thumbprint")
    (challenge / "token-7Qx_b2").chmod(0o644)
    for directory in (challenge, challenge.parent):
        directory.chmod(0o755)  # as certbot leaves them
    response = browser.request("/.well-known/acme-challenge/token-7Qx_b2", https=False)
    assert response.status == 200
    assert response.body == b"token-7Qx_b2.account-key-thumbprint"
    # An unknown token is nginx's 404, not a redirect into the app.
    assert browser.request("/.well-known/acme-challenge/other", https=False).status == 404
    # Everything else on port 80 still moves to https.
    for path in ("/.well-known/security.txt", "/.well-known/acme-challenge", "/en/"):
        response = browser.request(path, https=False)
        assert response.status == 301, path
        assert response.headers["Location"] == f"https://{HOST}{path}"


def test_the_second_anonymous_visit_of_an_emergency_page_is_a_cache_hit(browser):
    first = browser.request("/en/now/help-someone/")
    second = browser.request("/en/now/help-someone/")
    assert first.headers["X-Cache-Status"] in ("MISS", "EXPIRED", "HIT")
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.body == first.body
    assert "public" in second.headers["Cache-Control"]


def test_the_worker_and_the_manifest_are_never_answered_from_the_cache(browser):
    for path in ("/serviceworker.js", "/en/manifest.json"):
        browser.request(path)
        response = browser.request(path)
        assert response.status == 200
        assert response.headers.get("X-Cache-Status") != "HIT"
        assert "no-cache" in response.headers["Cache-Control"]


def post_sign_in(browser, username, password, code, headers=None):
    """The admin's sign-in form as a browser posts it: user name, password and the code."""
    form = browser.request("/admin/login/", headers=headers).body.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    return browser.request(
        "/admin/login/?next=/admin/",
        method="POST",
        body=f"csrfmiddlewaretoken={token}&username={username}&password={password}"
        f"&otp_token={code}",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}/admin/login/",
            **(headers or {}),
        },
    )


def sign_in(browser):
    # As a script signs in: the one-time code `manage.py addstatictoken` prints.
    code = browser.front["app"].manage("addstatictoken", "operator")
    response = post_sign_in(browser, "operator", PASSWORD, code)
    assert response.status == 302, response.body.decode()[:500]
    assert "sessionid" in browser.cookies


def test_signed_in_responses_are_never_cache_hits(browser):
    anonymous = Browser(browser.front)
    anonymous.request("/en/now/")
    assert anonymous.request("/en/now/").headers["X-Cache-Status"] == "HIT"
    sign_in(browser)
    for path in ("/admin/", "/en/now/", "/en/venues/winter-pool-draft/"):  # last: unpublished demo
        for _ in range(2):
            response = browser.request(path)
            assert response.status == 200, path
            assert response.headers.get("X-Cache-Status") != "HIT", path
    preview = browser.request("/en/venues/winter-pool-draft/")
    assert "private" in preview.headers["Cache-Control"]
    # And nothing the operator saw was stored for the public.
    assert anonymous.request("/en/venues/winter-pool-draft/").status == 404


def test_static_files_are_served_by_nginx_with_immutable_caching(browser, front):
    page = browser.request("/en/now/").body.decode()
    url = re.search(r'src="(/static/js/app\.[0-9a-f]{12}\.js)"', page)[1]
    response = browser.request(url, headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Encoding"] == "gzip"  # whitenoise's .gz, sent as is
    # A shared cache in front must not hand this gzip body to a client that cannot read it.
    assert response.headers["Vary"] == "Accept-Encoding"
    assert "X-Cache-Status" not in response.headers  # not through the app's cache
    # gunicorn logs every request it sees: once a later request's line is there, so would be this.
    browser.request("/healthz?after=static", https=False)
    assert url not in gunicorn_log(front, "GET /healthz?after=static HTTP/")


def counted_address(front, username):
    """The address django-axes counted this user name's failed sign-in against."""
    path = front["app"].environment["DJANGO_DATABASE_PATH"]
    with closing(sqlite3.connect(path)) as database:
        rows = database.execute(
            "SELECT ip_address FROM axes_accessattempt WHERE username = ?", (username,)
        ).fetchall()
    return [address for (address,) in rows]


def test_gunicorn_ignores_forwarding_headers_from_a_peer_it_does_not_trust(front):
    stranger = Browser(front, source=UNTRUSTED, direct=True)
    claimed = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.1"}
    response = stranger.request("/en/now/", headers=claimed)
    assert response.status == 301  # not https, whatever it says
    assert response.headers["Location"] == f"https://{HOST}/en/now/"
    # From the trusted proxy's address (nginx on this machine), the same headers count.
    assert Browser(front, direct=True).request("/en/now/", headers=claimed).status == 200
    gunicorn_log(
        front,
        f'{UNTRUSTED} "GET /en/now/ HTTP/1.1" 301',
        '198.51.100.1 "GET /en/now/ HTTP/1.1" 200',
    )


def test_sign_in_failures_count_against_the_address_that_is_known(front):
    spoofed = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.2"}
    # Straight to gunicorn from an untrusted peer: plain http, whatever it claims, so the
    # sign-in never even reaches the form (the review's 40 guesses went this way).
    stranger = Browser(front, source=UNTRUSTED, direct=True)
    body = "username=ghost-direct&password=wrong&otp_token=1"
    form = {"Content-Type": "application/x-www-form-urlencoded", **spoofed}
    assert stranger.request("/admin/login/", "POST", body, form).status == 301
    assert counted_address(front, "ghost-direct") == []
    # Through nginx: the address nginx saw, not the header the visitor sent.
    visitor = Browser(front, source=UNTRUSTED)
    assert post_sign_in(visitor, "ghost-nginx", "wrong", "123456", headers=spoofed).status == 200
    assert counted_address(front, "ghost-nginx") == [UNTRUSTED]
    # From the trusted proxy's address, a header that is no address is never stored as is.
    local = Browser(front, direct=True)
    odd = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "not-an-ip <b>"}
    assert post_sign_in(local, "ghost-text", "wrong", "1", headers=odd).status == 200
    assert counted_address(front, "ghost-text") == ["127.0.0.1"]


@pytest.mark.parametrize(
    "path", ["/admin/../healthz", "/admin%2F..%2Fhealthz", "/en/../healthz", "/healthz?x=1"]
)
def test_plain_http_reaches_the_health_check_and_nothing_else(browser, front, path):
    before = len(front["app"].log.read_text())
    # This test's requests carry their own User-Agent, which gunicorn logs last: a line an
    # earlier test's request wrote late (CI saw one) is not this test's.
    agent = f"plain-http-{time.monotonic_ns()}"
    plain = {"X-Forwarded-Proto": "https", "User-Agent": agent}
    response = browser.request(path, https=False, headers=plain)
    if response.status == 200:
        assert json.loads(response.body) == {"status": "ok"}
    else:
        assert response.status == 301  # nginx's redirect to https, not Django's admin
        assert response.headers["Location"].startswith(f"https://{HOST}/")
    # gunicorn writes its log line after answering: a later request's line shows this one's came.
    marker = f"/healthz?after={time.monotonic_ns()}"
    browser.request(marker, https=False, headers={"User-Agent": agent})
    seen = gunicorn_log(front, f"GET {marker} HTTP/")[before:]
    ours = re.findall(rf'"GET (\S+) HTTP/[^"]*" .*"{agent}"$', seen, re.MULTILINE)
    assert marker in ours  # the agent is in the log, so the filter sees this test's lines
    assert [line for line in ours if line != marker] in ([], ["/healthz"], ["/healthz?x=1"])


def test_nginx_names_no_version(browser):
    assert browser.request("/en/now/").headers["Server"] == "nginx"
    missing = browser.request("/static/no-such-file.js")
    assert missing.status == 404
    assert missing.headers["Server"] == "nginx"
    assert "nginx/" not in missing.body.decode()


def test_static_files_get_the_headers_pages_get(browser):
    page = browser.request("/en/now/")
    script = re.search(r'src="(/static/js/app\.[0-9a-f]{12}\.js)"', page.body.decode())[1]
    for url in (script, "/static/staticfiles.json"):  # hashed, and a name that is not
        response = browser.request(url)
        assert response.status == 200, url
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        assert (
            response.headers["Strict-Transport-Security"]
            == page.headers["Strict-Transport-Security"]
        ), url


def test_the_cache_status_is_shown_on_this_machine_only(front):
    here, visitor = Browser(front), Browser(front, source=UNTRUSTED)
    for browser in (here, visitor):
        browser.request("/en/now/water/")
    assert here.request("/en/now/water/").headers["X-Cache-Status"] == "HIT"
    answer = visitor.request("/en/now/water/")
    assert answer.status == 200
    assert "X-Cache-Status" not in answer.headers


def test_a_changed_or_unpublished_venue_leaves_nginxs_cache_within_its_time(browser, front):
    path = "/es/venues/playa-del-faro/"  # a venue answers under its own language only
    browser.request(path)
    cached = browser.request(path)
    assert cached.headers["X-Cache-Status"] == "HIT"
    assert cached.headers["Cache-Control"] == f"public, max-age={VENUE_SECONDS}"
    change = "from guide.models import Venue; v = Venue.objects.get(slug='playa-del-faro'); "
    front["app"].manage("shell", "-c", change + "v.name = 'Playa del Faro (moved)'; v.save()")
    time.sleep(VENUE_SECONDS + 1)
    assert "Playa del Faro (moved)" in browser.request(path).body.decode()
    front["app"].manage("shell", "-c", change + "v.published = False; v.save()")
    time.sleep(VENUE_SECONDS + 1)
    for _ in range(2):  # not once, then the old page again while nginx refreshes
        assert browser.request(path).status == 404
    # The emergency screens and the guide keep their longer life.
    assert browser.request("/en/now/").headers["Cache-Control"] == "public, max-age=600"


def test_an_answer_for_another_releases_worker_is_never_kept(browser):
    # Someone fetching the next release's precache address before it is deployed must not
    # leave this release's page there for the next release's workers (which refuse it).
    version = browser.request("/en/now/").headers["Cramp-Aid-Version"]
    for _ in range(2):
        ahead = browser.request("/en/now/?__v=0123456789abcdef")
    assert ahead.status == 200
    assert ahead.headers["Cache-Control"] == "no-store"
    assert ahead.headers["X-Cache-Status"] != "HIT"
    for _ in range(2):
        current = browser.request(f"/en/now/?__v={version}")
    assert current.headers["X-Cache-Status"] == "HIT"


def test_gunicorn_refuses_to_start_in_production_without_a_secret_key(tmp_path):
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_DATABASE_PATH": str(tmp_path / "db.sqlite3"),
    }
    result = subprocess.run(
        [f"{sys.prefix}/bin/gunicorn", "-c", str(DEPLOY / "gunicorn.conf.py"), "--bind",
         f"127.0.0.1:{free_port()}", "--workers", "1"],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "cramps_site.E001: DJANGO_SECRET_KEY is not set" in result.stdout + result.stderr


def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path):
    # ExecStart must exist for verify: this checkout's gunicorn stands in for the deployed one.
    for name in ("cramp-aid.socket", "cramp-aid.service"):
        unit = (DEPLOY / name).read_text()
        unit = unit.replace("/srv/cramp-aid/app/.venv/bin/gunicorn", f"{sys.prefix}/bin/gunicorn")
        (tmp_path / name).write_text(unit)
    assert f"{sys.prefix}/bin/gunicorn" in (tmp_path / "cramp-aid.service").read_text()
    units = [tmp_path / "cramp-aid.socket", tmp_path / "cramp-aid.service"]
    result = subprocess.run(
        ["systemd-analyze", "verify", *units], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout + result.stderr == ""


def test_gunicorn_its_socket_nginx_and_the_update_agree_on_one_address():
    address = "127.0.0.1:8000"
    assert f"\nListenStream={address}\n" in (DEPLOY / "cramp-aid.socket").read_text()
    assert (
        f'os.environ.get("GUNICORN_BIND", "{address}")' in (DEPLOY / "gunicorn.conf.py").read_text()
    )
    assert f"server {address};" in (DEPLOY / "nginx.conf").read_text()
    assert f"${{GUNICORN_BIND:-{address}}}" in (DEPLOY / "update.sh").read_text()


def test_the_readme_names_only_deploy_files_that_exist():
    readme = (settings.BASE_DIR / "README.md").read_text()
    named = set(re.findall(r"cramps_site/deploy/([\w.-]+)", readme))
    shipped = {"update.sh", "manage.sh", "cramp-aid.socket", "cramp-aid.service", "nginx.conf"}
    assert shipped <= named
    for name in named:
        assert (DEPLOY / name).is_file(), name


@pytest.mark.parametrize("debian_http", ["", "server_tokens off;"], ids=["debian-12", "debian-13"])
def test_the_site_loads_inside_debians_own_http_block(tmp_path, debian_http):
    # Debian 13's /etc/nginx/nginx.conf says `server_tokens off;` in its http block, where
    # sites-enabled/* is included; Debian 12's leaves it commented out. A second one at the
    # site's top level stopped nginx on Debian 13 ("directive is duplicate"; deploy rehearsal).
    cert, key = self_signed_certificate(tmp_path, HOST)
    site = deployed_site(free_port(), free_port(), free_port(), cert, key, tmp_path, tmp_path)
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\n"
        f"http {{\n{debian_http}\n{site.replace('{cache}', str(tmp_path / 'cache'))}\n}}\n"
    )
    result = subprocess.run(
        [NGINX, "-t", "-p", f"{tmp_path}/", "-c", str(config), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
