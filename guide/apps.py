"""The guide app: emergency screens, guide pages, the water pack, venues and offline support."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class GuideConfig(AppConfig):
    name = "guide"
    verbose_name = "Cramp Aid"
    default = True  # this module holds two configurations

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)


class StaffAdminConfig(admin_apps.AdminConfig):
    """In INSTALLED_APPS in place of django.contrib.admin: its site asks staff for a second
    factor (guide/admin_site.py)."""

    default = False
    default_site = "guide.admin_site.StaffAdminSite"
