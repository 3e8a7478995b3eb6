#!/bin/sh
# Runs one manage.py command on a deployed Cramp Aid as the service does: as its user, in its
# checkout, with /etc/cramp-aid/env alone (README, "Deploying"). As root:
#
#   /srv/cramp-aid/app/cramps_site/deploy/manage.sh createsuperuser
#
# Run by root it re-runs itself as the service user (runuser). Without the settings, manage.py
# would use a new SQLite file in the checkout instead of your database: it refuses settings
# that name none. CRAMP_AID_USER and CRAMP_AID_ENV_FILE as for update.sh.
set -eu

user=${CRAMP_AID_USER:-cramp-aid}
env_file=${CRAMP_AID_ENV_FILE:-/etc/cramp-aid/env}
app=$(cd "$(dirname "$0")/../.." && pwd -P) # this script lives in cramps_site/deploy/

fail() {
    printf 'manage.sh: %s\n' "$*" >&2
    exit 1
}

me=$(id -un)
if [ "$me" != "$user" ]; then
    [ "$(id -u)" -eq 0 ] || fail "run it as root or as $user, not as $me."
    id -u "$user" >/dev/null 2>&1 ||
        fail "there is no user $user: the README's Deploying section creates it."
    cd "$app" # runuser keeps the directory: one the service user may enter
    exec runuser -u "$user" -- "$app/cramps_site/deploy/manage.sh" "$@"
fi

cd "$app"
[ -r "$env_file" ] ||
    fail "$me cannot read $env_file: create it as the README's Deploying section says."
# Forget the app's settings the caller's shell may have exported: only the file counts.
# (DJANGO_SUPERUSER_* stay: createsuperuser --noinput reads them.)
settings='^((DJANGO|GUNICORN)_[A-Za-z0-9_]*|DATABASE_URL|WEB_CONCURRENCY|FORWARDED_ALLOW_IPS|CRAMP_AID_(EMERGENCY_NUMBER|PUBLIC_URL|PUBLIC_CACHE_SECONDS|VENUE_CACHE_SECONDS|RELEASE))='
for name in $(env | grep -E "$settings" | grep -v '^DJANGO_SUPERUSER_' | cut -d= -f1); do
    unset "$name"
done
set -a
# shellcheck disable=SC1090 # the file is the administrator's, named above
. "$env_file"
set +a
if [ -z "${DATABASE_URL:-}" ] && [ -z "${DJANGO_DATABASE_PATH:-}" ]; then
    fail "$env_file sets neither DATABASE_URL (PostgreSQL) nor DJANGO_DATABASE_PATH (SQLite):" \
        "manage.py would use a new db.sqlite3 in $app instead of your database."
fi
exec .venv/bin/python manage.py "$@"
