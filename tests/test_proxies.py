"""Who is asking: forwarding headers count only from the proxies in FORWARDED_ALLOW_IPS.

The test client's requests come from 127.0.0.1 (trusted by default, as nginx on this machine)
unless REMOTE_ADDR says otherwise; 127.0.0.7 is a loopback address no proxy list names.
tests/test_deploy.py sends the same requests to gunicorn and nginx over real sockets.
"""

import ipaddress
import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from cramps_site.proxies import client_address

UNTRUSTED = "127.0.0.7"


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "client"),
    [
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),  # nginx on this machine
        ("::1", "2001:db8::7", "2001:db8::7"),
        ("127.0.0.7", "203.0.113.9", "127.0.0.7"),  # anyone else: the header means nothing
        ("192.0.2.2", "203.0.113.9, 127.0.0.1", "192.0.2.2"),
        # The client wrote the left part; our proxy appended what it saw.
        ("127.0.0.1", "10.9.9.9, 198.51.100.4", "198.51.100.4"),
        ("127.0.0.1", "198.51.100.4, 127.0.0.1", "198.51.100.4"),  # two of our proxies
        ("127.0.0.1", "[2001:db8::7]:443", "2001:db8::7"),
        ("127.0.0.1", "198.51.100.4:5060", "198.51.100.4"),
        ("127.0.0.1", "::ffff:198.51.100.4", "198.51.100.4"),
        # No address where our proxy's should be: the proxy's own, never the text.
        ("127.0.0.1", "not-an-ip <b>x</b>", "127.0.0.1"),
        ("127.0.0.1", "", "127.0.0.1"),
    ],
)
def test_the_client_is_read_from_the_right_through_trusted_proxies_only(
    peer, forwarded_for, client
):
    assert client_address(peer, forwarded_for) == ipaddress.ip_address(client)


def test_networks_can_be_trusted(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/24")]
    assert client_address("10.0.0.5", "198.51.100.4") == ipaddress.ip_address("198.51.100.4")
    assert client_address("10.0.1.5", "198.51.100.4") == ipaddress.ip_address("10.0.1.5")


def test_https_is_believed_only_from_a_trusted_proxy():
    # Plain http underneath, as between nginx and gunicorn; production settings redirect it.
    client = Client()
    claimed = client.get("/en/now/", headers={"x-forwarded-proto": "https"}, REMOTE_ADDR=UNTRUSTED)
    assert claimed.status_code == 301
    assert claimed["Location"] == "https://testserver/en/now/"
    proxied = client.get("/en/now/", headers={"x-forwarded-proto": "https"})
    assert proxied.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("peer", "forwarded_for", "stored"),
    [
        (UNTRUSTED, "203.0.113.9", UNTRUSTED),
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),
        (UNTRUSTED, "not-an-ip <b>x</b>", UNTRUSTED),
        ("127.0.0.1", "not-an-ip <b>x</b>", "127.0.0.1"),
    ],
)
def test_a_failed_sign_in_is_counted_against_the_address_that_is_known(
    client, peer, forwarded_for, stored
):
    # On PostgreSQL the address column is `inet`: a string that is no address would be a 500.
    User.objects.create_superuser("operator", "op@example.com", "a-long-operator-password-7")
    response = client.post(
        "/admin/login/",
        {"username": "operator", "password": "wrong", "otp_token": "123456"},
        headers={"x-forwarded-for": forwarded_for},
        REMOTE_ADDR=peer,
    )
    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == stored


def settings_process(*arguments, **environment):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FORWARDED"))}
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "cramps_site.settings", **environment},
        capture_output=True,
        text=True,
        check=False,
    )


def test_trusting_every_sender_is_refused_at_start():
    # gunicorn accepts "*"; the app does not: that is what let anyone claim any address.
    result = settings_process("-c", "import django; django.setup()", FORWARDED_ALLOW_IPS="*")
    assert result.returncode != 0
    assert "FORWARDED_ALLOW_IPS: '*' is not an address or network" in result.stderr
    # Host bits under a network's mask: gunicorn refuses it too, so both read one list.
    sloppy = settings_process(
        "-c", "import django; django.setup()", FORWARDED_ALLOW_IPS="10.0.0.5/24"
    )
    assert "FORWARDED_ALLOW_IPS: '10.0.0.5/24' is not an address or network" in sloppy.stderr
    listed = settings_process(
        "-c", "import django; django.setup()", FORWARDED_ALLOW_IPS="10.0.0.0/24, 192.0.2.7"
    )
    assert listed.returncode == 0, listed.stderr


def test_the_retired_proxy_switch_is_named_by_the_deploy_check():
    result = settings_process("manage.py", "check", "--deploy", DJANGO_BEHIND_PROXY="1")
    assert "cramps_site.W005" in result.stdout + result.stderr
