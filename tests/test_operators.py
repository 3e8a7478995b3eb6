"""Organisations and their operators: each sees and changes only its own venues, everywhere
(admin, operator pages, posters, import); another's venue is simply not there (404)."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from organisations import OPERATOR_PASSWORD, make_venue, operator_client
from staff import HttpsClient, one_time_code, sign_in

from guide import conditions
from guide.models import Conditions, Operator, Organisation, Venue, VenueNumberChange
from guide.organisations import OPERATOR_PERMISSIONS

pytestmark = pytest.mark.django_db
ADMIN = f"/{settings.ADMIN_PATH}"


# The command


def test_add_operator_creates_the_organisation_once_and_a_staff_account(monkeypatch):
    monkeypatch.setenv("CRAMP_AID_OPERATOR_PASSWORD", OPERATOR_PASSWORD)
    call_command("add_operator", "ana", "--organisation", "Playas del Sur", "--noinput")
    call_command("add_operator", "bruno", "--organisation", "  playas  del SUR ", "--noinput")
    assert Organisation.objects.count() == 1
    organisation = Organisation.objects.get()
    assert organisation.name == "Playas del Sur"
    for name in ("ana", "bruno"):
        user = User.objects.get(username=name)
        assert user.is_staff
        assert not user.is_superuser
        assert user.check_password(OPERATOR_PASSWORD)
        assert user.operator.organisation == organisation
        rights = {tuple(p.split(".")) for p in user.get_all_permissions()}
        assert rights == set(OPERATOR_PERMISSIONS)


def test_add_operator_without_input_needs_the_password_variable(monkeypatch):
    monkeypatch.delenv("CRAMP_AID_OPERATOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="CRAMP_AID_OPERATOR_PASSWORD"):
        call_command("add_operator", "ana", "--organisation", "Playas del Sur", "--noinput")
    assert not User.objects.exists()
    assert not Organisation.objects.exists()


def test_add_operator_refuses_a_weak_password_and_an_existing_name(monkeypatch):
    monkeypatch.setenv("CRAMP_AID_OPERATOR_PASSWORD", "short")
    with pytest.raises(CommandError, match="password is refused"):
        call_command("add_operator", "ana", "--organisation", "Playas del Sur", "--noinput")
    assert not Organisation.objects.exists()
    User.objects.create_superuser("root", "root@example.com", OPERATOR_PASSWORD)
    monkeypatch.setenv("CRAMP_AID_OPERATOR_PASSWORD", OPERATOR_PASSWORD)
    with pytest.raises(CommandError, match="already an account"):
        call_command("add_operator", "root", "--organisation", "Playas del Sur", "--noinput")
    assert User.objects.get(username="root").is_superuser
    assert not Operator.objects.exists()


# The admin


def test_an_operator_lists_only_its_own_venues_in_the_admin(two_organisations):
    client = operator_client(two_organisations["sea_operator"])
    body = client.get(f"{ADMIN}guide/venue/").content.decode()
    assert "Playa Azul" in body
    assert "City Lido" not in body


@pytest.mark.parametrize("page", ["change/", "delete/", "history/"])
def test_another_organisations_venue_answers_404_in_the_admin(two_organisations, page):
    client = operator_client(two_organisations["sea_operator"])
    pool = two_organisations["pool"]
    for method in (client.get, client.post):
        response = method(f"{ADMIN}guide/venue/{pool.pk}/{page}")
        assert response.status_code == 404, (page, response.status_code)
        assert "City Lido" not in response.content.decode()
    pool.refresh_from_db()
    assert pool.name == "City Lido"


def test_an_operators_new_venue_is_its_organisations_whatever_the_form_says(two_organisations):
    client = operator_client(two_organisations["sea_operator"])
    data = {
        "name": "Cala Nueva",
        "slug": "cala-nueva",
        "kind": "beach",
        "language": "es",
        "country": "ES",
        "time_zone": "Europe/Madrid",
        "emergency_number": "112",
        "lifeguards": "Torre",
        "lifeguard_hours": "11 a 19",
        "first_aid_point": "Rampa",
        "defibrillator": "Puesto",
        "organisation": two_organisations["pools"].pk,  # not offered, and ignored
    }
    response = client.post(f"{ADMIN}guide/venue/add/", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Venue.objects.get(slug="cala-nueva").organisation == two_organisations["sea"]
    form = client.get(f"{ADMIN}guide/venue/add/").content.decode()
    assert 'name="organisation"' not in form


def test_operators_cannot_give_themselves_more_rights(two_organisations):
    operator = two_organisations["sea_operator"]
    client = operator_client(operator)
    for path in (
        "auth/user/",
        "auth/user/add/",
        f"auth/user/{operator.pk}/change/",
        f"auth/user/{operator.pk}/password/",
        "auth/group/",
        "guide/operator/",
        "guide/operator/add/",
        "guide/organisation/",
    ):
        assert client.get(f"{ADMIN}{path}").status_code == 403, path
    response = client.post(
        f"{ADMIN}auth/user/{operator.pk}/change/",
        {"username": operator.username, "is_staff": "on", "is_superuser": "on"},
    )
    assert response.status_code == 403
    operator.refresh_from_db()
    assert not operator.is_superuser
    assert {tuple(p.split(".")) for p in operator.get_all_permissions()} == set(
        OPERATOR_PERMISSIONS
    )
    # Nor can it move its venue to another organisation, or take another's.
    beach = two_organisations["beach"]
    form = client.get(f"{ADMIN}guide/venue/{beach.pk}/change/").content.decode()
    assert 'name="organisation"' not in form


def test_a_superuser_sees_every_organisations_venues_and_who_owns_them(two_organisations):
    root = User.objects.create_superuser("root", "root@example.com", OPERATOR_PASSWORD)
    client = operator_client(root)
    body = client.get(f"{ADMIN}guide/venue/").content.decode()
    assert "Playa Azul" in body
    assert "City Lido" in body
    assert "Costa Azul Socorrismo" in body
    assert "City Pools" in body
    pool = two_organisations["pool"]
    assert client.get(f"{ADMIN}guide/venue/{pool.pk}/change/").status_code == 200
    assert client.get(f"{ADMIN}guide/organisation/").status_code == 200


def test_staff_without_an_organisation_see_no_venue(two_organisations):
    # Before organisations, any staff account could change any venue (security review, 2).
    staff = User.objects.create_user("old-staff", password=OPERATOR_PASSWORD, is_staff=True)
    staff.user_permissions.add(*two_organisations["sea_operator"].groups.get().permissions.all())
    client = operator_client(staff)
    body = client.get(f"{ADMIN}guide/venue/").content.decode()
    assert "Playa Azul" not in body
    assert "City Lido" not in body
    beach = two_organisations["beach"]
    assert client.get(f"{ADMIN}guide/venue/{beach.pk}/change/").status_code == 404
    assert client.get("/en/operator/").status_code == 404


def test_the_conditions_history_in_the_admin_is_read_only_and_its_own(two_organisations):
    beach, pool = two_organisations["beach"], two_organisations["pool"]
    conditions.record(beach, two_organisations["sea_operator"], flag="red")
    other = conditions.record(pool, two_organisations["pools_operator"], note="Closed")
    client = operator_client(two_organisations["sea_operator"])
    body = client.get(f"{ADMIN}guide/conditions/").content.decode()
    assert "sea-lifeguard" in body
    assert "pool-manager" not in body
    assert client.get(f"{ADMIN}guide/conditions/{other.pk}/change/").status_code == 404
    assert client.get(f"{ADMIN}guide/conditions/add/").status_code == 403


# Signing in on the operator pages


def test_an_anonymous_visit_goes_to_the_operators_sign_in_page(client):
    response = client.get("/es/operator/")
    assert response.status_code == 302
    assert response["Location"] == "/es/operator/sign-in/?next=/es/operator/"
    page = client.get("/es/operator/sign-in/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="otp_token"' in body
    assert 'name="password"' in body
    assert settings.ADMIN_PATH not in body  # the admin's address stays out of public pages
    assert "private" in page["Cache-Control"]


def sign_in_on_the_phone(client, user, password, code, next_path="/en/operator/"):
    form = client.get(f"/en/operator/sign-in/?next={next_path}")
    assert form.status_code == 200
    return client.post(
        "/en/operator/sign-in/",
        {"username": user.username, "password": password, "otp_token": code, "next": next_path},
    )


def test_operators_sign_in_on_their_phone_with_the_password_and_a_code(two_organisations):
    operator = two_organisations["sea_operator"]
    client = HttpsClient()
    wrong = sign_in_on_the_phone(client, operator, OPERATOR_PASSWORD, "")
    assert wrong.status_code == 200
    assert client.get("/en/operator/").status_code == 302
    right = sign_in_on_the_phone(
        client, operator, OPERATOR_PASSWORD, one_time_code(operator.username)
    )
    assert right.status_code == 302
    # A first sign-in with a one-time code goes on to set up the authenticator app, and from
    # there to where the operator was going.
    assert right["Location"] == f"{ADMIN}second-factor/?next=%2Fen%2Foperator%2F"
    page = client.get("/en/operator/")
    assert page.status_code == 200
    assert "Playa Azul" in page.content.decode()
    assert "City Lido" not in page.content.decode()


def set_up_the_app(client, address):
    """As staff do on the second-factor page: the app scans the key, its code confirms it."""
    client.get(address)  # the page makes the authenticator waiting to be confirmed
    device = TOTPDevice.objects.get(confirmed=False)
    code = str(totp(device.bin_key, device.step, device.t0, device.digits)).zfill(6)
    response = client.post(address, {"action": "confirm", "otp_token": code})
    assert 'class="recovery-codes"' in response.content.decode()
    return response


def continue_link(response):
    """Where the page's "Continue" button leads."""
    found = re.search(
        r'<a class="button[^"]*" href="([^"]*)"[^>]*>Continue</a>', response.content.decode()
    )
    return found and found[1]


def test_after_the_second_factor_step_an_operator_goes_on_to_the_operator_page(
    two_organisations,
):
    operator = two_organisations["sea_operator"]
    client = HttpsClient()
    code = one_time_code(operator.username)
    right = sign_in_on_the_phone(client, operator, OPERATOR_PASSWORD, code, "/en/operator/")
    assert continue_link(set_up_the_app(client, right["Location"])) == "/en/operator/"
    # Signed in through the admin's own form, with nowhere asked for: their venues, not the
    # admin's index (its models are few for an operator, the conditions are not there).
    TOTPDevice.objects.all().delete()
    admin_client = sign_in(HttpsClient(), operator, OPERATOR_PASSWORD)
    assert continue_link(set_up_the_app(admin_client, f"{ADMIN}second-factor/")) == "/en/operator/"


def test_after_the_second_factor_step_a_superuser_goes_on_to_the_admin(two_organisations):
    root = User.objects.create_superuser("root", "root@example.com", OPERATOR_PASSWORD)
    client = sign_in(HttpsClient(), root, OPERATOR_PASSWORD)
    assert continue_link(set_up_the_app(client, f"{ADMIN}second-factor/")) == ADMIN


def test_the_second_factor_page_goes_on_to_no_other_site(two_organisations):
    operator = two_organisations["sea_operator"]
    client = sign_in(HttpsClient(), operator, OPERATOR_PASSWORD)
    address = f"{ADMIN}second-factor/?next=https://example.com/"
    assert continue_link(set_up_the_app(client, address)) == "/en/operator/"


def test_sign_in_throttling_covers_the_operator_pages(two_organisations):
    operator = two_organisations["sea_operator"]
    client = HttpsClient()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in_on_the_phone(client, operator, "wrong-password-123", "000000")
    locked = sign_in_on_the_phone(
        client, operator, OPERATOR_PASSWORD, one_time_code(operator.username)
    )
    assert locked.status_code == 429
    assert client.get("/en/operator/").status_code == 302


def test_signing_out_ends_the_session(two_organisations):
    client = operator_client(two_organisations["sea_operator"])
    assert client.get("/en/operator/").status_code == 200
    assert client.post("/en/operator/sign-out/").status_code == 302
    assert client.get("/en/operator/").status_code == 302


# The operator pages


def test_another_organisations_venue_answers_404_on_the_operator_pages(two_organisations):
    client = operator_client(two_organisations["sea_operator"])
    for method in (client.get, client.post):
        response = method("/en/operator/city-lido/")
        assert response.status_code == 404
        assert "City Lido" not in response.content.decode()
    assert client.get("/en/operator/no-such-venue/").status_code == 404
    assert not Conditions.objects.exists()


def test_conditions_in_three_taps_kept_with_who_and_when(two_organisations):
    operator = two_organisations["sea_operator"]
    client = operator_client(operator)
    # Tap 1: the venue, from the list.
    listing = client.get("/en/operator/").content.decode()
    assert 'href="/en/operator/playa-azul/"' in listing
    # Tap 2: the flag; tap 3: Save. The form names the country's flags with their meanings.
    form = client.get("/en/operator/playa-azul/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in form
    for code, meaning in (("green", "You can swim."), ("yellow", "Take care.")):
        assert f'value="{code}"' in form
        assert meaning in form
    assert "Swim between them." not in form  # the UK's red-and-yellow flags are not Spain's
    response = client.post("/en/operator/playa-azul/", {"flag": "red"})
    assert response.status_code == 302
    assert response["Location"] == "/en/operator/"
    report = Conditions.objects.get()
    assert (report.flag, report.reported_by, report.reported_by_name) == (
        "red",
        operator,
        operator.username,
    )
    assert two_organisations["beach"].reports.get() == report
    after = client.get("/en/operator/").content.decode()
    assert re.search(r"Saved for Playa Azul: Red flag since \d\d:\d\d", after)
    # A second report is a new row: the first stays, with its author and time.
    client.post("/en/operator/playa-azul/", {"flag": "red", "hazards": ["jellyfish"]})
    first, second = Conditions.objects.order_by("pk")
    assert second.flag_since == first.flag_since == first.reported_at  # the same flag goes on
    assert Venue.objects.get(slug="playa-azul").conditions == second


def test_the_conditions_form_refuses_what_it_cannot_show(two_organisations):
    client = operator_client(two_organisations["sea_operator"])
    for data, message in (
        ({}, "Choose the flag that is flying"),
        ({"flag": "red-yellow"}, "Select a valid choice"),  # the UK's flags, not Spain's
        ({"flag": "red", "hazards": ["slippery"]}, "Select a valid choice"),  # a pool's
        ({"flag": "red", "note": "x" * 201}, "at most 200 characters"),
        ({"flag": "red", "lifeguards_until": "25:00"}, "Enter a valid time"),
    ):
        response = client.post("/en/operator/playa-azul/", data)
        assert response.status_code == 200, data
        assert message in response.content.decode(), data
    assert not Conditions.objects.exists()
    # A pool flies no flag: a report there must say something.
    pools = operator_client(two_organisations["pools_operator"])
    response = pools.post("/en/operator/city-lido/", {})
    assert "Say until when the lifeguards are on duty" in response.content.decode()
    assert pools.post("/en/operator/city-lido/", {"note": "Deep end closed"}).status_code == 302


def test_the_form_checks_its_csrf_token(two_organisations):
    client = operator_client(two_organisations["sea_operator"])
    client.handler.enforce_csrf_checks = True
    assert client.post("/en/operator/playa-azul/", {"flag": "red"}).status_code == 403
    assert not Conditions.objects.exists()


def test_operator_pages_are_private_and_not_indexed(two_organisations):
    client = operator_client(two_organisations["sea_operator"])
    for path in ("/en/operator/", "/en/operator/playa-azul/", "/en/operator/posters/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "private" in response["Cache-Control"], path
        assert response["X-Robots-Tag"] == "noindex", path


def test_an_operator_previews_its_own_unpublished_venue_but_not_anothers(two_organisations):
    two_organisations["pool"].__class__.objects.filter(slug="city-lido").update(published=False)
    make_venue("cala-oculta", two_organisations["sea"], published=False)
    sea = operator_client(two_organisations["sea_operator"])
    assert sea.get("/es/venues/cala-oculta/").status_code == 200
    assert sea.get("/en/venues/city-lido/").status_code == 404
    assert HttpsClient().get("/es/venues/cala-oculta/").status_code == 404


# Posters


def test_every_poster_of_the_organisation_on_one_page_each_in_its_language(
    two_organisations, settings
):
    settings.PUBLIC_BASE_URL = "https://cramp-aid.example"
    sea = two_organisations["sea"]
    make_venue("lago-verde", sea, name="Lago Verde", kind="lake")
    make_venue(
        "harbour-beach", sea, name="Harbour Beach", language="en", country="GB", time_zone=""
    )
    make_venue("cala-oculta", sea, name="Cala Oculta", published=False)
    client = operator_client(two_organisations["sea_operator"])
    body = client.get("/en/operator/posters/").content.decode()
    posters = re.findall(r'<article class="poster" lang="(\w\w)">(.*?)</article>', body, re.S)
    assert [language for language, _poster in posters] == ["en", "es", "es"]
    names = [re.search(r'class="poster-venue">([^<]+)', poster)[1] for _l, poster in posters]
    assert names == ["Harbour Beach", "Lago Verde", "Playa Azul"]
    english, spanish, _third = (poster for _l, poster in posters)
    assert "Cramp in the water?" in english
    assert "https://cramp-aid.example/en/venues/harbour-beach/" in english
    assert "¿Calambre en el agua?" in spanish
    assert "https://cramp-aid.example/es/venues/lago-verde/" in spanish
    # One QR code each, each named by its own caption.
    labels = re.findall(r'<svg role="img" aria-labelledby="([^"]+)"', body)
    assert len(labels) == 3
    assert len(set(labels)) == 3
    for label in labels:
        assert f'<figcaption id="{label}">' in body
    assert "City Lido" not in body
    assert "Cala Oculta" not in body
    assert "1 venue is not published" in body


# Importing in the admin


def csv_upload(text, name="venues.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


IMPORT_HEADER = (
    "slug,name,kind,language,address,country,time_zone,emergency_number,lifeguard_phone,"
    "lifeguards,lifeguard_hours,first_aid_point,defibrillator,published\n"
)


def test_an_operator_imports_into_its_own_organisation_and_cannot_take_anothers_slug(
    two_organisations,
):
    client = operator_client(two_organisations["sea_operator"])
    good = (
        IMPORT_HEADER
        + "cala-sol,Cala Sol,beach,es,,ES,Europe/Madrid,112,,Torre,11-19,Rampa,Puesto,yes\n"
    )
    page = client.get(f"{ADMIN}guide/venue/import/").content.decode()
    assert 'name="organisation"' not in page  # operators import into their own
    response = client.post(
        f"{ADMIN}guide/venue/import/",
        {"file": csv_upload(good), "organisation": two_organisations["pools"].pk},
    )
    assert response.status_code == 302
    assert Venue.objects.get(slug="cala-sol").organisation == two_organisations["sea"]
    taken = IMPORT_HEADER + "city-lido,Mine Now,pool,en,,GB,,999,,Chair,7-20,Desk,Wall,yes\n"
    response = client.post(f"{ADMIN}guide/venue/import/", {"file": csv_upload(taken)})
    assert response.status_code == 200
    assert "line 2: slug: “city-lido” is already the address of a venue that is not this" in (
        response.content.decode()
    )
    pool = Venue.objects.get(slug="city-lido")
    assert (pool.name, pool.organisation) == ("City Lido", two_organisations["pools"])


def test_the_admin_import_lists_every_problem_and_writes_nothing(two_organisations):
    client = operator_client(two_organisations["sea_operator"])
    bad = (
        IMPORT_HEADER
        + "cala-sol,Cala Sol,beach,es,,ES,Europe/Madrid,112,,Torre,11-19,Rampa,Puesto,yes\n"
        + "cala-luna,Cala Luna,cove,es,,ES,Europe/Madrid,112,,Torre,11-19,Rampa,Puesto,yes\n"
        + "cala-mar,Cala Mar,beach,es,,XX,,112,,Torre,11-19,Rampa,Puesto,maybe\n"
    )
    response = client.post(f"{ADMIN}guide/venue/import/", {"file": csv_upload(bad)})
    body = response.content.decode()
    assert "2 problems: nothing was imported." in body
    assert "line 3: kind:" in body
    assert "line 4: published:" in body
    assert not Venue.objects.filter(slug__startswith="cala-").exists()
    checked = client.post(
        f"{ADMIN}guide/venue/import/",
        {"file": csv_upload(IMPORT_HEADER + bad.splitlines()[1] + "\n"), "dry_run": "on"},
    )
    assert "Checked, nothing written: 1 new, 0 updated, 0 unchanged venues." in (
        checked.content.decode()
    )
    assert not Venue.objects.filter(slug__startswith="cala-").exists()


def test_an_import_in_the_admin_keeps_the_number_changes_with_who_uploaded_it(
    two_organisations,
):
    client = operator_client(two_organisations["sea_operator"])
    beach = two_organisations["beach"]
    upload = (
        IMPORT_HEADER
        + "cala-sol,Cala Sol,beach,es,,ES,Europe/Madrid,,+34 600 000 123,Torre,11-19,Rampa,"
        + "Puesto,yes\n"
        + "playa-azul,Playa Azul,beach,es,,ES,Europe/Madrid,+34 900 202 202,,Torre roja,"
        + "11:00 a 19:00,Junto a la rampa,En el puesto de socorro,yes\n"
    )
    response = client.post(f"{ADMIN}guide/venue/import/", {"file": csv_upload(upload)})
    assert response.status_code == 302

    def kept(venue):
        return [
            (change.field, change.old, change.new, change.changed_by_name)
            for change in VenueNumberChange.objects.filter(venue=venue).order_by("pk")
        ]

    assert kept(Venue.objects.get(slug="cala-sol")) == [
        ("country", "", "ES", "sea-lifeguard"),
        ("lifeguard_phone", "", "+34600000123", "sea-lifeguard"),
    ]
    assert kept(beach)[-1] == ("emergency_number", "112", "+34900202202", "sea-lifeguard")
    page = client.get(f"{ADMIN}guide/venue/{beach.pk}/change/").content.decode()
    history = page[page.index("Changes of its numbers") :]
    assert "+34900202202" in history
    assert "sea-lifeguard" in history
    # Today's conditions change no number: the record stays as it was.
    before = VenueNumberChange.objects.count()
    client.post("/es/operator/playa-azul/", {"flag": "red"})
    assert Venue.objects.get(pk=beach.pk).conditions.flag == "red"
    assert VenueNumberChange.objects.count() == before


def test_a_superuser_imports_into_the_organisation_named(two_organisations):
    root = User.objects.create_superuser("root", "root@example.com", OPERATOR_PASSWORD)
    client = operator_client(root)
    good = IMPORT_HEADER + "lido-two,Lido Two,pool,en,,GB,,999,,Chair,7-20,Desk,Wall,no\n"
    response = client.post(
        f"{ADMIN}guide/venue/import/",
        {"file": csv_upload(good), "organisation": two_organisations["pools"].pk},
    )
    assert response.status_code == 302
    assert Venue.objects.get(slug="lido-two").organisation == two_organisations["pools"]


def test_the_admin_takes_a_file_of_thousands_of_venues_and_refuses_one_past_8_mb(
    two_organisations,
):
    from many_venues import csv_file

    client = operator_client(two_organisations["sea_operator"])
    data = csv_file(7000)
    assert len(data) > 1_000_000  # past Django's and nginx's limit for other requests
    upload = SimpleUploadedFile("venues.csv", data, content_type="text/csv")
    response = client.post(f"{ADMIN}guide/venue/import/", {"file": upload, "dry_run": "on"})
    assert "Checked, nothing written: 7000 new, 0 updated, 0 unchanged venues." in (
        response.content.decode()
    )
    huge = SimpleUploadedFile("venues.csv", b"x" * (8 * 1024 * 1024 + 1), content_type="text/csv")
    response = client.post(f"{ADMIN}guide/venue/import/", {"file": huge})
    assert "The file is larger than 8 MB" in response.content.decode()
    assert not Venue.objects.filter(slug__startswith="import-").exists()
