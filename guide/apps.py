"""The guide app: emergency screens, guide pages, the water pack, venues and offline support."""

from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "guide"
    verbose_name = "Cramp Aid"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
