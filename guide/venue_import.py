"""Venues in bulk from a CSV file, for `manage.py import_venues` and the admin's upload.

The header row names the columns (README, "Venues in bulk"). All or nothing: every row is
checked first, every bad row is reported with its line and reason, and only a file without one
is written, in one transaction. A slug already in the organisation updates that venue; a slug
of a venue that is not the organisation's is refused, never taken over. Files come from
spreadsheets: UTF-8 with or without a byte-order mark, commas or semicolons (as Spanish and
Russian spreadsheets write them).
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .admin import COUNTRY_REQUIRED, PHONE_FIELDS, TYPED_SEPARATORS
from .models import Venue

COLUMNS = (
    "slug",
    "name",
    "kind",
    "language",
    "address",
    "country",
    "emergency_number",
    "lifeguard_phone",
    "lifeguards",
    "lifeguard_hours",
    "first_aid_point",
    "defibrillator",
    "published",
)
# Where the country's clocks differ (Spain's Canaries, Russia, Mexico): the venue's zone.
EXTRA_COLUMNS = ("time_zone",)
# May be left out of the header: blank for every venue (published: no).
OPTIONAL_COLUMNS = ("address", "emergency_number", "lifeguard_phone", "published", "time_zone")
# In each of the app's languages: a spreadsheet in Portuguese or French says sim / oui.
YES = {"1", "yes", "y", "true", "да", "sí", "si", "sim", "oui"}
NO = {"", "0", "no", "n", "false", "нет", "não", "nao", "non"}
# The admin's upload (the command reads any size): about 30,000 venues.
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
# Slugs looked up per query: well under SQLite's limit on a statement's parameters.
LOOKUP_BATCH = 900
WRITE_BATCH = 500
FIELDS = (*COLUMNS, *EXTRA_COLUMNS)
# What a row does not say: whose venue it is (the import's organisation), its reports, its time.
NOT_IN_THE_FILE = ["organisation", "conditions", "updated"]


@dataclass
class Problem:
    line: int
    message: str

    def __str__(self):
        return _("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class Result:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    written: bool = False

    def summary(self):
        return _("%(created)d new, %(updated)d updated, %(unchanged)d unchanged venues.") % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }


class FileProblem(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def decode(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = _("the file is not UTF-8 text: save it as “CSV UTF-8” and try again.")
        raise FileProblem([Problem(line, message)]) from None


def separator(header_line):
    # Column names hold neither character: whichever the header has more of separates them.
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_rows(data):
    """(line, {column: value}) for every row that is not blank; FileProblem for the header."""
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise FileProblem([Problem(1, _("the first line must name the columns."))])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(first_line))
    header = [name.strip().lower() for name in next(reader)]
    check_header(header)
    rows, last_line = [], reader.line_num
    try:
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            rows.append((line, header, [cell.strip() for cell in cells]))
    except csv.Error as error:
        raise FileProblem([Problem(reader.line_num, str(error))]) from None
    return rows


def check_header(header):
    problems = []
    known = {*COLUMNS, *EXTRA_COLUMNS}
    for name in header:
        if name not in known:
            problems.append(
                _("unknown column “%(name)s”: the columns are %(columns)s.")
                % {"name": name, "columns": ", ".join([*COLUMNS, *EXTRA_COLUMNS])}
            )
        elif header.count(name) > 1:
            problems.append(_("the column “%(name)s” is named twice.") % {"name": name})
    missing = [name for name in COLUMNS if name not in header and name not in OPTIONAL_COLUMNS]
    if missing:
        lacking = _("the header lacks the columns %(names)s.")
        problems.append(lacking % {"names": ", ".join(missing)})
    if problems:
        raise FileProblem([Problem(1, message) for message in dict.fromkeys(problems)])


def _published(value):
    value = value.lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError(value)


def row_values(header, cells):
    """The row as the venue's field values, or a list of problems with its shape."""
    if len(cells) != len(header):
        return None, [
            _("%(cells)d cells where the header has %(columns)d columns.")
            % {"cells": len(cells), "columns": len(header)}
        ]
    row = dict(zip(header, cells, strict=True))
    for name in ("kind", "language"):
        if name in row:
            row[name] = row[name].lower()
    if "country" in row:
        row["country"] = row["country"].upper()
    for name in PHONE_FIELDS:  # typed as people type them: "+34 612-345-678"
        if name in row:
            row[name] = TYPED_SEPARATORS.sub("", row[name])
    if "published" in row:
        try:
            row["published"] = _published(row["published"])
        except ValueError as error:
            return None, [
                _("published: “%(value)s” is neither yes nor no.") % {"value": error.args[0]}
            ]
    return row, []


def checked(row, venue):
    """The venue with the row's values, checked as the admin checks one (the model's field
    validators and clean()), and whether anything changed; or the problems found.

    An optional column the file leaves out keeps what an existing venue has: a file without
    "published" never takes a venue down.
    """
    target = venue if venue is not None else Venue()
    before = {name: getattr(target, name) for name in FIELDS}
    for name, value in row.items():
        setattr(target, name, value)
    try:
        target.full_clean(exclude=NOT_IN_THE_FILE, validate_unique=False)
    except ValidationError as error:
        problems = []
        for name, errors in error.error_dict.items():
            where = "" if name == NON_FIELD_ERRORS else f"{name}: "
            problems += [where + _message(name, error) for error in errors]
        return None, False, problems
    return target, before != {name: getattr(target, name) for name in FIELDS}, []


def _message(name, error):
    if name == "country" and error.code == "blank":
        return str(COUNTRY_REQUIRED)  # as the admin says it
    return " ".join(error.messages)


def import_venues(data, organisation, user=None, dry_run=False):
    """Checks every row of the CSV `data` (bytes), then writes them all, or none.

    Returns a Result: the slugs created, updated and unchanged, and every problem found.
    """
    result = Result()
    try:
        rows = read_rows(data)
    except FileProblem as error:
        result.problems = error.problems
        return result
    slugs = [dict(zip(header, cells, strict=False)).get("slug", "") for _l, header, cells in rows]
    existing = {}
    for start in range(0, len(slugs), LOOKUP_BATCH):
        batch = Venue.objects.filter(slug__in=slugs[start : start + LOOKUP_BATCH])
        existing.update((venue.slug, venue) for venue in batch)
    seen = {}
    new, changed = [], []
    for line, header, cells in rows:
        row, problems = row_values(header, cells)
        if row is None:
            result.problems += [Problem(line, message) for message in problems]
            continue
        slug = row.get("slug", "")
        venue = existing.get(slug)
        if slug in seen:
            message = _("the slug “%(slug)s” is on line %(line)d already.")
            result.problems.append(Problem(line, message % {"slug": slug, "line": seen[slug]}))
            continue
        seen[slug] = line
        if venue is not None and venue.organisation_id != organisation.pk:
            message = _(
                "slug: “%(slug)s” is already the address of a venue that is not this "
                "organisation's; choose another."
            )
            result.problems.append(Problem(line, message % {"slug": slug}))
            continue
        venue_checked, differs, problems = checked(row, venue)
        if problems:
            result.problems += [Problem(line, message) for message in problems]
        elif venue is None:
            result.created.append(slug)
            new.append(venue_checked)
        elif differs:
            result.updated.append(slug)
            changed.append(venue_checked)
        else:
            result.unchanged.append(slug)
    if result.problems or dry_run:
        return result
    with transaction.atomic():
        for venue in new:
            venue.organisation = organisation
        # Who imported them is kept with every change of their numbers, as the admin keeps
        # who saved a venue (models.VenueNumberChange); a command has nobody signed in.
        Venue.objects.bulk_create(new, batch_size=WRITE_BATCH, changed_by=user)
        for venue in changed:
            venue.changed_by = user
            venue.save()
    result.written = True
    return result
