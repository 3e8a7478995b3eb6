"""System checks: a production configuration that would fail at random, an unusable numbers
table, and content unfit to publish."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from . import content, emergency


def configuration_errors():
    """What makes production serving unsafe; the WSGI app refuses to start on any of them."""
    if not settings.PRODUCTION:
        return []
    errors = []
    key = settings.SECRET_KEY
    if not settings.SECRET_KEY_FROM_ENVIRONMENT:
        errors.append(
            checks.Error(
                "DJANGO_SECRET_KEY is not set: each process would make up its own key, so "
                "admin logins and forms would fail at random between gunicorn workers.",
                hint="Set DJANGO_SECRET_KEY to a long random value, e.g. the output of "
                "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
                id="guide.E001",
            )
        )
    elif len(key) < settings.SECRET_KEY_MIN_LENGTH or len(set(key)) < 5:
        errors.append(
            checks.Error(
                f"DJANGO_SECRET_KEY is too short: {settings.SECRET_KEY_MIN_LENGTH} characters "
                "or more, not all the same, are needed to sign sessions safely.",
                hint="Set DJANGO_SECRET_KEY to a long random value (see README, Deploying).",
                id="guide.E001",
            )
        )
    if not settings.ALLOWED_HOSTS:
        errors.append(
            checks.Error(
                "DJANGO_ALLOWED_HOSTS is empty: every request would be refused with 400.",
                hint="Set DJANGO_ALLOWED_HOSTS to the site's host names, e.g. cramp-aid.example.",
                id="guide.E002",
            )
        )
    return errors


@checks.register(checks.Tags.security, deploy=True)
def production_configuration(app_configs, **kwargs):
    return configuration_errors()


@checks.register()
def content_is_publishable(app_configs, **kwargs):
    return [checks.Warning(problem, id="guide.W002") for problem in content.problems()]


def refuse_to_serve_if_misconfigured():
    """Called by the WSGI and ASGI entry points: stop at start, saying what to set or fix.

    Whatever serves the app (gunicorn, an ASGI server, `manage.py runserver`) runs this, so a
    numbers table that fails its checks stops it as `manage.py check` would (guide.E003),
    rather than failing every page that names the worker's version.
    """
    errors = configuration_errors() + numbers_table_is_usable(None)
    if not errors:
        from . import offline  # the version hashes the table: building it once here proves it

        offline.version()
    if errors:
        lines = [f"{error.id}: {error.msg} {error.hint or ''}".rstrip() for error in errors]
        raise ImproperlyConfigured(
            "Cramp Aid will not serve with this configuration:\n" + "\n".join(lines)
        )


@checks.register()
def numbers_table_is_usable(app_configs, **kwargs):
    # A wrong number must stop the app at start, never reach a call button.
    try:
        emergency.load()
    except emergency.NumbersError as error:
        return [checks.Error(str(error), id="guide.E003")]
    return []
