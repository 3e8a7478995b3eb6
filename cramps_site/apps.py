"""The project as an app, so that its own system checks are registered like any app's."""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "cramps_site"
    verbose_name = "Cramp Aid site"

    def ready(self):
        from . import checks  # noqa: F401  (registers the production configuration's checks)
