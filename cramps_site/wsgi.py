"""WSGI entry point: `gunicorn -c cramps_site/deploy/gunicorn.conf.py` in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cramps_site.settings")
django_application = get_wsgi_application()

from cramps_site.checks import refuse_to_serve_if_misconfigured  # noqa: E402
from cramps_site.page_cache import KeptPages  # noqa: E402
from cramps_site.proxies import TrustedProxies  # noqa: E402
from guide.offline import OtherVersionsUnshared  # noqa: E402

# Refuse to serve a production configuration that would fail at random (README, Deploying).
refuse_to_serve_if_misconfigured()
# Pages the same for everyone are answered from memory once rendered (cramps_site/page_cache.py),
# after the forwarding headers of anyone but our proxies are dropped (cramps_site/proxies.py); an
# answer for another release's worker is never kept by a shared cache (guide/offline.py).
application = TrustedProxies(OtherVersionsUnshared(KeptPages(django_application)))
