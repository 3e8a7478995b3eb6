"""Security and cache headers, and a clean `check --deploy` under production settings."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_security_headers_are_present(client):
    response = client.get("/en/now/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "script-src 'self'" in csp
    assert response["Strict-Transport-Security"].startswith("max-age=")
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_inline_stylesheet_is_the_one_the_policy_allows(client):
    import hashlib
    import re
    from base64 import b64encode

    body = client.get("/en/now/").content.decode()
    styles = re.findall(r"<style>(.*?)</style>", body, re.DOTALL)
    assert len(styles) == 1
    digest = b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in client.get("/en/now/")["Content-Security-Policy"]
    assert ' style="' not in body  # an inline style attribute would be blocked


def test_plain_http_is_redirected_to_https():
    from django.test import Client

    response = Client().get("/en/now/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_anonymous_pages_may_be_held_by_a_shared_cache(client):
    response = client.get("/en/now/")
    assert "public" in response["Cache-Control"]
    assert f"max-age={settings.PUBLIC_CACHE_SECONDS}" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_errors_and_admin_are_never_held_by_a_shared_cache(client):
    assert "private" in client.get("/en/no-such-page/")["Cache-Control"]
    admin = client.get("/admin/login/")
    assert "public" not in admin.get("Cache-Control", "")


def test_hashed_static_files_are_immutable(client):
    import re

    body = client.get("/en/now/").content.decode()
    url = re.search(r'src="(/static/js/app\.[0-9a-f]+\.js)"', body)[1]
    response = client.get(url)
    response.close()  # whitenoise streams the file
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]


def test_check_deploy_is_clean_with_production_settings():
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CRAMP_AID_"))
    }
    environment["DJANGO_SECRET_KEY"] = "a-long-random-deployment-key-" + "x9Q" * 20
    environment["DJANGO_ALLOWED_HOSTS"] = "cramp-aid.example"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_no_secret_key_is_set():
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "guide.W001" in result.stdout + result.stderr
