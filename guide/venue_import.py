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

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _

from .admin import TYPED_SEPARATORS
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
YES = {"1", "yes", "y", "true", "да", "sí", "si"}
NO = {"", "0", "no", "n", "false", "нет"}
# The admin's upload (the command reads any size): about 30,000 venues.
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
# Slugs looked up per query: well under SQLite's limit on a statement's parameters.
LOOKUP_BATCH = 900


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


class ImportForm(forms.ModelForm):
    """One row, checked as the admin checks a venue (the model's validators and clean())."""

    class Meta:
        model = Venue
        fields = [*COLUMNS, *EXTRA_COLUMNS]

    def clean_emergency_number(self):
        return TYPED_SEPARATORS.sub("", self.cleaned_data["emergency_number"])

    def clean_lifeguard_phone(self):
        return TYPED_SEPARATORS.sub("", self.cleaned_data["lifeguard_phone"])

    def validate_unique(self):
        # Slugs are checked for the whole file at once (one query per LOOKUP_BATCH rows).
        pass


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


def form_data(header, cells, venue):
    """The row as the form reads it, or a list of problems with its shape.

    An optional column the file leaves out keeps what an existing venue has: a file without
    "published" never takes a venue down.
    """
    if len(cells) != len(header):
        return None, [
            _("%(cells)d cells where the header has %(columns)d columns.")
            % {"cells": len(cells), "columns": len(header)}
        ]
    row = dict(zip(header, cells, strict=True))
    for name in OPTIONAL_COLUMNS:
        if name not in row and venue is not None:
            value = getattr(venue, name)
            row[name] = ("yes" if value else "no") if name == "published" else value
    for name in ("kind", "language"):
        if name in row:
            row[name] = row[name].lower()
    if "country" in row:
        row["country"] = row["country"].upper()
    try:
        published = _published(row.pop("published", ""))
    except ValueError as error:
        return None, [_("published: “%(value)s” is neither yes nor no.") % {"value": error.args[0]}]
    if published:
        row["published"] = "on"  # a ticked box, as the admin's form sends it
    return row, []


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
    forms_to_save = []
    for line, header, cells in rows:
        slug = dict(zip(header, cells, strict=False)).get("slug", "")
        venue = existing.get(slug)
        data_row, problems = form_data(header, cells, venue)
        if data_row is None:
            result.problems += [Problem(line, message) for message in problems]
            continue
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
        form = ImportForm(data_row, instance=venue)
        if not form.is_valid():
            for name, errors in form.errors.items():
                for error in errors:
                    where = "" if name == "__all__" else f"{name}: "
                    result.problems.append(Problem(line, where + error))
            continue
        if venue is None:
            result.created.append(slug)
        elif form.has_changed():
            result.updated.append(slug)
        else:
            result.unchanged.append(slug)
            continue
        forms_to_save.append(form)
    if result.problems or dry_run:
        return result
    with transaction.atomic():
        for form in forms_to_save:
            venue = form.save(commit=False)
            venue.organisation = organisation
            venue.changed_by = user  # kept with any change of its numbers (models.py)
            venue.save()
    result.written = True
    return result
