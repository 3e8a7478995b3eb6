"""The front as deployed: cramps_site/deploy/nginx.conf over TLS in front of gunicorn.

Real nginx (Debian's nginx-light), a certificate made for the test, gunicorn with the deploy
config and production settings (HTTPS on, behind the proxy), all on 127.0.0.1.
"""

import http.client
import json
import re
import ssl
import subprocess
import sys
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from front import DEPLOY, Gunicorn, Nginx, deployed_site, free_port, self_signed_certificate

HOST = "cramp-aid.example"
SECRET_KEY = "deploy-test-only-" + "q7Z" * 20
PASSWORD = "a-long-operator-password-7"


class Browser:
    """Requests to the front as a browser sends them, with the cookies it was given."""

    def __init__(self, front):
        self.front = front
        self.cookies = {}

    def request(self, path, method="GET", body=None, headers=None, https=True):
        if https:
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.front["https"], context=self.front["tls"], timeout=20
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.front["http"], timeout=20)
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
        DJANGO_BEHIND_PROXY="1",
    )
    app.manage("migrate", "-v", "0")
    app.manage(
        "createsuperuser",
        "--noinput",
        "--username=operator",
        "--email=op@example.com",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    app.start()
    cert, key = self_signed_certificate(directory, HOST)
    ports = {"http": free_port(), "https": free_port()}
    site = deployed_site(ports["http"], ports["https"], app.port, cert, key)
    # nginx's workers read a copy: the checkout may sit where they may not (a private clone).
    nginx = Nginx(directory, site, served={"static": settings.STATIC_ROOT})
    try:
        nginx.start()
        tls = ssl.create_default_context(cafile=str(cert))
        tls.check_hostname = False  # we connect to 127.0.0.1; the chain is still verified
        yield {**ports, "tls": tls, "app": app}
    finally:
        nginx.stop()
        app.stop()


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


def sign_in(browser):
    form = browser.request("/admin/login/").body.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    response = browser.request(
        "/admin/login/?next=/admin/",
        method="POST",
        body=f"csrfmiddlewaretoken={token}&username=operator&password={PASSWORD}",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}/admin/login/",
        },
    )
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
    assert "X-Cache-Status" not in response.headers  # not through the app's cache
    assert url not in front["app"].log.read_text()  # gunicorn logs every request it sees


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
    assert "guide.E001: DJANGO_SECRET_KEY is not set" in result.stdout + result.stderr
