"""The cramp diary's pages: empty shells that the diary's scripts fill from the phone's storage.

No view here reads or accepts diary data: entries live in the browser's IndexedDB only (see
static/js/diary/store.js). The server gives the words (the answers' labels, in the page's
language) and nothing else.
"""

import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, json_script
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from guide import content

from .styles import DIARY_CSP, WITHOUT_SCRIPT_CSS
from .words import (
    CIRCUMSTANCES,
    DURATIONS,
    HELPS,
    LONG_DURATION,
    MEDICINES,
    MUSCLES,
    SETTINGS,
    SEVERITIES,
    SIDES,
    WARNING_SIGNS,
    labels,
)

# The charts on the diary page, and the doctor's summary ("the last three months").
DIARY_WEEKS = 12
SUMMARY_WEEKS = 13


class _WordsEncoder(DjangoJSONEncoder):
    """JSON with letters as they are: Cyrillic as \\uXXXX escapes would triple its weight."""

    def __init__(self, **options):
        super().__init__(**{**options, "ensure_ascii": False})


def _context(page_name):
    words = labels(page_name)
    return {
        "labels": words,
        "labels_script": json_script(words, "diary-labels", encoder=_WordsEncoder),
        "without_script_css": format_html("<style>{}</style>", mark_safe(WITHOUT_SCRIPT_CSS)),
        "page_name": page_name,
        "settings_choices": SETTINGS,
        "muscles": MUSCLES,
        "sides": SIDES,
        "durations": DURATIONS,
        "circumstances": CIRCUMSTANCES,
        "helps": HELPS,
        "warning_signs": WARNING_SIGNS,
        "medicines": MEDICINES,
        "severity_choices": SEVERITIES,
        "long_duration": LONG_DURATION,
    }


@require_safe
@csp_override(DIARY_CSP)
def diary(request):
    stretches = content.get_page(request.LANGUAGE_CODE, "guide", "stretches")
    return render(
        request,
        "guide/diary/diary.html",
        {**_context("diary"), "stretches": stretches, "weeks": DIARY_WEEKS},
    )


@require_safe
@csp_override(DIARY_CSP)
def log(request):
    red_flags = content.red_flags(request.LANGUAGE_CODE)
    return render(request, "guide/diary/log.html", {**_context("log"), "red_flags": red_flags})


@require_safe
@csp_override(DIARY_CSP)
def doctor(request):
    # The dates as the server sees them today; the script puts the phone's own in their place,
    # and the lines keep their length, so nothing on the page jumps when it does.
    today = timezone.localdate()
    start = today - datetime.timedelta(days=SUMMARY_WEEKS * 7 - 1)
    period = _("From {start} to {end} (the last {weeks} weeks)").format(
        start=date_format(start), end=date_format(today), weeks=SUMMARY_WEEKS
    )
    source = _(
        "Recorded by the patient in the Cramp Aid app on their own phone, not checked by a "
        "health professional. Printed on {date}."
    ).format(date=date_format(today))
    return render(
        request,
        "guide/diary/doctor.html",
        {**_context("doctor"), "weeks": SUMMARY_WEEKS, "period": period, "source": source},
    )
