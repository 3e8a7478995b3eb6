"""Security and cache headers, and a production configuration that fails safe."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from staff import sign_in

pytestmark = pytest.mark.django_db
# Made once with secrets.token_urlsafe(50), as the README says (a constant: the same tests in
# every run and every pytest-xdist worker).
GOOD_KEY = "97vGCAnVouGB2UmNk4O2vI6ciW86rjXpp_YK-q3l6omVrddTdIRC8oGvjUyyBX0K0dE"
PUBLIC_URL = "https://cramp-aid.example"


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


@pytest.mark.parametrize(
    ("path", "inline"),
    [
        ("/en/now/", True),
        ("/ru/now/water/", True),
        ("/es/now/help-someone/", True),
        ("/en/offline/", True),
        ("/offline/", True),
        ("/en/venues/test-pool/", True),
        ("/es/", False),
        ("/en/guide/causes/", False),
        ("/en/venues/test-pool/poster/", False),
        ("/en/diary/log/", False),
        ("/en/nowhere/", False),
    ],
)
def test_the_inline_script_is_the_one_the_policy_allows_and_the_only_one(
    client, venue, path, inline
):
    # Only the screens someone calls from run it (guide/calling.html), and only their policies
    # allow it: on every other page an injected copy would not run either.
    import hashlib
    import re
    from base64 import b64encode

    from guide import first_paint

    response = client.get(path)
    body = response.content.decode()
    # Data blocks (type="application/json") never run; every other script without src does.
    scripts = re.findall(r"<script(?![^>]*\b(?:src|type)=)[^>]*>(.*?)</script>", body, re.DOTALL)
    assert scripts == ([first_paint.SCRIPT] if inline else [])
    digest = b64encode(hashlib.sha256(first_paint.SCRIPT.encode()).digest()).decode()
    directives = response["Content-Security-Policy"].split(";")
    policy = dict(part.strip().split(" ", 1) for part in directives)
    assert policy["script-src"] == (f"'self' 'sha256-{digest}'" if inline else "'self'")
    assert not re.search(r"<[a-z][^>]*\son[a-z]+=", body)  # an inline handler would be blocked


def test_no_page_inlines_the_comments_of_its_stylesheets(client, sitemap_paths):
    # Comments stay in static/css, where they explain the rules: in a page they are bytes (and
    # English words) on every visit. The diary's pages inline diary.css too.
    import re

    for path in sitemap_paths:
        body = client.get(path).content.decode()
        for style in re.findall(r"<style>(.*?)</style>", body, re.DOTALL):
            assert "/*" not in style, path


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


@pytest.mark.django_db
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
    environment["DJANGO_SECRET_KEY"] = GOOD_KEY
    environment["DJANGO_ALLOWED_HOSTS"] = "cramp-aid.example"
    environment["CRAMP_AID_PUBLIC_URL"] = PUBLIC_URL
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


def production_settings(**environment):
    """Settings as a fresh process reads them from this environment (no DJANGO_ or CRAMP_AID_)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CRAMP_AID_"))}
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps({'hsts': [settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "settings.SECURE_HSTS_PRELOAD], 'hosts': settings.ALLOWED_HOSTS}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "cramps_site.settings", **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def start_the_app(**environment):
    """Imports the WSGI application as gunicorn does; returns what it printed on failure."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CRAMP_AID_"))}
    return subprocess.run(
        [sys.executable, "-c", "import cramps_site.wsgi"],
        cwd=settings.BASE_DIR,
        env={**clean, **environment},
        capture_output=True,
        text=True,
        check=False,
    )


PRODUCTION = {"DJANGO_ALLOWED_HOSTS": "cramp-aid.example", "CRAMP_AID_PUBLIC_URL": PUBLIC_URL}


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        (PRODUCTION, "DJANGO_SECRET_KEY is not set"),
        ({**PRODUCTION, "DJANGO_SECRET_KEY": "short-key"}, "DJANGO_SECRET_KEY is too short"),
        # What Django's own check (security.W009) flags: its development keys, low variety.
        (
            {**PRODUCTION, "DJANGO_SECRET_KEY": "django-insecure-" + GOOD_KEY},
            "DJANGO_SECRET_KEY is a placeholder (it contains 'django-insecure')",
        ),
        ({**PRODUCTION, "DJANGO_SECRET_KEY": "ab" * 30}, "DJANGO_SECRET_KEY repeats itself"),
        # And what people paste: a placeholder, the README's line, a repeated pattern.
        ({**PRODUCTION, "DJANGO_SECRET_KEY": "changeme-" * 7}, "is a placeholder"),
        (
            {
                **PRODUCTION,
                "DJANGO_SECRET_KEY": "<the output of: python3 -c 'import secrets; "
                "print(secrets.token_urlsafe(50))'>",
            },
            "is a placeholder",
        ),
        ({**PRODUCTION, "DJANGO_SECRET_KEY": "a-key-" + "x9Q4" * 12}, "repeats itself"),
        (
            {"DJANGO_SECRET_KEY": GOOD_KEY, "CRAMP_AID_PUBLIC_URL": PUBLIC_URL},
            "ALLOWED_HOSTS is empty",
        ),
        (
            {**PRODUCTION, "DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": " , "},
            "ALLOWED_HOSTS",
        ),
        # Posters print the public address: never the host and port a request named.
        (
            {"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "cramp-aid.example"},
            "CRAMP_AID_PUBLIC_URL is not an https:// address",
        ),
        (
            {
                **PRODUCTION,
                "DJANGO_SECRET_KEY": GOOD_KEY,
                "CRAMP_AID_PUBLIC_URL": "http://x.example",
            },
            "CRAMP_AID_PUBLIC_URL",
        ),
    ],
)
def test_production_refuses_to_start_when_misconfigured(environment, message):
    result = start_the_app(**environment)
    assert result.returncode != 0
    assert "Cramp Aid will not serve with this configuration" in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        GOOD_KEY,
        # As `openssl rand -hex 32` makes them: sixteen different characters only.
        "07d1ca59e14b719506ed60cb57de4754247a31d1d2b8941e31f5c140a43edf33",
        "correct-horse-battery-staple-mountain-river-sunrise-lake-violin",
    ],
)
def test_production_starts_with_a_random_key_hosts_and_address(key):
    result = start_the_app(**PRODUCTION, DJANGO_SECRET_KEY=key)
    assert result.returncode == 0, result.stderr


def test_the_app_starts_locally_with_none_of_them():
    local = start_the_app(DJANGO_HTTPS="0")  # what `make run` does
    assert local.returncode == 0, local.stderr


def test_check_deploy_reports_the_same_errors():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "cramps_site.E001" in result.stderr
    assert "cramps_site.E002" in result.stderr


def test_hsts_pins_subdomains_and_preload_only_when_asked():
    assert production_settings()["hsts"] == [False, False]
    asked = production_settings(DJANGO_HSTS_INCLUDE_SUBDOMAINS="1", DJANGO_HSTS_PRELOAD="1")
    assert asked["hsts"] == [True, True]
    assert production_settings(DJANGO_HTTPS="0", DJANGO_HSTS_PRELOAD="1")["hsts"] == [
        False,
        False,
    ]


def test_hsts_header_by_default_covers_this_host_only(client):
    assert client.get("/en/now/")["Strict-Transport-Security"] == "max-age=63072000"


@pytest.mark.django_db
def test_a_signed_in_staff_preview_is_private(client):
    from django.contrib.auth.models import User

    from guide.models import Venue

    Venue.objects.create(
        slug="draft-pool", name="Draft Pool", kind="pool", emergency_number="112",
        lifeguards="Chair", lifeguard_hours="All day", first_aid_point="Desk",
        defibrillator="Desk", published=False,
    )  # fmt: skip
    # A superuser: staff preview only their own organisation's venues (tests/test_operators.py).
    staff = User.objects.create_superuser("staff", "staff@example.com", "x7" * 10)
    sign_in(client, staff, "x7" * 10)
    response = client.get("/en/venues/draft-pool/")
    assert response.status_code == 200
    assert "Cookie" in response["Vary"]
    assert response["Cache-Control"] == "private, no-cache"


def test_the_manifests_are_revalidated_on_every_use(client):
    for path in ("/en/manifest.json", "/es/manifest.json"):
        cache_control = client.get(path)["Cache-Control"]
        assert "no-cache" in cache_control
        assert "max-age=0" in cache_control


@pytest.mark.parametrize("path", ["/manifest.json", "/offline/"])
def test_root_pages_in_the_visitors_language_are_private(client, path):
    response = client.get(path, headers={"accept-language": "es"})
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}


def test_the_apps_scripts_never_turn_text_into_html_or_code():
    # Why the policy adds no Trusted Types (README, "Security"): with `script-src 'self'` and no
    # inline script but first-paint.js (by its hash, on the screens someone calls from), an
    # injection needs a sink that parses text, and the app's scripts have none; they build
    # every element with createElement and textContent.
    sinks = re.compile(
        r"\.(innerHTML|outerHTML)\s*\+?=|insertAdjacentHTML|document\.write|\beval\s*\("
        r"|new\s+Function\s*\(|set(Timeout|Interval)\s*\(\s*[\"'`]|createContextualFragment"
    )
    scripts = sorted((settings.BASE_DIR / "static" / "js").rglob("*.js"))
    assert len(scripts) > 10
    for script in scripts:
        found = sinks.search(script.read_text(encoding="utf-8"))
        assert found is None, f"{script.name}: {found and found.group()}"
