"""System checks of the production configuration (a key, hosts, the public address, retired
switches), and the refusal to serve that the WSGI and ASGI entry points run at start.

Registered by the project's app config (cramps_site/apps.py), as `manage.py check --deploy` and
the entry points need them whichever apps are installed."""

import os

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from guide import checks as guide_checks

# What people paste where a key belongs: Django's development keys, and the README's words.
PLACEHOLDERS = (
    "django-insecure",
    "insecure",
    "changeme",
    "change-me",
    "change_me",
    "replace",
    "secret-key",
    "secret_key",
    "secretkey",
    "your-",
    "your_",
    "example",
    "placeholder",
    "output of",
    "token_urlsafe",
    "<",
)


def weak_secret_key(key):
    """Why this key must not sign sessions and forms in production, or None.

    Django's own rule (security.W009: 50 characters, 5 different ones, not django-insecure-),
    plus placeholders and keys made by repeating a short pattern ("x9Q4x9Q4…"), which are long
    and varied enough for that rule yet guessable. Any random generator's output passes.
    """
    if len(key) < settings.SECRET_KEY_MIN_LENGTH:
        return f"is too short: {settings.SECRET_KEY_MIN_LENGTH} characters or more are needed"
    lowered = key.lower()
    for word in PLACEHOLDERS:
        if word in lowered:
            return f"is a placeholder (it contains {word!r}), not a random key"
    triples = [key[i : i + 3] for i in range(len(key) - 2)]
    if len(set(key)) < 10 or len(set(triples)) < 0.75 * len(triples):
        return "repeats itself: too little variety for a random key"
    return None


def configuration_errors():
    """What makes production serving unsafe; the WSGI app refuses to start on any of them."""
    if not settings.PRODUCTION:
        return []
    errors = []
    if not settings.SECRET_KEY_FROM_ENVIRONMENT:
        errors.append(
            checks.Error(
                "DJANGO_SECRET_KEY is not set: each process would make up its own key, so "
                "admin logins and forms would fail at random between gunicorn workers.",
                hint="Set DJANGO_SECRET_KEY to a long random value, e.g. the output of "
                "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
                id="cramps_site.E001",
            )
        )
    elif weakness := weak_secret_key(settings.SECRET_KEY):
        errors.append(
            checks.Error(
                f"DJANGO_SECRET_KEY {weakness}: anyone who guesses it can sign in as staff.",
                hint="Set DJANGO_SECRET_KEY to the output of "
                "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
                id="cramps_site.E001",
            )
        )
    if not settings.ALLOWED_HOSTS:
        errors.append(
            checks.Error(
                "DJANGO_ALLOWED_HOSTS is empty: every request would be refused with 400.",
                hint="Set DJANGO_ALLOWED_HOSTS to the site's host names, e.g. cramp-aid.example.",
                id="cramps_site.E002",
            )
        )
    if not settings.PUBLIC_BASE_URL.startswith("https://"):
        errors.append(
            checks.Error(
                "CRAMP_AID_PUBLIC_URL is not an https:// address: posters would print whatever "
                "host and port a request named, and a printed poster stays up for years.",
                hint="Set CRAMP_AID_PUBLIC_URL to the site's address, e.g. "
                "https://cramp-aid.example.",
                id="cramps_site.E004",
            )
        )
    return errors


@checks.register(checks.Tags.security, deploy=True)
def production_configuration(app_configs, **kwargs):
    return configuration_errors()


@checks.register(checks.Tags.security, deploy=True)
def no_retired_proxy_switch(app_configs, **kwargs):
    # DJANGO_BEHIND_PROXY=1 trusted forwarding headers from anyone; the proxies are now listed.
    if "DJANGO_BEHIND_PROXY" not in os.environ:
        return []
    return [
        checks.Warning(
            "DJANGO_BEHIND_PROXY is no longer read: forwarding headers count only from the "
            "proxies FORWARDED_ALLOW_IPS lists (default 127.0.0.1,::1, nginx on this machine).",
            hint="Remove DJANGO_BEHIND_PROXY; set FORWARDED_ALLOW_IPS if the proxy runs elsewhere.",
            id="cramps_site.W005",
        )
    ]


def refuse_to_serve_if_misconfigured():
    """Called by the WSGI and ASGI entry points: stop at start, saying what to set or fix.

    Whatever serves the app (gunicorn, an ASGI server, `manage.py runserver`) runs this, so a
    numbers table that fails its checks stops it as `manage.py check` would (guide.E003),
    rather than failing every page that names the worker's version.
    """
    errors = configuration_errors() + guide_checks.numbers_table_is_usable(None)
    if not errors:
        from guide import offline  # the version hashes the table: building it once here proves it

        offline.version()
    if errors:
        lines = [f"{error.id}: {error.msg} {error.hint or ''}".rstrip() for error in errors]
        raise ImproperlyConfigured(
            "Cramp Aid will not serve with this configuration:\n" + "\n".join(lines)
        )
