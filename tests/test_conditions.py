"""Today's conditions: the flags of the venue's country in the water pack's words, the local
time, and a report that stops counting as today's after 12 hours or when the lifeguards leave."""

# ruff: noqa: RUF001 (Russian text is meant to hold Cyrillic letters)

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from organisations import make_venue
from staff import HttpsClient

from guide import conditions, content, local_time
from guide.models import Venue

LANGUAGES = ["en", "ru", "es"]
MADRID = ZoneInfo("Europe/Madrid")


def words(text):
    """Letters and digits only, lower case: "**red flag** — danger." reads "red flag danger"."""
    return " ".join(re.findall(r"\w+", text.lower()))


def every_flag():
    systems = {*conditions.FLAGS_BY_COUNTRY.values(), conditions.SPANISH_FLAGS}
    return [flag for system in systems for flag in system]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_flags_mean_what_the_water_pack_says_in_every_language(language):
    page = content.get_page(language, "water", "before-you-swim")
    pack = words(page.body_markdown)
    with translation.override(language):
        for flag in every_flag():
            meaning = words(str(flag.meaning))
            assert meaning in pack, (
                f"{flag.code}: «{flag.meaning}» is not in {page.path.name} ({language}): the venue "
                "page must say what the water pack says"
            )


def test_each_country_gets_its_own_flags_and_a_pool_none():
    def flags(country, kind="beach"):
        return [flag.code for flag in conditions.flags_for(Venue(country=country, kind=kind))]

    assert flags("GB") == ["red-yellow", "red"]
    assert flags("ES") == ["green", "yellow", "red"]
    assert flags("AR") == ["green", "yellow", "red"]
    assert flags("MX") == ["green", "yellow", "red", "black", "jellyfish"]
    assert flags("RU", kind="lake") == ["yellow", "red"]
    assert flags("FR") == ["green", "yellow", "red"]  # the pack names no French flags
    assert flags("GB", kind="pool") == []


def at(text):
    return datetime.datetime.fromisoformat(text)


def test_a_report_lasts_twelve_hours_or_until_the_lifeguards_leave():
    reported = at("2026-07-01T08:00:00+00:00")
    assert conditions.expiry(reported, None) == at("2026-07-01T20:00:00+00:00")
    assert conditions.expiry(reported, at("2026-07-01T17:00:00+00:00")) == at(
        "2026-07-01T17:00:00+00:00"
    )
    assert conditions.expiry(reported, at("2026-07-02T01:00:00+00:00")) == at(
        "2026-07-01T20:00:00+00:00"
    )


@pytest.mark.parametrize(
    ("now", "clock", "expected"),
    [
        ("2026-07-01T07:00:00+02:00", "20:00", "2026-07-01T20:00:00+02:00"),  # later today
        ("2026-07-01T23:00:00+02:00", "01:00", "2026-07-02T01:00:00+02:00"),  # after midnight
        ("2026-07-01T19:30:00+02:00", "19:00", None),  # passed today: refused
        ("2026-03-28T20:00:00+01:00", "03:30", "2026-03-29T03:30:00+02:00"),  # the clocks change
    ],
)
def test_until_means_the_next_time_the_venues_clock_shows_it(now, clock, expected):
    moment = conditions.next_time(datetime.time.fromisoformat(clock), at(now), MADRID)
    assert moment == (at(expected) if expected else None)


@pytest.mark.parametrize(
    ("language", "clock", "expected"),
    [
        ("en", "10:32", "Red flag since 10:32"),
        ("ru", "10:32", "Красный флаг с 10:32"),
        ("es", "10:32", "Bandera roja desde las 10:32"),
        ("es", "01:05", "Bandera roja desde la 01:05"),
    ],
)
def test_since_in_each_language_and_the_venues_local_time(language, clock, expected):
    local = datetime.datetime.combine(
        datetime.date(2026, 7, 1), datetime.time.fromisoformat(clock), tzinfo=MADRID
    )
    with translation.override(language):
        assert conditions.since(conditions.RED, local.astimezone(datetime.UTC), MADRID) == expected


def test_the_time_zone_comes_from_the_country_unless_its_clocks_differ(db):
    assert str(local_time.zone_of("GB")) == "Europe/London"
    assert not local_time.needs_own_zone("GB")
    assert not local_time.needs_own_zone("DE")  # Büsingen keeps Berlin's clock
    for country in ("ES", "RU", "MX", "US", "AU"):
        assert local_time.needs_own_zone(country), country
    with (
        translation.override("en"),  # the admin's language names the country
        pytest.raises(ValidationError, match="Clocks differ within Spain"),
    ):
        make_venue("canary", time_zone="").full_clean()
    with (
        translation.override("es"),
        pytest.raises(ValidationError, match="Europe/Moscow no es una zona horaria de España"),
    ):
        make_venue("moscow", time_zone="Europe/Moscow").full_clean()
    make_venue("las-canteras", time_zone="Atlantic/Canary").full_clean()
    assert str(make_venue("lido", country="GB", time_zone="").zone) == "Europe/London"


# The venue page


def page_of(venue):
    return HttpsClient().get(venue.get_absolute_url())


def conditions_of(venue):
    body = page_of(venue).content.decode()
    start = body.index('class="conditions"')
    return body[start : body.index("</section>", start)]


@pytest.mark.django_db
def test_the_venue_page_says_the_flag_in_words_with_its_local_time(settings):
    venue = make_venue("playa-azul", name="Playa Azul")
    now = timezone.now()
    until = now + datetime.timedelta(hours=3)
    conditions.record(venue, None, flag="red", lifeguards_until=until, hazards=["jellyfish"])
    section = conditions_of(venue)
    local = now.astimezone(MADRID)
    article = "la" if local.hour == 1 else "las"
    assert f"Bandera roja desde {article} {local:%H:%M}" in section
    assert "Prohibido bañarse." in section
    until_local = until.astimezone(MADRID)
    article = "la" if until_local.hour == 1 else "las"
    # Spain's word for its lifeguards (GLOSSARY.md), as the rest of the page.
    assert f"Socorristas de guardia hasta {article} {until_local:%H:%M}" in section
    assert "Medusas" in section
    assert 'class="flag flag-red"' in section
    assert "Qué significan las banderas" in section
    assert "Sin información actual" in section  # for the script, hidden while current
    assert re.search(r"data-no-report hidden", section)


@pytest.mark.django_db
def test_a_russian_lake_and_an_english_pool_speak_their_own_language():
    lake = make_venue("ozero", kind="lake", language="ru", country="RU", time_zone="Europe/Moscow")
    conditions.record(lake, None, flag="yellow")
    section = conditions_of(lake)
    assert "Жёлтый флаг с" in section
    assert "Детям и людям с хроническими болезнями лучше не купаться." in section
    pool = make_venue("lido", kind="pool", language="en", country="GB", time_zone="")
    until = timezone.now() + datetime.timedelta(hours=2)
    conditions.record(pool, None, lifeguards_until=until, note="Deep end closed")
    section = conditions_of(pool)
    assert (
        f"Lifeguards on duty until {until.astimezone(ZoneInfo('Europe/London')):%H:%M}" in section
    )
    assert "Deep end closed" in section
    assert 'class="flag' not in section  # a pool flies none
    assert "What the flags mean" not in section


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("hours_ago", "until_hours_ago"),
    [(12.1, None), (3, 0.5)],  # 12 hours old; the lifeguards went off duty half an hour ago
)
def test_an_old_green_flag_is_never_shown_as_todays(hours_ago, until_hours_ago):
    venue = make_venue("playa-vieja")
    now = timezone.now()
    until = now - datetime.timedelta(hours=until_hours_ago) if until_hours_ago else None
    reported = now - datetime.timedelta(hours=hours_ago)
    conditions.record(venue, None, flag="green", lifeguards_until=until, now=reported)
    section = conditions_of(venue)
    assert "Bandera verde" not in section
    assert "Puedes bañarte" not in section
    assert "Sin información actual" in section
    assert "data-no-report hidden" not in section


@pytest.mark.django_db
def test_the_kept_page_follows_a_new_report_and_its_ageing(monkeypatch):
    venue = make_venue("playa-azul")
    conditions.record(venue, None, flag="green")
    assert "Bandera verde" in conditions_of(venue)
    conditions.record(venue, None, flag="red")
    assert "Bandera roja" in conditions_of(venue)  # not the page kept in memory
    later = timezone.now() + datetime.timedelta(hours=13)
    monkeypatch.setattr(timezone, "now", lambda: later)
    section = conditions_of(venue)
    assert "Bandera roja" not in section
    assert "Sin información actual" in section


@pytest.mark.django_db
def test_the_venue_page_stays_a_minute_in_shared_caches_with_its_styles_linked():
    venue = make_venue("playa-azul")
    conditions.record(venue, None, flag="yellow")
    response = page_of(venue)
    assert response["Cache-Control"] == "public, max-age=60"
    body = response.content.decode()
    # Its styles come with the one linked stylesheet, which the worker keeps offline.
    sheet = re.search(r'<link rel="stylesheet" href="(/static/css/site\.[0-9a-f]{12}\.css)">', body)
    assert b".flag-line{" in b"".join(HttpsClient().get(sheet[1])).replace(b" ", b"")
    assert re.search(r'data-expires="\d{4}-\d\d-\d\dT[\d:.]+\+00:00"', body)
    # venue.js brings conditions.js, which the worker keeps for saved venues (tests/browser).
    script = re.search(r'<script type="module" src="(/static/js/venue\.[0-9a-f]{12}\.js)">', body)
    venue_js = HttpsClient().get(script[1])
    assert re.search(rb'import ?"\./conditions\.[0-9a-f]{12}\.js"', b"".join(venue_js))


@pytest.mark.django_db
def test_a_venue_without_a_report_says_so():
    section = conditions_of(make_venue("playa-nueva"))
    assert "Sin información actual" in section
    assert "data-current" not in section


@pytest.mark.django_db
def test_a_flag_from_before_the_country_was_corrected_is_not_shown():
    venue = make_venue("playa-movida", language="en", country="GB", time_zone="")
    conditions.record(venue, None, flag="red-yellow")
    venue.country, venue.time_zone = "ES", "Europe/Madrid"
    venue.save()
    section = conditions_of(venue)
    assert "Red-and-yellow" not in section
    assert "No current report" in section
    assert "data-no-report hidden" not in section
