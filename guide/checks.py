"""System checks: a missing secret key, an unusable numbers table, content unfit to publish."""

from django.conf import settings
from django.core import checks

from . import content, emergency


@checks.register(checks.Tags.security, deploy=True)
def secret_key_from_environment(app_configs, **kwargs):
    if settings.SECRET_KEY_FROM_ENVIRONMENT:
        return []
    return [
        checks.Warning(
            "DJANGO_SECRET_KEY is not set: each process makes up its own key, so sessions and "
            "admin logins break across restarts and between gunicorn workers.",
            hint="Set DJANGO_SECRET_KEY to a long random value (see README, Deploying).",
            id="guide.W001",
        )
    ]


@checks.register()
def content_is_publishable(app_configs, **kwargs):
    return [checks.Warning(problem, id="guide.W002") for problem in content.problems()]


@checks.register()
def numbers_table_is_usable(app_configs, **kwargs):
    # A wrong number must stop the app at start, never reach a call button.
    try:
        emergency.load()
    except emergency.NumbersError as error:
        return [checks.Error(str(error), id="guide.E001")]
    return []
