"""What a language still lacks before Cramp Aid can ship it (`manage.py language_gaps fr`).

Adding a language touches many places: settings, the interface catalogue, every content page,
the numbers table, the date format, the manifest, and the content checks' rules for it. Each
function below looks at one of them and says, in a line a newcomer can act on, what is missing.
The README's "Adding a language" is the procedure; this is its checklist, run by the tests.
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from pwa import views as pwa_views

from . import content
from .content import loader, numbers, phrasing, typography, urgency
from .content.pages import SECTIONS
from .emergency import NUMBERS_FILE

APP_DIR = Path(__file__).resolve().parent
LOCALE = APP_DIR / "locale"
FORMATS = settings.BASE_DIR / "cramps_site" / "formats"
# The manifest's words a shortcut shows (short_name is allowed to match: "SOS" is "SOS").
SHORTCUT_WORDS = ("name",)
# As `make catalogues` extracts them (Makefile: MAKEMESSAGES_OPTIONS).
MAKEMESSAGES = ["makemessages", "--no-location", "--extension", "html,txt,py,json"]


def gaps(language, code_msgids=None):
    """Every gap of `language`, as (part, what is missing), in the order a newcomer fixes them.

    `code_msgids` is the set of strings the code marks for translation; None extracts them
    (a few seconds: see code_strings).
    """
    found = []
    for part, check in [
        ("settings", settings_gaps),
        ("catalogue", lambda language: catalogue_gaps(language, code_msgids)),
        ("content", content_gaps),
        ("numbers", numbers_gaps),
        ("formats", format_gaps),
        ("manifest", manifest_gaps),
        ("checks", rule_gaps),
    ]:
        found += [(part, line) for line in check(language)]
    return found


def settings_gaps(language):
    if language not in dict(settings.LANGUAGES):
        return [f'LANGUAGES lacks it: add ("{language}", <its name in itself>) in settings.py']
    return []


def po_path(language):
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def shown(path):
    """A path as a newcomer types it: from the project's folder."""
    return path.relative_to(settings.BASE_DIR) if path.is_relative_to(settings.BASE_DIR) else path


def catalogue_gaps(language, code_msgids=None):
    po = po_path(language)
    where = shown(po)
    if not po.exists():
        return [f"no {where}: `mkdir -p {where.parent}`, then `make catalogues`, then translate it"]
    text = po.read_text(encoding="utf-8")
    found = []
    if not re.search(r'^"Plural-Forms: nplurals=\d+; plural=', text, re.MULTILINE):
        found.append(f"{where} has no Plural-Forms header (take CLDR's rule for the language)")
    entries = catalogue(text)
    untranslated = [msgid for msgid, (strings, fuzzy) in entries.items() if not all(strings)]
    fuzzy = [msgid for msgid, (strings, is_fuzzy) in entries.items() if is_fuzzy]
    for label, msgids in [("untranslated", untranslated), ("fuzzy (check, then unmark)", fuzzy)]:
        if msgids:
            listed = "; ".join(repr(msgid) for msgid in msgids[:5])
            more = f" and {len(msgids) - 5} more" if len(msgids) > 5 else ""
            found.append(f"{where}: {len(msgids)} {label}: {listed}{more}")
    if code_msgids is None:
        code_msgids = code_strings([language])
    new = sorted(code_msgids - set(entries))
    gone = sorted(set(entries) - code_msgids)
    if new or gone:
        found.append(
            f"{where} is not the code's list ({len(new)} new, {len(gone)} gone): "
            "run `make catalogues`, then translate"
        )
    if not compiled_matches(po):
        found.append(f"{where.with_suffix('.mo')} is not its .po compiled: run `make messages`")
    return found


def compiled_matches(po):
    """Whether the .mo beside a .po is what msgfmt makes of it (no stale words served)."""
    compiled = po.with_suffix(".mo")
    if not compiled.exists():
        return False
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / "fresh.mo"
        subprocess.run(["msgfmt", "-o", fresh, po], check=True, capture_output=True)
        return fresh.read_bytes() == compiled.read_bytes()


def catalogue(text):
    """{msgid: ([its translations], fuzzy)} of a .po file's live entries (not obsolete ones)."""
    entries = {}
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        fields, key = {}, None
        for line in lines:
            if line.startswith(("msgid", "msgstr", "msgctxt")):
                key, _space, rest = line.partition(" ")
                fields[key] = rest[1:-1]
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        msgid = fields.get("msgid", "")
        if msgid:
            strings = [value for name, value in fields.items() if name.startswith("msgstr")]
            fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
            entries[msgid] = (strings, fuzzy)
    return entries


def code_strings(languages):
    """The msgids the code marks for translation, extracted as `make catalogues` does it, into a
    copy of the app (the real catalogues stay as they are)."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "guide"
        shutil.copytree(APP_DIR, copy, ignore=shutil.ignore_patterns("*.mo", "*.po", "__pycache__"))
        for language in languages:
            (copy / "locale" / language / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                settings.BASE_DIR / "manage.py",
                *MAKEMESSAGES,
                *(f"-l{language}" for language in languages),
            ],
            cwd=copy,
            capture_output=True,
            check=True,
        )
        text = (copy / "locale" / languages[0] / "LC_MESSAGES" / "django.po").read_text()
    return set(catalogue(text))


def content_gaps(language):
    """Pages English has and this language has not, then what the content checks find in its
    pages (sources, steps, numbers, wordings, typography)."""
    original = settings.LANGUAGE_CODE
    found = []
    for section in SECTIONS:
        for path in sorted((loader.CONTENT_DIR / section / original).glob("*.md")):
            twin = loader.CONTENT_DIR / section / language / path.name
            if not twin.exists():
                found.append(
                    f"no guide/content/{section}/{language}/{path.name}: translate "
                    f"{section}/{original}/{path.name}"
                )
    if language not in dict(settings.LANGUAGES):
        return found
    mine = re.compile(rf"^(?:(?:{'|'.join(SECTIONS)})/{language}/|{language}: )")
    missing = re.compile(r"exists in one language and not another$")
    found += [
        line
        for line in content.problems() + content.typography_problems()
        if mine.match(line) and not missing.search(line)
    ]
    return found


def numbers_gaps(language):
    """Rows of the numbers table without their name, note or urgent line's name in it."""
    rows = tomllib.loads(NUMBERS_FILE.read_text(encoding="utf-8")).get("countries", [])
    found = []
    for field in ("name", "note", "urgent_name"):
        lacking = [
            row.get("code", "?")
            for row in rows
            if field in row and not str(row[field].get(language, "")).strip()
        ]
        if lacking:
            found.append(
                f"numbers.toml: {len(lacking)} rows lack `{field}` in {language}: "
                + ", ".join(lacking[:12])
                + (" …" if len(lacking) > 12 else "")
            )
    return found


def format_gaps(language):
    path = FORMATS / language / "formats.py"
    where = path.relative_to(settings.BASE_DIR)
    if not path.exists():
        return [f"no {where}: state DATE_FORMAT as the language writes a date"]
    if not hasattr(import_module(f"cramps_site.formats.{language}.formats"), "DATE_FORMAT"):
        return [f"{where} has no DATE_FORMAT"]
    return []


def manifest_gaps(language):
    """The installed app's name, description and shortcuts, where they are still English's."""
    if language not in dict(settings.LANGUAGES):
        return ["the manifest cannot speak it before LANGUAGES does"]

    def manifest(code):
        with translation.override(code):
            request = RequestFactory().get(reverse("guide:manifest"))
            return json.loads(pwa_views.manifest(request).content)

    english, translated = manifest(settings.LANGUAGE_CODE), manifest(language)
    fields = [(key, english[key], translated[key]) for key in ("name", "description")]
    for number, (theirs, mine) in enumerate(
        zip(english["shortcuts"], translated["shortcuts"], strict=True), start=1
    ):
        fields += [(f"shortcut {number} {key}", theirs[key], mine[key]) for key in SHORTCUT_WORDS]
    return [
        f"manifest: {field} is still English, {text!r}"
        for field, text, own in fields
        if own == text
    ]


# The content checks' rules, per language: without them a language's pages go unchecked.
RULES = [
    ("content/numbers.py", "THOUSANDS (how it groups 1,000)", numbers.THOUSANDS),
    ("content/numbers.py", "DECIMAL (how it writes 1.5)", numbers.DECIMAL),
    ("content/typography.py", "SYMBOLS (units kept with their number)", typography.SYMBOLS),
    ("content/typography.py", "WORDS (unit words kept with their number)", typography.WORDS),
    ("content/urgency.py", "CALL_NOW (call at once names the number)", urgency.CALL_NOW),
    ("content/urgency.py", "CHEST_PAIN", urgency.CHEST_PAIN),
    ("content/urgency.py", "TETANUS", urgency.TETANUS),
    ("content/urgency.py", "TETANUS_SYMPTOMS", urgency.TETANUS_SYMPTOMS),
    *(
        ("content/urgency.py", f"ONE_LEVEL_SIGNS, {sign}", patterns)
        for sign, patterns in urgency.ONE_LEVEL_SIGNS.items()
    ),
    (
        "content/urgency.py",
        "FORBIDDEN (wordings the emergency screens must not use)",
        urgency.FORBIDDEN,
    ),
    *(
        ("content/urgency.py", f"RESCUE_NEEDS, {need}", patterns)
        for need, patterns in urgency.RESCUE_NEEDS.items()
    ),
    ("content/urgency.py", "CPR_STOP_RULE (the CPR step says when to stop)", urgency.CPR_STOP_RULE),
    ("content/urgency.py", "TRAINED_CYCLE (30 pushes, then 2 breaths)", urgency.TRAINED_CYCLE),
    ("content/urgency.py", "COUGH (a cough alone goes to the emergency department)", urgency.COUGH),
    ("content/urgency.py", "EMERGENCY_DEPARTMENT", urgency.EMERGENCY_DEPARTMENT),
    (
        "content/phrasing.py",
        "FORBIDDEN (wordings the reviews ruled out; may start empty)",
        phrasing.FORBIDDEN,
    ),
]


def rule_gaps(language):
    return [
        f"{module}: {table} lacks it" for module, table, rules in RULES if language not in rules
    ]
