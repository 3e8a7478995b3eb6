"""Cramp Aid's one settings module: every variable comes from the environment (see README)."""

import hashlib
import os
import secrets
from base64 import b64encode
from pathlib import Path

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


# Off unless asked for: a forgotten variable must never show tracebacks to the public.
DEBUG = env_bool("DJANGO_DEBUG", False)

# Without a key, each process makes its own: fine on a laptop, so `make run` needs no setup;
# a deployment sets one, and `check --deploy` says so if it did not (guide.W001).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50)
SECRET_KEY_FROM_ENVIRONMENT = bool(os.environ.get("DJANGO_SECRET_KEY"))

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# The number the call buttons dial unless a venue page gives its own. 112 works across the EU
# and from most mobile phones elsewhere.
EMERGENCY_NUMBER = os.environ.get("CRAMP_AID_EMERGENCY_NUMBER", "112")
# The address printed in posters' QR codes, e.g. https://cramp-aid.example (default: the host
# the poster was opened on).
PUBLIC_BASE_URL = os.environ.get("CRAMP_AID_PUBLIC_URL", "")
# A release name (e.g. a git commit): any change gives installed apps a new worker version.
RELEASE = os.environ.get("CRAMP_AID_RELEASE", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "guide",  # before pwa: our manifest.json and offline.html templates replace its own
    "pwa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Right after security, as whitenoise's docs say: static files are compressed ahead of time
    # and need no page policy (a CSP header costs ~400 bytes on each emergency-screen script).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed by the app itself: the emergency screen must arrive in one round trip.
    # Django pads gzip output against BREACH, and public pages carry no secrets anyway.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "guide.headers.PublicCacheMiddleware",
    "guide.offline.version_header",  # the service worker keeps only this version's answers
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

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DJANGO_DATABASE_PATH", str(BASE_DIR / "db.sqlite3")),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: URL-prefixed (/en/…). Adding one: README, "Adding a language".
LANGUAGE_CODE = "en"
# Each name is written in its own language, as the switcher shows it.
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("es", "Español")]
# Catalogues live in guide/locale, found as the app's own (no LOCALE_PATHS needed).
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# Static files: hashed names and compressed copies made by collectstatic, served by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}

# Security. DJANGO_HTTPS=0 is for plain-http local serving (`make run`); never in production.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 63072000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", HTTPS)
if env_bool("DJANGO_BEHIND_PROXY", False):
    # Only behind a proxy that sets this header itself (see README, "Deploying").
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Requests larger than this are answered 400 rather than read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000

# Every page inlines the one stylesheet (nothing render-blocking), so its hash is allowed.
INLINE_CSS_PATH = BASE_DIR / "static" / "css" / "app.css"
INLINE_CSS_HASH = (
    "sha256-" + b64encode(hashlib.sha256(INLINE_CSS_PATH.read_bytes()).digest()).decode()
)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, f"'{INLINE_CSS_HASH}'"],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "worker-src": [CSP.SELF],
    "font-src": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), screen-wake-lock=(self)"
)
# Anonymous pages may be held this long by a shared cache or CDN (see guide/headers.py).
PUBLIC_CACHE_SECONDS = int(os.environ.get("CRAMP_AID_PUBLIC_CACHE_SECONDS", "600"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
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
