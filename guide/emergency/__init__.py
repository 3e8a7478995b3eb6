"""The emergency-numbers table (numbers.toml beside this): loaded, checked, shaped for pages.

Each country's ambulance number is what the call buttons dial once the user has chosen, or the
device has suggested, that country. Wrong data must stop the app, never reach a phone, so
everything is checked when the file is read and a fault names the file, the row and the field.
"""

import datetime
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

NUMBERS_FILE = Path(__file__).resolve().parent / "numbers.toml"
# What a phone can dial: digits only, at least two (000, 112, 131, 10177, 808242424).
DIALABLE = re.compile(r"\d{2,15}")
COUNTRY_CODE = re.compile(r"[A-Z]{2}")
ALSO_112 = ("yes", "no", "unclear")
CONFIDENCE = ("high", "medium", "low")
# Who answers where the best number is not a medical line's own: the caller is not surprised by
# "Police" and knows to ask for an ambulance. Absent: an ambulance or medical service, or a
# centre for every emergency (112, 911).
REACHES = {
    "police": _("Police, who send an ambulance"),
    "fire": _("Fire brigade, who send an ambulance"),
    "rescue": _("Rescue service, who send an ambulance"),
}
FIELDS = {
    "code",
    "name",
    "ambulance",
    "also_112",
    "water",
    "reaches",
    "urgent",
    "urgent_name",
    "note",
    "confidence",
    "sources",
    "checked",
    "evidence",
    "maintainer_note",
}


class NumbersError(ValueError):
    """The numbers table cannot be used: the message names the file, row and field."""


@dataclass(frozen=True)
class Country:
    code: str
    names: dict
    ambulance: str
    also_112: str
    confidence: str
    sources: tuple
    checked: datetime.date
    water: str = ""
    reaches: str = ""
    urgent: str = ""
    urgent_names: dict | None = None
    notes: dict | None = None

    def name(self, language):
        return self.names[language]

    def reaches_name(self, language):
        if not self.reaches:
            return ""
        with translation.override(language):
            return str(REACHES[self.reaches])

    def reaches_names(self):
        return {language: self.reaches_name(language) for language in languages()}

    def urgent_name(self, language):
        return self.urgent_names[language] if self.urgent_names else ""

    def note(self, language):
        return self.notes[language] if self.notes else ""


def languages():
    return [code for code, _name in settings.LANGUAGES]


def _per_language(row, field, where):
    value = row.get(field)
    if not isinstance(value, dict) or set(value) != set(languages()):
        raise NumbersError(f"{where}: `{field}` needs exactly these languages: {languages()}")
    for language, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise NumbersError(f"{where}: `{field}` is empty in {language!r}")
    return dict(value)


def _number(row, field, where, required=False):
    value = row.get(field, "")
    if not value and not required:
        return ""
    if not isinstance(value, str) or not DIALABLE.fullmatch(value):
        raise NumbersError(f'{where}: `{field}` must be digits only, e.g. "112": {value!r}')
    return value


def parse_row(row, where, today):
    """One [[countries]] table into a Country; raises NumbersError naming what is wrong."""
    unknown = set(row) - FIELDS
    if unknown:
        raise NumbersError(f"{where}: unknown fields {sorted(unknown)}")
    code = row.get("code", "")
    if not isinstance(code, str) or not COUNTRY_CODE.fullmatch(code):
        raise NumbersError(f"{where}: `code` must be two capital letters (ISO 3166-1): {code!r}")
    where = f"{where} ({code})"
    if row.get("also_112") not in ALSO_112:
        raise NumbersError(f"{where}: `also_112` must be one of {ALSO_112}")
    if "reaches" in row and row["reaches"] not in tuple(REACHES):
        raise NumbersError(f"{where}: `reaches` must be one of {tuple(REACHES)}")
    if row.get("confidence") not in CONFIDENCE:
        raise NumbersError(f"{where}: `confidence` must be one of {CONFIDENCE}")
    sources = row.get("sources")
    if not isinstance(sources, list) or not sources:
        raise NumbersError(f"{where}: lists no `sources`")
    for url in sources:
        if not isinstance(url, str) or not re.fullmatch(r"https?://\S+", url):
            raise NumbersError(f"{where}: a source must be a full web address: {url!r}")
    checked = row.get("checked")
    if not isinstance(checked, datetime.date) or isinstance(checked, datetime.datetime):
        raise NumbersError(f"{where}: `checked` must be a date like 2026-11-26")
    if checked > today:
        raise NumbersError(f"{where}: `checked` date {checked} is in the future")
    urgent = _number(row, "urgent", where)
    if urgent and "urgent_name" not in row:
        raise NumbersError(f"{where}: an `urgent` number needs an `urgent_name`")
    if "urgent_name" in row and not urgent:
        raise NumbersError(f"{where}: `urgent_name` without an `urgent` number")
    return Country(
        code=code,
        names=_per_language(row, "name", where),
        ambulance=_number(row, "ambulance", where, required=True),
        also_112=row["also_112"],
        confidence=row["confidence"],
        sources=tuple(sources),
        checked=checked,
        water=_number(row, "water", where),
        reaches=row.get("reaches", ""),
        urgent=urgent,
        urgent_names=_per_language(row, "urgent_name", where) if urgent else None,
        notes=_per_language(row, "note", where) if "note" in row else None,
    )


def latest_date_on_earth():
    """Today where it is latest: UTC+14 (Kiritimati) is the first zone to reach each date.

    A row checked "today" by an editor anywhere is never in the future, whatever the server's
    own time zone; a date that no zone has reached yet still is.
    """
    return (datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=14)).date()


def load(path=NUMBERS_FILE, today=None):
    """Every country of the file, by code; raises NumbersError for anything unusable."""
    today = today or latest_date_on_earth()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise NumbersError(f"{path.name}: not valid TOML: {error}") from error
    rows = data.get("countries")
    if not isinstance(rows, list) or not rows:
        raise NumbersError(f"{path.name}: holds no [[countries]] rows")
    found = {}
    for index, row in enumerate(rows, start=1):
        country = parse_row(row, f"{path.name}, row {index}", today)
        if country.code in found:
            raise NumbersError(f"{path.name}, row {index}: {country.code} is listed twice")
        found[country.code] = country
    return found


@cache
def countries():
    return load(NUMBERS_FILE)  # read when called: a test or a tool may point it elsewhere


def get(code):
    return countries().get(code)


def sort_key(text):
    """Alphabetical in any of our languages: accents and case ignored (so Á sorts with A)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def in_order(language):
    """Every country, sorted by its name in the language."""
    return sorted(countries().values(), key=lambda country: sort_key(country.name(language)))


@cache
def time_zones():
    """Each IANA time zone (and its older names) to its country, from the tzdata package.

    Browsers report the device's zone (Intl's timeZone), sometimes under an older name
    ("Asia/Calcutta", "Europe/Kiev"). zone.tab names the country of each zone; the links in
    tzdata.zi lead older names to the zone that replaced them, which zone1970.tab says may
    serve several countries ("Africa/Asmera" now points at Nairobi's zone): an old name is kept
    only where its new zone belongs to one country. Every country appears, in the table or
    not, so a zone outside the table suggests nothing rather than the language's country.
    """
    zoneinfo = resources.files("tzdata").joinpath("zoneinfo")

    def rows(name):
        text = zoneinfo.joinpath(name).read_text(encoding="utf-8")
        return [line.split("\t") for line in text.splitlines() if line and line[0] != "#"]

    zones = {zone: code for code, _where, zone, *_comment in rows("zone.tab")}
    shared_by = {zone: codes.split(",") for codes, _where, zone, *_comment in rows("zone1970.tab")}
    for line in zoneinfo.joinpath("tzdata.zi").read_text(encoding="utf-8").splitlines():
        if line.startswith("L "):
            _link, target, alias = line.split()
            if alias not in zones and len(shared_by.get(target, ())) == 1:
                zones[alias] = shared_by[target][0]
    return dict(sorted(zones.items()))


def listing(language):
    """Every country as the country page shows it, in the language, sorted by name."""
    return [
        {
            "code": country.code,
            "name": country.name(language),
            "ambulance": country.ambulance,
            "also_112": country.also_112,
            "water": country.water,
            "water_shown": grouped(country.water),
            "reaches": country.reaches,
            "reaches_name": country.reaches_name(language),
            "urgent": country.urgent,
            "urgent_name": country.urgent_name(language),
            "note": country.note(language),
            "confidence": country.confidence,
            "sources": country.sources,
            "checked": country.checked,
        }
        for country in in_order(language)
    ]


def for_worker():
    """The table as the service worker holds it, to suggest and refresh a country offline."""
    table = {}
    for code, country in sorted(countries().items()):
        entry = {"names": country.names, "ambulance": country.ambulance}
        if country.water:
            entry["water"] = country.water
        if country.reaches:
            # The call buttons' label names who answers (app.js), offline and in any language.
            entry["reaches"] = country.reaches
            entry["reachesNames"] = country.reaches_names()
        if country.urgent:
            entry["urgent"] = country.urgent
            entry["urgentNames"] = country.urgent_names
        table[code] = entry
    return table


def grouped(number):
    """A long number as people read it aloud ("900 202 202"); short ones (112, 1441) as they are.

    Only for showing: every tel: link dials the digits. static/js/app.js groups the same way.
    """
    if len(number) < 9 or not number.isdigit():
        return number
    return " ".join(number[start : start + 3] for start in range(0, len(number), 3))
