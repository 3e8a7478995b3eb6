"""The emergency-numbers table: what it holds, and the bad data it refuses when it is read."""

import datetime
import re
import tomllib

import pytest

from guide import emergency

TODAY = datetime.date(2026, 11, 26)
GOOD_ROW = """
[[countries]]
code = "CL"
name = { en = "Chile", ru = "Чили", es = "Chile", pt = "Chile", fr = "Chili" }
ambulance = "131"
also_112 = "unclear"
water = "137"
confidence = "high"
sources = ["https://example.org/chile"]
checked = 2026-11-26
"""


def load_text(tmp_path, text):
    path = tmp_path / "numbers.toml"
    path.write_text(text, encoding="utf-8")
    return emergency.load(path, today=TODAY)


def test_the_published_table_loads_and_covers_the_apps_countries():
    countries = emergency.countries()
    # Every country where one of the app's languages is official that the research could
    # source, the EU, and the main holiday destinations.
    english = {"GB", "IE", "US", "CA", "AU", "NZ", "IN", "ZA", "MT", "SG", "JM", "KE", "NG"}
    russian_or_spanish = {"RU", "BY", "KZ", "KG", "ES", "MX", "AR", "CL", "CO", "PE", "VE", "CU"}
    eu = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IT"}
    eu |= {"LV", "LT", "LU", "NL", "PL", "PT", "RO", "SK", "SI", "SE"}
    holidays = {"TR", "EG", "TH", "AE", "MA", "ID", "MV", "VN", "TN", "HR", "ME", "LK"}
    # Portuguese and French (issue 19): the rows a seen source could give. Not yet: Mozambique
    # (free lines promised for 2026), Mali, Madagascar, Guinea-Bissau, São Tomé, Timor-Leste.
    portuguese_or_french = {"BR", "PT", "AO", "CV", "FR", "BE", "CH", "LU", "MC", "CA"}
    portuguese_or_french |= {"SN", "CI", "CM", "BJ", "TG", "BF", "GN"}
    missing = (english | russian_or_spanish | eu | holidays | portuguese_or_french) - set(countries)
    assert missing == set()


@pytest.mark.parametrize(
    ("code", "ambulance"),
    [
        ("GB", "999"),
        ("US", "911"),
        ("MX", "911"),
        ("CL", "131"),
        ("CO", "123"),
        ("RU", "103"),
        # December sources review: Paraguay's ministry says 141 works from any mobile.
        ("PY", "141"),
        # Issue 19: the SAMU and the firefighters in Brazil, INEM behind 112 in Portugal, the
        # SAMU in France and Senegal, Switzerland's and Québec's numbers.
        ("BR", "192"),
        ("PT", "112"),
        ("FR", "15"),
        ("CH", "144"),
        ("BE", "112"),
        ("CA", "911"),
        ("SN", "1515"),
    ],
)
def test_the_numbers_the_reviews_named_are_the_tables(code, ambulance):
    assert emergency.get(code).ambulance == ambulance


def test_the_uk_urgent_line_says_it_does_not_serve_northern_ireland():
    # NHS 111 answers in England, Scotland (NHS 24) and Wales; Northern Ireland has no 111.
    uk = emergency.get("GB")
    assert uk.urgent == "111"
    assert "Wales" in uk.urgent_name("en")
    assert "Уэльс" in uk.urgent_name("ru")
    assert "Northern Ireland" in uk.note("en")
    assert "Irlanda del Norte" in uk.note("es")


def test_every_row_cites_a_source_it_was_checked_against():
    for country in emergency.countries().values():
        assert country.sources
        assert all(url.startswith(("https://", "http://")) for url in country.sources)
        assert country.checked <= datetime.date.today()


def test_the_file_holds_each_country_once_in_code_order():
    data = tomllib.loads(emergency.NUMBERS_FILE.read_text(encoding="utf-8"))
    codes = [row["code"] for row in data["countries"]]
    assert codes == sorted(set(codes))


def test_a_good_row_loads(tmp_path):
    chile = load_text(tmp_path, GOOD_ROW)["CL"]
    assert (chile.ambulance, chile.water, chile.name("ru")) == ("131", "137", "Чили")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('ambulance = "131"', 'ambulance = "13I"', "`ambulance` must be digits only"),
        ('ambulance = "131"', 'ambulance = "+56 131"', "`ambulance` must be digits only"),
        ('water = "137"', 'water = "one-three-seven"', "`water` must be digits only"),
        ('sources = ["https://example.org/chile"]', "sources = []", "lists no `sources`"),
        ('sources = ["https://example.org/chile"]', 'sources = ["chile.gov"]', "full web address"),
        (', fr = "Chili" }', " }", "`name` needs exactly these languages"),
        ('ru = "Чили"', 'ru = ""', "`name` is empty in 'ru'"),
        ('code = "CL"', 'code = "chile"', "`code` must be two capital letters"),
        ('also_112 = "unclear"', 'also_112 = "maybe"', "`also_112` must be one of"),
        ("checked = 2026-11-26", "checked = 2027-01-01", "is in the future"),
        ("checked = 2026-11-26", 'checked = "yesterday"', "`checked` must be a date"),
        ('water = "137"', 'urgent = "111"', "needs an `urgent_name`"),
        ('water = "137"', 'fax = "137"', "unknown fields ['fax']"),
        ('water = "137"', 'reaches = "army"', "`reaches` must be one of"),
        ('water = "137"', 'reaches = "Police"', "`reaches` must be one of"),
    ],
)
def test_bad_data_is_refused_naming_the_file_row_and_country(tmp_path, old, new, message):
    assert old in GOOD_ROW
    second = GOOD_ROW.replace(old, new, 1).replace('code = "CL"', 'code = "AR"')
    with pytest.raises(emergency.NumbersError) as error:
        load_text(tmp_path, GOOD_ROW + second)
    assert message in str(error.value)
    assert "numbers.toml, row 2" in str(error.value)


def test_a_number_that_reaches_the_police_or_the_fire_brigade_says_so(tmp_path):
    police = GOOD_ROW.replace('water = "137"', 'reaches = "police"')
    chile = load_text(tmp_path, police)["CL"]
    assert chile.reaches == "police"
    assert chile.reaches_name("en") == "Police, who send an ambulance"
    assert chile.reaches_name("ru") == "Полиция (вызовет скорую)"
    assert chile.reaches_name("es") == "Policía, que envía una ambulancia"
    assert chile.reaches_name("pt") == "Polícia, que envia uma ambulância"
    assert chile.reaches_name("fr") == "Police, qui envoie une ambulance"
    # Absent: the number reaches a medical or ambulance service, and nothing is said.
    assert load_text(tmp_path, GOOD_ROW)["CL"].reaches == ""


@pytest.mark.parametrize(
    ("code", "reaches"),
    [("BO", "police"), ("PE", "fire"), ("AM", "police"), ("NI", "police"), ("GD", "police")],
)
def test_the_rows_whose_number_reaches_the_police_or_firefighters_say_so(code, reaches):
    assert emergency.get(code).reaches == reaches


def test_rows_whose_number_is_a_medical_line_say_nothing_about_who_answers():
    for code in ("GB", "CL", "RU", "PY", "JP", "US"):
        assert emergency.get(code).reaches == ""


def test_a_duplicate_country_is_refused(tmp_path):
    with pytest.raises(emergency.NumbersError, match=r"row 2: CL is listed twice"):
        load_text(tmp_path, GOOD_ROW + GOOD_ROW)


@pytest.mark.parametrize(
    ("zone", "code"),
    [
        ("Europe/London", "GB"),
        ("America/Santiago", "CL"),
        ("Pacific/Easter", "CL"),
        ("America/New_York", "US"),
        ("Europe/Moscow", "RU"),
        ("Asia/Calcutta", "IN"),  # the older name Chromium may report
        ("Europe/Kiev", "UA"),
        ("America/Buenos_Aires", "AR"),
    ],
)
def test_time_zones_lead_to_their_country(zone, code):
    assert emergency.time_zones()[zone] == code


def test_an_old_zone_name_that_now_serves_several_countries_suggests_none():
    # Africa/Asmera (Eritrea) now links to Nairobi's zone, shared by ten countries.
    zones = emergency.time_zones()
    assert "Africa/Asmera" not in zones
    assert zones["Africa/Nairobi"] == "KE"
    assert "UTC" not in zones


def test_the_worker_gets_every_country_with_its_names_and_numbers():
    table = emergency.for_worker()
    assert set(table) == set(emergency.countries())
    assert table["GB"]["urgent"] == "111"
    assert table["CL"]["water"] == "137"
    # Who answers travels with the entry, named in every language, like the urgent line's name.
    assert table["BO"]["reaches"] == "police"
    assert table["BO"]["reachesNames"]["es"] == "Policía, que envía una ambulancia"
    assert table["PE"]["reachesNames"]["en"] == "Fire brigade, who send an ambulance"
    assert "reaches" not in table["CL"]
    assert "reachesNames" not in table["CL"]
    for entry in table.values():
        assert set(entry["names"]) == {"en", "ru", "es", "pt", "fr"}
        assert re.fullmatch(r"\d{2,15}", entry["ambulance"])


def test_countries_are_listed_in_each_languages_alphabetical_order():
    names = [row["name"] for row in emergency.listing("es")]
    assert names.index("Alemania") < names.index("Austria") < names.index("Chile")
    assert names.index("Ecuador") < names.index("España") < names.index("Estados Unidos")
    ru = [row["name"] for row in emergency.listing("ru")]
    assert ru == sorted(ru, key=emergency.sort_key)


def test_the_urgent_and_sea_lines_issue_19_names():
    # Portugal's SNS 24, Québec's (and most provinces') 811, Belgium's on-call GP; Brazil's
    # firefighters for a drowning, France's CROSS at sea.
    assert emergency.get("PT").urgent == "808242424"
    assert emergency.get("CA").urgent == "811"
    assert emergency.get("BE").urgent == "1733"
    assert (emergency.get("BR").water, emergency.get("FR").water) == ("193", "196")
    assert "116\u00a0117" in emergency.get("FR").note("fr")
    assert "SNS 24" in emergency.get("PT").urgent_name("pt")


@pytest.mark.parametrize("language", ["pt", "fr"])
def test_the_tables_words_keep_their_numbers_and_french_spaces_its_punctuation(language):
    from guide.content import typography

    texts = []
    for country in emergency.countries().values():
        texts += [country.name(language), country.note(language), country.urgent_name(language)]
    loose = [words for text in texts for _line, words in typography.loose_spaces(text, language)]
    assert loose == []
    if language == "fr":
        assert [w for text in texts for _line, w in typography.french_punctuation(text)] == []


def test_a_long_sea_rescue_number_is_shown_in_groups_and_dialled_as_digits(client):
    # Spain's Salvamento Marítimo, 900 202 202: nine digits in a row are hard to read aloud to
    # someone, or to check against a sign on the beach.
    assert emergency.grouped("900202202") == "900 202 202"
    assert emergency.grouped("1441") == "1441"
    body = client.get("/en/country/").content.decode()
    assert '<a href="tel:900202202">900 202 202</a>' in body
