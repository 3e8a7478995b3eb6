"""`manage.py import_venues`: venues in bulk from a spreadsheet's CSV, all or nothing."""

# ruff: noqa: RUF001 (Russian venues are meant to hold Cyrillic letters)

import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from organisations import make_venue

from guide.models import Organisation, Venue, VenueNumberChange

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[1] / "README.md"
HEADER = (
    "slug,name,kind,language,address,country,emergency_number,lifeguard_phone,lifeguards,"
    "lifeguard_hours,first_aid_point,defibrillator,published"
)
POOL = (
    "north-lido,North Lido,pool,en,1 Quay Walk,GB,999,+44 1632 960 123,Chair,7:00 to 20:00,"
    "Reception,Reception wall,yes"
)
BEACH = "west-sands,West Sands,beach,en,,GB,,,Hut,10:00 to 18:00,Hut,Hut wall,no"


@pytest.fixture
def organisation():
    return Organisation.objects.create(name="Porthaven Council")


def run(tmp_path, text, *options, organisation="Porthaven Council", encoding="utf-8"):
    """Runs the command on a file holding `text`; returns (stdout, stderr)."""
    path = tmp_path / "venues.csv"
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "import_venues",
            str(path),
            "--organisation",
            organisation,
            *options,
            stdout=out,
            stderr=err,
        )
    except CommandError as error:
        raise CommandError(f"{error}\n{err.getvalue()}") from None
    return out.getvalue(), err.getvalue()


def test_the_readme_example_file_imports(tmp_path, organisation):
    text = README.read_text(encoding="utf-8")
    example = re.search(r"```csv\n(.*?)```", text, re.S)[1]
    out, _err = run(tmp_path, example)
    assert "3 new, 0 updated, 0 unchanged" in out
    assert Venue.objects.filter(organisation=organisation).count() == 3


def test_a_file_imports_into_the_organisation_with_numbers_as_digits(tmp_path, organisation):
    out, _err = run(tmp_path, f"{HEADER}\n{POOL}\n{BEACH}\n")
    assert "Imported into 'Porthaven Council': 2 new, 0 updated, 0 unchanged venues." in out
    pool = Venue.objects.get(slug="north-lido")
    assert (pool.organisation, pool.published, pool.lifeguard_phone) == (
        organisation,
        True,
        "+441632960123",
    )
    assert not Venue.objects.get(slug="west-sands").published


def test_importing_again_updates_by_slug_and_duplicates_nothing(tmp_path, organisation):
    run(tmp_path, f"{HEADER}\n{POOL}\n{BEACH}\n")
    changed = POOL.replace("North Lido", "North Lido and Spa")
    out, _err = run(tmp_path, f"{HEADER}\n{changed}\n{BEACH}\n")
    assert "0 new, 1 updated, 1 unchanged" in out
    assert Venue.objects.count() == 2
    assert Venue.objects.get(slug="north-lido").name == "North Lido and Spa"


def test_one_bad_row_imports_nothing_and_every_bad_row_is_named(tmp_path, organisation):
    make_venue("north-lido", organisation, name="Before", language="en", country="GB", time_zone="")
    text = "\n".join(
        [
            HEADER,
            POOL,  # good, and would update "Before"
            "bad-kind,Bad Kind,cove,en,,GB,999,,Chair,7-20,Desk,Wall,yes",
            BEACH,  # good
            "bad-number,Bad Number,pool,en,,GB,call us,0123,Chair,7-20,Desk,Wall,yes",
            "no-name,,pool,en,,GB,999,,Chair,7-20,Desk,Wall,yes",
            "saved,Reserved,pool,en,,GB,999,,Chair,7-20,Desk,Wall,yes",
            "short,Short,pool,en",
        ]
    )
    with pytest.raises(CommandError) as failure:
        run(tmp_path, text)
    message = str(failure.value)
    assert "problem(s) in" in message
    assert "nothing was imported" in message
    for expected in (
        "line 3: kind: Value 'cove' is not a valid choice.",
        "line 5: emergency_number: Enter a short emergency number",
        "line 5: lifeguard_phone: Enter the number in international format",
        "line 6: name: This field cannot be blank.",
        "line 7: slug: “saved” is reserved",
        "line 8: 4 cells where the header has 13 columns.",
    ):
        assert expected in message, expected
    assert "line 2:" not in message
    assert "line 4:" not in message
    assert Venue.objects.get(slug="north-lido").name == "Before"
    assert not Venue.objects.filter(slug="west-sands").exists()


def test_a_dry_run_reports_and_writes_nothing(tmp_path, organisation):
    out, _err = run(tmp_path, f"{HEADER}\n{POOL}\n{BEACH}\n", "--dry-run")
    assert "Dry run, nothing written: 2 new, 0 updated, 0 unchanged venues." in out
    assert not Venue.objects.exists()
    with pytest.raises(CommandError, match="line 2: kind"):
        run(tmp_path, f"{HEADER}\n{POOL.replace('pool', 'pond')}\n", "--dry-run")


@pytest.mark.parametrize(
    ("separator", "bom", "newline"),
    [(",", False, "\n"), (";", False, "\r\n"), (";", True, "\r\n"), (",", True, "\n")],
)
def test_spreadsheets_files_with_a_bom_semicolons_or_windows_lines(
    tmp_path, organisation, separator, bom, newline
):
    # A Spanish or Russian spreadsheet writes semicolons; Excel's "CSV UTF-8" starts with a BOM.
    header = HEADER.replace(",", separator) + f"{separator}time_zone"
    rows = [
        POOL.replace(",", separator) + separator,
        separator.join(
            [
                "ozero",
                '"Озеро «Тихое»; пляж"',
                "lake",
                "ru",
                "",
                "RU",
                "112",
                "",
                '"Вышка, у входа"',
                "10-19",
                "Медпункт",
                "Медпункт",
                "да",
                "Europe/Moscow",
            ]
        ),
    ]
    text = newline.join([header, *rows]) + newline
    data = ("\ufeff" if bom else "") + text
    out, _err = run(tmp_path, data)
    assert "2 new" in out
    lake = Venue.objects.get(slug="ozero")
    assert (lake.name, lake.lifeguards, lake.published, lake.time_zone) == (
        "Озеро «Тихое»; пляж",
        "Вышка, у входа",
        True,
        "Europe/Moscow",
    )


def test_a_file_that_is_not_utf8_is_refused_with_its_line(tmp_path, organisation):
    text = f"{HEADER}\n{POOL}\nmar,Mar Menor,beach,es,,ES,112,,Torre,11-19,Rampa,Puesto,sí\n"
    with pytest.raises(CommandError, match=r"line 3: the file is not UTF-8 text"):
        run(tmp_path, text, encoding="cp1252")
    assert not Venue.objects.exists()


def test_a_slug_of_another_organisation_is_refused_not_taken_over(tmp_path, organisation):
    other = Organisation.objects.create(name="Rival Beaches")
    make_venue("north-lido", other, name="Theirs", language="en", country="GB", time_zone="")
    make_venue("west-sands", None, name="Nobody's", language="en", country="GB", time_zone="")
    with pytest.raises(CommandError) as failure:
        run(tmp_path, f"{HEADER}\n{POOL}\n{BEACH}\n")
    message = str(failure.value)
    for line, slug in ((2, "north-lido"), (3, "west-sands")):
        assert (
            f"line {line}: slug: “{slug}” is already the address of a venue that is not" in message
        )
    assert "Rival Beaches" not in message
    assert Venue.objects.get(slug="north-lido").organisation == other
    assert Venue.objects.get(slug="north-lido").name == "Theirs"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (HEADER.replace("address", "adress"), "line 1: unknown column “adress”"),
        (HEADER.replace("name,", ""), "line 1: the header lacks the columns name."),
        (HEADER + ",slug", "line 1: the column “slug” is named twice."),
        ("", "line 1: the first line must name the columns."),
    ],
)
def test_a_bad_header_is_named(tmp_path, organisation, header, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run(tmp_path, f"{header}\n{POOL}\n")
    assert not Venue.objects.exists()


def test_a_slug_twice_in_one_file_is_refused(tmp_path, organisation):
    with pytest.raises(
        CommandError, match=re.escape("line 3: the slug “north-lido” is on line 2 already.")
    ):
        run(tmp_path, f"{HEADER}\n{POOL}\n{POOL}\n")


def test_optional_columns_left_out_keep_what_a_venue_has(tmp_path, organisation):
    run(tmp_path, f"{HEADER}\n{POOL}\n")
    short_header = (
        "slug,name,kind,language,country,lifeguards,lifeguard_hours,first_aid_point,defibrillator"
    )
    out, _err = run(
        tmp_path,
        f"{short_header}\nnorth-lido,North Lido,pool,en,GB,Two chairs,7-20,Reception,Wall\n",
    )
    assert "1 updated" in out
    pool = Venue.objects.get(slug="north-lido")
    assert pool.published
    assert pool.lifeguard_phone == "+441632960123"
    assert pool.lifeguards == "Two chairs"


def test_a_country_whose_clocks_differ_needs_the_time_zone_column(tmp_path, organisation):
    spanish = "mar,Mar,beach,es,,ES,112,,Torre,11-19,Rampa,Puesto,sí"
    with pytest.raises(
        CommandError, match=r"line 2: time_zone: .*Europe/Madrid, Africa/Ceuta, Atlantic/Canary"
    ):
        run(tmp_path, f"{HEADER}\n{spanish}\n")
    _out, _err = run(tmp_path, f"{HEADER},time_zone\n{spanish},Atlantic/Canary\n")
    assert Venue.objects.get(slug="mar").time_zone == "Atlantic/Canary"
    with pytest.raises(
        CommandError, match="line 2: time_zone: Europe/Moscow is not a time zone of"
    ):
        run(tmp_path, f"{HEADER},time_zone\n{spanish},Europe/Moscow\n")


def test_an_unknown_organisation_is_refused_not_created(tmp_path):
    with pytest.raises(CommandError, match="no organisation named 'Porthaven Counsil'"):
        run(tmp_path, f"{HEADER}\n{POOL}\n", organisation="Porthaven Counsil")
    assert not Organisation.objects.exists()
    assert not Venue.objects.exists()


def test_a_quoted_cell_over_several_lines_keeps_the_line_numbers_true(tmp_path, organisation):
    multi = (
        'north-lido,North Lido,pool,en,"1 Quay Walk\nPorthaven",GB,999,,Chair,7-20,Desk,Wall,yes'
    )
    bad = "west-sands,West Sands,cove,en,,GB,999,,Hut,10-18,Hut,Wall,no"
    with pytest.raises(CommandError, match="line 4: kind"):
        run(tmp_path, f"{HEADER}\n{multi}\n{bad}\n")


def number_changes(slug):
    return [
        (change.field, change.old, change.new, change.changed_by_name)
        for change in VenueNumberChange.objects.filter(venue__slug=slug).order_by("pk")
    ]


def test_a_row_without_a_country_is_refused_as_the_admin_refuses_it(tmp_path, organisation):
    # The main call button dials the country's number: a venue cannot be without one.
    lake = "still-lake,Still Lake,lake,en,,,+44 1632 960 555,,Shore,9:00 to 17:00,Hut,Hut wall,yes"
    with pytest.raises(CommandError) as failure:
        run(tmp_path, f"{HEADER}\n{lake}\n")
    assert "line 2: country: Give the venue's country: the call buttons dial its number." in (
        str(failure.value)
    )
    assert not Venue.objects.exists()


def test_an_import_keeps_every_change_of_the_numbers_it_makes(tmp_path, organisation):
    run(tmp_path, f"{HEADER}\n{POOL}\n", "--dry-run")
    assert not VenueNumberChange.objects.exists()  # a dry run writes nothing, records included
    run(tmp_path, f"{HEADER}\n{POOL}\n{BEACH}\n")
    # From the command line nobody is signed in: the record says so with an empty name.
    assert number_changes("north-lido") == [
        ("country", "", "GB", ""),
        ("emergency_number", "", "999", ""),
        ("lifeguard_phone", "", "+441632960123", ""),
    ]
    assert number_changes("west-sands") == [("country", "", "GB", "")]
    lake_line = POOL.replace("GB,999,+44 1632 960 123", "GB,+44 1632 960 555,")
    run(tmp_path, f"{HEADER}\n{lake_line}\n{BEACH}\n")
    assert number_changes("north-lido")[3:] == [
        ("emergency_number", "999", "+441632960555", ""),
        ("lifeguard_phone", "+441632960123", "", ""),
    ]
    assert len(number_changes("west-sands")) == 1  # unchanged: nothing more kept


@pytest.mark.parametrize(("word", "published"), [("sim", True), ("oui", True), ("não", False)])
def test_published_is_read_in_portuguese_and_french_too(tmp_path, organisation, word, published):
    pool = POOL.rsplit(",", 1)[0] + f",{word}"  # the last column is `published`
    run(tmp_path, f"{HEADER}\n{pool}\n")
    assert Venue.objects.get(slug="north-lido").published is published
