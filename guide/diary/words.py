"""The diary's words: the answers an entry can hold (stored value, label), the fields an import
names, and the sentences each page's scripts put together, in the page's language."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The answers a diary entry can hold: (stored value, label). Stored values are English words
# that never change: exports, imports and older entries depend on them.
SETTINGS = [("land", _("On land")), ("water", _("In the water"))]
MUSCLES = [
    ("calf", _("Calf")),
    ("foot", _("Foot")),
    ("thigh-front", _("Front of the thigh")),
    ("thigh-back", _("Back of the thigh")),
    ("other", pgettext_lazy("muscle", "Other")),
]
SIDES = [("left", _("Left")), ("right", _("Right")), ("both", _("Both"))]
DURATIONS = [
    ("under-1", _("Under a minute")),
    ("1-5", _("1 to 5 minutes")),
    ("5-10", _("5 to 10 minutes")),
    ("over-10", _("Over 10 minutes")),
]
# A cramp this long may not be a cramp: the form shows "Get help now" at once.
LONG_DURATION = "over-10"
CIRCUMSTANCES = [
    ("night", _("At night in bed")),
    ("exercise", _("During exercise")),
    ("water", _("In the water")),
    ("rest", _("At rest")),
]
# What helped: the emergency screens' steps, as choices.
HELPS = [
    ("stretch", _("Stretching the muscle")),
    ("foot-flat", _("Pressing the foot flat")),
    ("massage", _("Rubbing the muscle")),
    ("warmth-cold", _("Warmth or a cold pack")),
    ("walk-heels", _("Walking on my heels")),
    ("float", _("Floating on my back")),
    ("hold-on", _("Holding on to something")),
    ("get-out", _("Getting out of the water")),
    ("nothing", _("Nothing helped")),
]
# Red-flag answers (the red flags in guide/content/now/*/red-flags.md, as the person with the
# cramp notices them). Any of them shows "Get help now" at once.
WARNING_SIGNS = [
    ("pain-stays", _("The pain stayed after the cramp should have passed")),
    ("swollen", _("One leg swollen, warm, red or darker, or painful to touch")),
    ("breathless", _("Short of breath, or chest pain")),
    ("weak-numb", _("The leg suddenly weak or numb")),
    ("cold-pale", _("The leg cold, pale or blue")),
    ("wound-poison", _("After a dirty wound or contact with a poison")),
    # Added in December 2026 (clinical review m24): possible tetanus, and muscle breakdown.
    ("stiff-jaw", _("A stiff jaw, trouble swallowing, or spasms after a wound")),
    ("dark-urine", _("Brown urine, the colour of tea or cola")),
]
# Medicines linked to cramps, as the causes page names them.
MEDICINES = [
    ("diuretic", _("Diuretic (water tablet)")),
    ("statin", _("Statin (for cholesterol)")),
    ("asthma", _("Asthma medicine")),
    ("blood-pressure", _("Another blood-pressure medicine")),
    ("hormone", _("Hormone medicine")),
    ("other", pgettext_lazy("medicine", "Another medicine")),
]
SEVERITIES = [(value, value) for value in range(11)]
# The fields of an entry and of the context, named when an import or a stored record has one
# the diary cannot read (static/js/diary/entry.js names them so).
FIELDS = [
    ("entry", pgettext_lazy("diary field", "the entry as a whole")),
    ("id", pgettext_lazy("diary field", "identifier")),
    ("at", pgettext_lazy("diary field", "date and time")),
    ("setting", pgettext_lazy("diary field", "place")),
    ("muscle", pgettext_lazy("diary field", "muscle")),
    ("side", pgettext_lazy("diary field", "leg")),
    ("duration", pgettext_lazy("diary field", "length")),
    ("severity", pgettext_lazy("diary field", "pain score")),
    ("circumstance", pgettext_lazy("diary field", "when it happened")),
    ("helped", pgettext_lazy("diary field", "what helped")),
    ("warnings", pgettext_lazy("diary field", "warning signs")),
    ("note", pgettext_lazy("diary field", "note")),
    ("updated", pgettext_lazy("diary field", "time of the last change")),
    ("context", pgettext_lazy("diary field", "the answers as a whole")),
    ("pregnant", pgettext_lazy("diary field", "pregnancy answer")),
    ("pregnancy", pgettext_lazy("diary field", "week of pregnancy")),
    ("medicines", pgettext_lazy("diary field", "medicines")),
    ("doctorSeen", pgettext_lazy("diary field", "doctor answer")),
]


# The sentences each page's scripts put together (the diary page uses them all): the pages
# that need fewer send fewer words (tests/test_diary.py checks these against the scripts).
PAGE_TEXT = {
    "log": {"saved", "saveFailed", "storageFull", "noStorage"},
    "doctor": {
        *("weekChart", "noCramps", "muscleChart", "hourChart", "medicineMark", "none"),
        "usualMuscleSide",
        *("pregnancyWeek", "pregnancyOld", "notPregnant", "started", "noContext"),
        *("doctorSeen", "doctorNotSeen", "noStorage"),
    },
}


def labels(page_name="diary"):
    """The labels a page's scripts show, by kind and stored value (sent as JSON)."""
    words = _labels()
    if page_name in PAGE_TEXT:
        words["text"] = {k: v for k, v in words["text"].items() if k in PAGE_TEXT[page_name]}
        del words["field"]  # only the diary page imports files and lists what it cannot read
    return words


def _labels():
    return {
        "setting": dict(SETTINGS),
        "muscle": dict(MUSCLES),
        "side": dict(SIDES),
        "duration": dict(DURATIONS),
        "circumstance": dict(CIRCUMSTANCES),
        "helped": dict(HELPS),
        "warning": dict(WARNING_SIGNS),
        "medicine": dict(MEDICINES),
        "field": dict(FIELDS),
        "longDuration": LONG_DURATION,
        # Words the scripts put together; {name} marks a value they fill in.
        "text": {
            "severity": _("{value} out of 10"),
            "pregnancyWeek": _("Pregnant, week {week} today"),
            "pregnancyOld": _("Pregnant (week {week} given on {date}: please update)"),
            "notPregnant": _("Not pregnant"),
            "started": _("started {date}"),
            "doctorSeen": _("Has seen a doctor about the cramps"),
            "doctorNotSeen": _("Has not seen a doctor about the cramps yet"),
            "noContext": _("Not answered yet."),
            "helpedList": _("Helped: {list}"),
            "warningList": _("Warning signs: {list}"),
            # Between warning signs, which hold commas of their own. A sentence's punctuation
            # belongs to its language: French puts a no-break space before ";" and ":".
            "warningSeparator": pgettext_lazy("between warning signs", "; "),
            "delete": _("Delete"),
            "deleteOne": _("Delete the cramp of {date}?"),
            "deleteOneLabel": _("Delete the cramp of {date}"),
            "edit": _("Change"),
            "editLabel": _("Change the cramp of {date}"),
            "saved": _("Saved on this phone."),
            "deleted": _("Deleted."),
            "allDeleted": _("Everything is deleted. The diary is empty."),
            "saveFailed": _(
                "Not saved: this phone's storage refused it ({reason}). Free some space "
                "and try again. Your answers are still in the form."
            ),
            "storageFull": _("it is full"),
            "noStorage": _(
                "This browser cannot keep the diary (in a private window, storage may be "
                "switched off). Nothing can be saved here."
            ),
            "imported": _("Imported: {added} new, {updated} updated, {same} already here."),
            "importMalformed": _(
                "This file is not a Cramp Aid diary, or it is damaged. Nothing was changed."
            ),
            "importEntry": _(
                "Not imported: cramp {number} in this file ({name}) cannot be read ({field}). "
                "Nothing was changed."
            ),
            "importContext": _(
                "Not imported: the answers about you in this file cannot be read ({field}). "
                "Nothing was changed."
            ),
            "importTooLarge": _(
                "Not imported: this file is larger than {size} MB, far more than a diary "
                "holds. Nothing was changed."
            ),
            "damagedTitle": _("An entry that cannot be read"),
            "damaged": _(
                "{name} cannot be read ({field}), so the pattern and the doctor's summary "
                "leave it out."
            ),
            "deleteDamaged": _("Delete the entry that cannot be read ({name})?"),
            "deleteDamagedLabel": _("Delete the entry that cannot be read: {name}"),
            "contextDamaged": _(
                "The answers saved about you cannot be read. Answer the questions again to "
                "replace them."
            ),
            "importNewer": _(
                "This file comes from a newer version of Cramp Aid. Update the app, then "
                "import it again. Nothing was changed."
            ),
            "weekChart": _(
                "Cramps in the last {weeks} weeks: {total}. Most in one week: {most}, in "
                "the week from {date}."
            ),
            "noCramps": _("No cramps logged in the last {weeks} weeks."),
            "muscleChart": _("Cramps by muscle: {list}."),
            "hourChart": _(
                "Cramps between {from} and {to}: {night} of {total}. Most in one hour: "
                "{most}, from {hour}."
            ),
            "medicineMark": _("{medicine} started {date}"),
            # The doctor's sheet: "Calf (4 of 5); left: 3 of 4".
            "usualMuscleSide": _("{muscle}; {side}: {share}"),
            "none": _("None"),
        },
    }
