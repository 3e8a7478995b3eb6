"""Who is asking: the client's address and scheme, read from forwarding headers only when a
trusted proxy sent them.

X-Forwarded-For and X-Forwarded-Proto are whatever the sender wrote. They mean something only
when the sender is one of our proxies (FORWARDED_ALLOW_IPS, the same list gunicorn trusts), which
overwrites or appends them itself. From anyone else they are dropped before anything reads them:
the page cache's key, `request.is_secure()`, the sign-in throttle, the access log.

After `trust(environ)`, REMOTE_ADDR is the client's address as our proxies saw it (so gunicorn's
access log and django-axes read the right one), the direct peer is kept under PEER, and the
forwarding headers are present only if a trusted proxy sent them.
"""

import ipaddress

from django.conf import settings

PEER = "cramp_aid.peer"  # the direct peer's address, as the server saw it
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO")


def parse_address(text):
    """An IP address from a header or the server, canonical; None if it is not one.

    Proxies write "1.2.3.4", "2001:db8::1", "[2001:db8::1]:443" or "1.2.3.4:5678"; an
    IPv4-mapped IPv6 address ("::ffff:1.2.3.4") is the IPv4 address it carries.
    """
    text = (text or "").strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address


def is_trusted(address):
    return address is not None and any(address in network for network in settings.TRUSTED_PROXIES)


def client_address(peer, forwarded_for):
    """The client, from the nearest hop leftwards that is not one of our proxies.

    Each trusted proxy appends the address it saw, so the list is read from the right: the
    first entry no trusted proxy could have written is the client. Anything left of it was
    written by the client itself. An entry that is no address ends the walk.
    """
    address = parse_address(peer)
    if not is_trusted(address):
        return address
    for entry in reversed((forwarded_for or "").split(",")):
        hop = parse_address(entry)
        if hop is None:
            break
        address = hop
        if not is_trusted(hop):
            break
    return address


def trust(environ):
    """Rewrites a WSGI environ (or a request's META) as described above; once per request."""
    if PEER in environ:
        return environ
    peer = environ.get("REMOTE_ADDR", "")
    environ[PEER] = peer
    if is_trusted(parse_address(peer)):
        address = client_address(peer, environ.get("HTTP_X_FORWARDED_FOR"))
    else:
        address = parse_address(peer)
        for name in FORWARDED_HEADERS:
            environ.pop(name, None)
    # Never an invalid string: PostgreSQL's inet columns (django-axes) would refuse it.
    environ["REMOTE_ADDR"] = str(address) if address is not None else ""
    return environ


class TrustedProxies:
    """The WSGI front: cleans the environ before the page cache or Django read it."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        return self.application(trust(environ), start_response)


def middleware(get_response):
    """The same for requests that do not come through the WSGI front (ASGI, the test client)."""

    def trusted(request):
        trust(request.META)
        return get_response(request)

    return trusted
