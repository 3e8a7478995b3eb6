"""gunicorn's settings for Cramp Aid: `gunicorn -c cramps_site/deploy/gunicorn.conf.py`.

Behind nginx (nginx.conf beside this file) on the same machine. Each value can be overridden
on the command line or by gunicorn's own variables (GUNICORN_CMD_ARGS, WEB_CONCURRENCY).
"""

import multiprocessing
import os

wsgi_app = "cramps_site.wsgi:application"
# Only nginx on this machine talks to gunicorn; it serves the public on 80 and 443. Under
# systemd, cramp-aid.socket opens this address and hands it over (then `bind` is not used), so
# the address stays open while gunicorn restarts.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads keep connections alive between requests and let a slow database query not hold a
# whole process; pages are mostly served from memory (cramps_site/page_cache.py).
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "gthread"
threads = 4
# A request that takes longer than this is stuck: the worker is replaced.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Load the app once, before forking: a misconfiguration stops gunicorn at start, with the
# reason, instead of workers failing to boot one after another.
preload_app = True
# Trust X-Forwarded-Proto/-For only from the proxies in front (nginx on this machine): the same
# variable, the same default, as the app's own list (settings.TRUSTED_PROXIES).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"
# Access log to standard output, errors to standard error: journald (or the container) keeps
# both. The app's own log lines go to standard output too (settings.LOGGING).
accesslog = "-"
errorlog = "-"
# %(h)s is the client: the app puts the address our proxy saw in REMOTE_ADDR
# (cramps_site/proxies.py).
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# systemd starts, restarts and stops it; no control socket in the service user's home.
control_socket_disable = True


def when_ready(server):
    """Fixes the release's version in the master, before any worker forks.

    The app is loaded here (preload_app), but the version (guide/offline.py) is computed from
    the files on disk on first use. Left to each worker, one that first answers while
    update.sh is pulling the next release would mix old code with new files and announce a
    version no release has; installed apps would fetch and discard its pages.
    """
    from guide import offline  # the app is loaded by now, not when this file is read

    offline.version()
