"""Template context every page needs: the emergency number and the app's languages."""

from django.conf import settings


def site(request):
    return {
        "emergency_number": settings.EMERGENCY_NUMBER,
        "theme_color": settings.PWA_APP_THEME_COLOR,
    }
