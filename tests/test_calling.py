"""What the server sends for calling: the country page, both red-flag groups, venue numbers."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils.html import escape
from shown import shown, visible
from staff import sign_in

from guide import content, emergency, offline
from guide.models import Venue
from guide.venues import venue_words

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_country_page_lists_every_number_in_the_pages_language(client, language):
    response = client.get(f"/{language}/country/")
    assert response.status_code == 200
    body = response.content.decode()
    for country in emergency.countries().values():
        assert f'href="tel:{country.ambulance}"' in body
        assert f'<h2 class="country-name">{country.name(language)}</h2>' in body
        assert f'href="{escape(country.sources[0])}"' in body
    # Sorted by name in the language, each name once.
    shown = re.findall(r'<h2 class="country-name">(.*?)</h2>', body)
    assert shown == [row["name"] for row in emergency.listing(language)]
    assert "public" in response["Cache-Control"]  # the same for everyone: the choice is local


def test_112_is_offered_as_another_number_only_where_the_ambulance_number_is_not_112(client):
    # "Ambulance: 112", then "112 also works": read as two numbers (native reviews ru 2.23, es 89).
    body = client.get("/en/country/").content.decode()
    blocks = dict(re.findall(r'<li id="([A-Z]{2})"(.*?)(?=<li id="|</ul>\s*<section)', body, re.S))
    countries = emergency.countries()
    assert set(blocks) == set(countries)
    for code, country in countries.items():
        offered = "112 also works from a mobile phone." in blocks[code]
        assert offered == (country.also_112 == "yes" and country.ambulance != "112"), code


@pytest.mark.parametrize(
    ("language", "police", "fire"),
    [
        ("en", "Police, who send an ambulance: ", "Fire brigade, who send an ambulance: "),
        ("ru", "Полиция (вызовет скорую): ", "Пожарные (вызовут скорую): "),
        ("es", "Policía, que envía una ambulancia: ", "Bomberos, que envían una ambulancia: "),
    ],
)
def test_the_country_page_says_when_the_number_reaches_the_police_or_firefighters(
    client, language, police, fire
):
    # Server-rendered, so it shows with JavaScript off.
    body = client.get(f"/{language}/country/").content.decode()
    bolivia = re.search(r'<li id="BO".*?</li>', body, re.DOTALL)[0]
    assert f'href="tel:110">{escape(police)}110</a>' in bolivia
    assert 'data-reaches="police"' in bolivia
    peru = re.search(r'<li id="PE".*?</li>', body, re.DOTALL)[0]
    assert f'href="tel:116">{escape(fire)}116</a>' in peru
    chile = re.search(r'<li id="CL".*?</li>', body, re.DOTALL)[0]
    assert "data-reaches" not in chile
    listed = {row["code"]: row for row in emergency.listing(language)}
    assert listed["BO"]["reaches"] == "police"
    assert listed["BO"]["reaches_name"] == police.removesuffix(": ")
    assert listed["CL"]["reaches"] == ""


def test_the_country_page_is_in_the_sitemap_and_the_offline_pack(client, sitemap_paths):
    config = json.loads(re.match(r"const CONFIG = (\{.*\});\n", offline.worker_script())[1])
    for language in LANGUAGES:
        assert f"/{language}/country/" in sitemap_paths
        assert f"/{language}/country/" in config["pages"][language]
        assert config["numbers"] in config["pages"][language]  # the table, offline in each


def test_the_numbers_document_holds_the_table_and_the_time_zones(client):
    response = client.get("/numbers.json")
    assert response.status_code == 200
    table = response.json()
    assert table["countries"]["CL"]["ambulance"] == emergency.get("CL").ambulance
    assert table["countries"]["GB"]["urgentNames"]["ru"] == emergency.get("GB").urgent_name("ru")
    assert table["zones"]["America/Santiago"] == "CL"
    # A number that reaches the police says so, for the call buttons' label offline.
    assert table["countries"]["BO"]["reaches"] == "police"
    assert table["countries"]["BO"]["reachesNames"]["ru"] == "Полиция (вызовет скорую)"
    assert "reaches" not in table["countries"]["CL"]


def test_a_change_to_the_numbers_table_makes_a_new_worker(monkeypatch, tmp_path):
    before = offline.worker_script()
    changed = tmp_path / "numbers.toml"
    text = emergency.NUMBERS_FILE.read_text(encoding="utf-8")
    changed.write_text(text.replace('ambulance = "131"', 'ambulance = "133"', 1), encoding="utf-8")
    monkeypatch.setattr(emergency, "NUMBERS_FILE", changed)
    monkeypatch.setattr(emergency.load, "__defaults__", (changed, None))
    caches = (emergency.countries, offline.numbers_json, offline.version, offline.worker_script)
    for cached in caches:
        cached.cache_clear()
    try:
        after = offline.worker_script()
        table = offline.numbers_json()
    finally:
        for cached in caches:
            cached.cache_clear()
    version = re.compile(r'"version":"([0-9a-f]{16})"')
    assert version.search(before)[1] != version.search(after)[1]
    assert json.loads(table)["countries"]["CL"]["ambulance"] == "133"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", content.EMERGENCY_SLUGS)
def test_each_emergency_screen_starts_with_the_way_to_help_and_shows_both_flag_groups(
    client, language, slug
):
    body = client.get(content.page_url("now", slug, language)).content.decode()
    flags = content.red_flags(language)
    lead = body.index('class="lead-alert"')
    assert lead < body.index('class="step"')
    # The cramp screens' first line leads to the box; the rescue screen's to its CPR steps,
    # for someone already out of the water and not responding (a plain link: no script).
    target = "cpr" if slug == "help-someone" else "get-help"
    assert f'href="#{target}"' in body[lead : lead + 200]
    assert body.index(f'id="{target}"') > lead
    section = body[body.index('id="get-help"') :]
    urgent_heading = section.index("<h3>", section.index("<h3") + 1)
    call_now, today = visible(section[:urgent_heading]), visible(section[urgent_heading:])
    for flag in flags.emergency_flags:
        assert shown(flag.text) in call_now
    for flag in flags.urgent_flags:
        assert shown(flag.text) in today
    # Without JavaScript: the server's number, the link to other countries, both groups.
    number = settings.EMERGENCY_NUMBER
    assert f'href="tel:{number}"' in section
    assert f'href="/{language}/country/"' in body
    # The box's sources are one tap away, on the precached page that lists every source.
    reviews = client.get(f"/{language}/reviews/").content.decode()
    assert f'href="/{language}/reviews/#now-{slug}"' in body
    for source in flags.sources:
        assert f'href="{escape(source.url)}"' in reviews


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_help_someone_screen_carries_the_cpr_beat_that_works_without_script(client, language):
    body = client.get(f"/{language}/now/help-someone/").content.decode()
    assert 'data-beats-per-minute="110"' in body
    assert re.search(r"110\D", body)  # the rate in words, for when the beat cannot run
    # The beat's code comes with its first tap (timer.js imports it), not with the screen.
    assert "/static/js/beat." not in body
    timer = staticfiles_storage.path(staticfiles_storage.stored_name("js/timer.js"))
    with open(timer, encoding="utf-8") as file:
        assert f'import("./{staticfiles_storage.stored_name("js/beat.js")[3:]}")' in file.read()


def make_venue(**fields):
    return Venue.objects.create(
        **{
            "slug": "alberca",
            "name": "Alberca Norte",
            "kind": "pool",
            "language": "es",
            "country": "MX",
            "lifeguards": "Silla alta",
            "lifeguard_hours": "8:00 a 18:00",
            "first_aid_point": "Enfermería",
            "defibrillator": "Enfermería",
            "published": True,
            **fields,
        }
    )


def call_links(body):
    """The main call buttons (app.js and the inline lines set them to the user's country)."""
    return re.findall(r'<a class="button call[^"]*" href="([^"]+)" data-call', body)


def venue_links(body):
    """The venue's own line, each second button: (href, filled from the phone?, hidden?, label)."""
    return re.findall(
        r'<a class="button call-venue" href="([^"]*)"( data-venue-call)?( hidden)?>([^<]*)<', body
    )


@pytest.mark.django_db
def test_a_venue_page_dials_its_countrys_number_and_nothing_else_when_it_has_no_line(client):
    make_venue()
    mexico = emergency.get("MX").ambulance
    body = client.get("/es/venues/alberca/").content.decode()
    assert call_links(body) == [f"tel:{mexico}", f"tel:{mexico}"]  # the header's, the page's
    assert f'data-default-number="{mexico}"' in body  # what the inline lines fall back to
    assert venue_links(body) == []
    assert "Salvavidas" in body
    assert "Alberca" in body
    poster = client.get("/es/venues/alberca/poster/").content.decode()
    assert "Salvavidas" in poster
    assert f"<strong>{mexico}</strong>" in poster
    assert 'class="poster-own-line"' not in poster


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "number", "label"),
    [
        # A typo, or a hijacked operator account: a premium-rate or foreign number.
        ({"emergency_number": "+15550100"}, "+15550100", "Línea de emergencias de"),
        ({"emergency_number": "0800123"}, "0800123", "Línea de emergencias de"),
        ({"lifeguard_phone": "+525512345678"}, "+525512345678", "Socorristas de"),
        # The venue's emergency number when it is the country's own adds nothing: its
        # lifeguards' phone is the second button.
        (
            {"emergency_number": "911", "lifeguard_phone": "+525512345678"},
            "+525512345678",
            "Socorristas de",
        ),
    ],
)
def test_an_operators_number_is_never_the_main_button_only_a_second_labelled_one(
    client, fields, number, label
):
    make_venue(**fields)
    mexico = emergency.get("MX").ambulance
    body = client.get("/es/venues/alberca/").content.decode()
    assert call_links(body) == [f"tel:{mexico}", f"tel:{mexico}"]
    assert f'data-default-number="{mexico}"' in body
    # Shown once, under the page's title (the header does not repeat it on this page).
    assert venue_links(body) == [(f"tel:{number}", "", "", f"{label} Alberca Norte: {number}")]
    # What the page keeps for the other screens: the line apart, the country's number as is.
    kept = json.loads(re.search(r'data-venue="([^"]+)"', body)[1].replace("&quot;", '"'))
    assert (kept["number"], kept["country"]["ambulance"]) == (number, mexico)
    assert kept["kind"] == ("lifeguards" if "Socorristas" in label else "rescue")
    poster = client.get("/es/venues/alberca/poster/").content.decode()
    assert f"<strong>{mexico}</strong>" in poster
    assert f"{label} Alberca Norte: {number}" in poster


def test_112_is_no_venues_own_line_where_the_country_answers_it():
    russia = Venue(name="Озеро", country="RU", emergency_number="112")
    assert emergency.get("RU").also_112 == "yes"
    assert russia.country_number == emergency.get("RU").ambulance
    assert russia.own_line is None
    chile = Venue(name="Lago", country="CL", emergency_number="112")  # 112 unclear there
    assert chile.own_line.number == "112"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_screens_someone_calls_from_hold_a_place_for_a_venues_line(client, language):
    # The phone fills it (first-paint.js, app.js) with the last venue opened: only in the header.
    for path in ["now/", "now/water/", "now/help-someone/", "offline/"]:
        body = client.get(f"/{language}/{path}").content.decode()
        assert venue_links(body) == [("tel:", " data-venue-call", " hidden", "")], path
    assert venue_links(client.get(f"/{language}/").content.decode()) == []
    body = client.get(f"/{language}/now/water/").content.decode()
    for name in ["lifeguards", "rescue"]:
        label = re.search(rf'data-{name}-text="([^"]+)"', body)[1]
        assert "%(venue)s" in label
        assert "%(number)s" in label
        assert ("Lifeguards" in label or "Emergency" in label) == (language == "en")


@pytest.mark.parametrize(
    ("country", "lifeguards", "kind"),
    [
        ("ES", "Socorristas", "Piscina"),
        ("AR", "Guardavidas", "Pileta"),
        ("CL", "Salvavidas", "Piscina"),
    ],
)
def test_spanish_venues_use_their_countrys_words(country, lifeguards, kind):
    words = venue_words(Venue(language="es", country=country, kind="pool"))
    assert (words["lifeguards"], words["kind"]) == (lifeguards, kind)


@pytest.mark.django_db
def test_the_admin_needs_the_venues_country_even_with_an_emergency_number(client):
    user = User.objects.create_superuser("op", "op@example.com", "a-long-pass-1")
    sign_in(client, user, "a-long-pass-1")
    form = {
        "name": "Lido",
        "slug": "lido",
        "kind": "pool",
        "language": "en",
        "address": "",
        "country": "",
        "emergency_number": "0555",
        "lifeguard_phone": "",
        "lifeguards": "Chair",
        "lifeguard_hours": "9-5",
        "first_aid_point": "Desk",
        "defibrillator": "Desk",
    }
    response = client.post("/admin/guide/venue/add/", form)
    assert response.status_code == 200
    assert "Give the venue\u2019s country" in response.content.decode().replace("&#x27;", "\u2019")
    response = client.post("/admin/guide/venue/add/", {**form, "country": "ZZ"})
    assert response.status_code == 200
    assert not Venue.objects.exists()
    response = client.post("/admin/guide/venue/add/", {**form, "country": "GB"})
    assert response.status_code == 302
    venue = Venue.objects.get()
    assert (venue.country_number, venue.own_line.number) == ("999", "0555")
