"""What the server sends for calling: the country page, both red-flag groups, venue numbers."""

import json
import re

import pytest
from conftest import sign_in
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils.html import escape
from shown import shown, visible

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
        ("ru", "Полиция (вызовет скорую): ", "Пожарные (пришлют скорую): "),
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


@pytest.mark.django_db
def test_a_venue_dials_its_own_number_or_else_its_countrys(client):
    venue = Venue.objects.create(
        slug="alberca",
        name="Alberca Norte",
        kind="pool",
        language="es",
        country="MX",
        lifeguards="Silla alta",
        lifeguard_hours="8:00 a 18:00",
        first_aid_point="Enfermería",
        defibrillator="Enfermería",
        published=True,
    )
    assert venue.number == emergency.get("MX").ambulance
    body = client.get("/es/venues/alberca/").content.decode()
    assert f'href="tel:{venue.number}"' in body
    assert "Salvavidas" in body
    assert "Alberca" in body
    poster = client.get("/es/venues/alberca/poster/").content.decode()
    assert "Salvavidas" in poster
    assert f"<strong>{venue.number}</strong>" in poster
    venue.emergency_number = "0800123"
    venue.save()
    assert 'href="tel:0800123"' in client.get("/es/venues/alberca/").content.decode()


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
def test_the_admin_takes_a_country_instead_of_a_number_but_not_neither(client):
    user = User.objects.create_superuser("op", "op@example.com", "a-long-pass-1")
    sign_in(client, user, "a-long-pass-1")
    form = {
        "name": "Lido",
        "slug": "lido",
        "kind": "pool",
        "language": "en",
        "address": "",
        "country": "",
        "emergency_number": "",
        "lifeguard_phone": "",
        "lifeguards": "Chair",
        "lifeguard_hours": "9-5",
        "first_aid_point": "Desk",
        "defibrillator": "Desk",
    }
    response = client.post("/admin/guide/venue/add/", form)
    assert response.status_code == 200
    assert "Give the emergency number, or the venue" in response.content.decode()
    response = client.post("/admin/guide/venue/add/", {**form, "country": "ZZ"})
    assert response.status_code == 200
    assert not Venue.objects.exists()
    response = client.post("/admin/guide/venue/add/", {**form, "country": "GB"})
    assert response.status_code == 302
    assert Venue.objects.get().number == "999"
