"""System checks of what the app says and dials: an unusable numbers table, content unfit to
publish. The production configuration's checks are the project's (cramps_site/checks.py)."""

from django.core import checks

from . import content, emergency


@checks.register()
def content_is_publishable(app_configs, **kwargs):
    return [checks.Warning(problem, id="guide.W002") for problem in content.problems()]


@checks.register()
def numbers_table_is_usable(app_configs, **kwargs):
    # A wrong number must stop the app at start, never reach a call button.
    try:
        emergency.load()
    except emergency.NumbersError as error:
        return [checks.Error(str(error), id="guide.E003")]
    return []
