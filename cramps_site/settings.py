"""Cramp Aid's one settings module: every variable comes from the environment (see README)."""

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


def env_networks(name, default):
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item))  # strict, as gunicorn reads it
        except ValueError:
            # "*" too: trusting every sender is what let anyone claim any address.
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not an address or network; list the proxies in front, "
                "e.g. 127.0.0.1,::1,10.0.0.0/24"
            ) from None
    return networks


LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# Off unless asked for: a forgotten variable must never show tracebacks to the public.
DEBUG = env_bool("DJANGO_DEBUG", False)

# DJANGO_HTTPS=0 is for plain-http local serving (`make run`); never in production.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
# Production: what the public reaches. Serving refuses to start if it is misconfigured here
# (cramps_site/wsgi.py, cramps_site/checks.py): better no site than one that fails at random.
PRODUCTION = HTTPS and not DEBUG

# Without a key, each process makes its own: fine on a laptop, so `make run` needs no setup.
# In production a missing or short key stops the app at start (cramps_site.E001).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50)
SECRET_KEY_FROM_ENVIRONMENT = bool(os.environ.get("DJANGO_SECRET_KEY"))
# Django's own bar for a key (security.W009): 50 characters, 5 different ones.
SECRET_KEY_MIN_LENGTH = 50

# In production an empty list is an error at start (cramps_site.E002), not a 400 on every request.
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else LOCAL_HOSTS)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# What the call buttons dial before the phone knows its country, and with JavaScript off
# (README, "Which number the call buttons dial"); each country's own is in guide/emergency/.
EMERGENCY_NUMBER = os.environ.get("CRAMP_AID_EMERGENCY_NUMBER", "112")
# The address printed in posters' QR codes, e.g. https://cramp-aid.example (default: the host
# the poster was opened on).
PUBLIC_BASE_URL = os.environ.get("CRAMP_AID_PUBLIC_URL", "")
# A release name (e.g. a git commit): any change gives installed apps a new worker version.
RELEASE = os.environ.get("CRAMP_AID_RELEASE", "")

INSTALLED_APPS = [
    # With DJANGO_DEBUG=1 too, whitenoise serves /static/: the sources, and what only
    # collectstatic makes (the pages' joined stylesheet, guide/stylesheets.py) from STATIC_ROOT.
    "whitenoise.runserver_nostatic",
    # Django's admin, asking staff for a second factor (guide/admin_site.py).
    "guide.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",  # throttles admin logins (see "Admin login attempts" below)
    # The second factor: authenticator apps (TOTP) and one-time recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "guide",  # before pwa: our manifest.json and offline.html templates replace its own
    "pwa",
    # The project's own plumbing: its system checks of the production configuration.
    "cramps_site.apps.SiteConfig",
]

MIDDLEWARE = [
    # Before anything reads the client's address or scheme (the WSGI front does it already).
    "cramps_site.proxies.middleware",
    # Then: load balancers probe over plain http with their own Host header.
    "cramps_site.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Directly after SecurityMiddleware, as whitenoise's documentation says: static files
    # leave before any other middleware touches them (no second compression of PNGs).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages the same for everyone, served from memory once rendered (cramps_site/page_cache.py).
    "cramps_site.page_cache.PageCacheMiddleware",
    # Outside SessionMiddleware so it sees the session's `Vary: Cookie` (and any cookie set).
    "cramps_site.headers.PublicCacheMiddleware",
    # Pages compressed by the app itself: the emergency screen must arrive in one round trip.
    # Padded against BREACH only where the body can hold a secret (cramps_site/headers.py).
    "cramps_site.headers.Compression",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with the second factor too.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The service worker keeps only this version's answers (guide/offline.py).
    "guide.offline.version_header",
    # Last, as django-axes asks: answers a locked-out login with 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cramps_site.urls"
WSGI_APPLICATION = "cramps_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guide.context.site",
            ],
        },
    },
]

# DATABASE_URL picks the database, e.g. postgres://cramp-aid@localhost/cramp-aid (psycopg 3).
# Without it, SQLite: WAL lets readers go on while a venue is saved, and a writer waits up to
# 10 s for the lock instead of failing at once ("database is locked").
SQLITE_PATH = os.environ.get("DJANGO_DATABASE_PATH", str(BASE_DIR / "db.sqlite3"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{SQLITE_PATH}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].update(CONN_MAX_AGE=0, CONN_HEALTH_CHECKS=False)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 10,
    }

# The admin's address: a less obvious one keeps password-guessing bots off (README).
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin").strip("/") + "/"

# Staff sign-in (README, "Security"). django-axes keeps the counts in the database, which every
# worker and server shares: five failures for one user name from one address (IPv6: its /64)
# lock that pair out for 15 minutes, answered 429; a success clears the pair's count.
# Five failures for one user name within an hour, from any addresses together, and that name
# signs in only from a known place (cramps_site/admin_login.py) until an hour passes without one.
AUTHENTICATION_BACKENDS = [
    "cramps_site.admin_login.ThrottledLogins",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cramps_site.admin_login.client_address"
# Every failure kept with its time: the per-name limit counts them (AccessFailureLog).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
SIGN_IN_NAME_FAILURE_LIMIT = 5
SIGN_IN_NAME_WINDOW = timedelta(hours=1)
# Where a name signed in with both factors within this time is a known place.
SIGN_IN_KNOWN_PLACE_AGE = timedelta(days=90)
# The second factor's issuer, as authenticator apps list it.
OTP_TOTP_ISSUER = "Cramp Aid"
# Staff sessions last a working shift, not Django's two weeks (only staff have sessions).
SESSION_COOKIE_AGE = 8 * 60 * 60

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: URL-prefixed (/en/…). Adding one: README, "Adding a language".
LANGUAGE_CODE = "en"
# Each name is written in its own language, as the switcher shows it.
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("es", "Español"),
    ("pt", "Português"),
    ("fr", "Français"),
]
# The app's catalogues live in guide/locale, found as the app's own. cramps_site/locale holds
# only corrections to Django's own catalogues (Portuguese month names take no capital), which
# LOCALE_PATHS puts before Django's.
LOCALE_PATHS = [BASE_DIR / "cramps_site" / "locale"]
USE_I18N = True
# How each language writes a date («26 ноября 2026»): cramps_site/formats/<language>/formats.py.
FORMAT_MODULE_PATH = "cramps_site.formats"
USE_TZ = True
TIME_ZONE = "UTC"

# Static files: hashed names and compressed copies made by collectstatic, served by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "cramps_site.storage.StaticFilesStorage"},
}

# Security (HTTPS is read at the top).
SECURE_SSL_REDIRECT = HTTPS
# Load balancers check /healthz over plain http (cramps_site/health.py answers before the redirect;
# this keeps the rule true if the middleware order ever changes).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 63072000 if HTTPS else 0
# Both pin more than this site for two years: opt in on purpose (README, Deploying).
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = HTTPS and env_bool("DJANGO_HSTS_PRELOAD", False)
# check --deploy suggests both; leaving them off is the documented default, not an oversight.
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
# The proxies in front (nginx on this machine by default): their X-Forwarded-For and
# X-Forwarded-Proto say who the client is and whether it used HTTPS; anyone else's are dropped
# (cramps_site/proxies.py). One list for the app and for gunicorn, which reads the same variable.
TRUSTED_PROXIES = env_networks("FORWARDED_ALLOW_IPS", ["127.0.0.1", "::1"])
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Requests larger than this are answered 400 rather than read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000

# Pages link one stylesheet from this origin and carry no inline style. The emergency screens
# inline theirs (nothing render-blocking in their 14 KB) and allow its hash in a policy of their
# own (guide/views.py); the diary its no-JavaScript rule (guide/diary/styles.py).
# See guide/stylesheets.py.
# No page runs an inline script but the screens someone calls from, whose policies allow the
# first paint's few lines by their hash (guide/first_paint.py).
SECURE_CSP = {
    # Workers, manifests and fetches fall back to default-src: the app's own origin.
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), screen-wake-lock=(self)"
)
# Anonymous pages may be held this long by a shared cache or CDN (see cramps_site/headers.py).
PUBLIC_CACHE_SECONDS = int(os.environ.get("CRAMP_AID_PUBLIC_CACHE_SECONDS", "600"))
# Venue pages and posters only this long: an operator unpublishes or corrects a venue when what
# it says is wrong, and nginx's cache or a CDN must let go of the old page within a minute.
VENUE_CACHE_SECONDS = int(os.environ.get("CRAMP_AID_VENUE_CACHE_SECONDS", "60"))

# Logs go to standard output, one line per event (journald or the container keeps them):
# a server error is one line with its path and where it failed (cramps_site/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"()": "cramps_site.logs.OneLineFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# django-pwa: read once at import. The manifest template (guide/templates/manifest.json)
# translates the name and builds language-prefixed URLs; these are the shared parts.
PWA_APP_NAME = "Cramp Aid"
PWA_APP_THEME_COLOR = "#0b3d91"
PWA_APP_BACKGROUND_COLOR = "#ffffff"
PWA_APP_DISPLAY = "standalone"
PWA_APP_ORIENTATION = "portrait"
# Icons are listed in the manifest template with their hashed static URLs.
PWA_APP_SPLASH_SCREEN = []
