#!/bin/sh
# Brings a deployed Cramp Aid up to date with its git upstream (README, "Updating"). As root:
#
#   /srv/cramp-aid/app/cramps_site/deploy/update.sh
#
# It pulls, installs into .venv, compiles the messages, checks the settings, migrates and
# collects the static files as the service user (re-running itself with runuser), then restarts
# the service as root and asks /healthz. The first step that fails stops it, saying which;
# until the restart the service runs the code it had loaded. The first deploy runs it too.
# `update.sh build` does the steps before the restart only, as the service user.
#
# Settings come from /etc/cramp-aid/env alone, as for the service: none from the caller's shell.
# For another layout (and tests/test_update.py), set in the environment:
#   CRAMP_AID_USER      the service user, who owns the checkout (cramp-aid)
#   CRAMP_AID_ENV_FILE  the settings file the service reads (/etc/cramp-aid/env)
#   CRAMP_AID_SERVICE   the systemd service to restart (cramp-aid.service)
set -eu

user=${CRAMP_AID_USER:-cramp-aid}
env_file=${CRAMP_AID_ENV_FILE:-/etc/cramp-aid/env}
service=${CRAMP_AID_SERVICE:-cramp-aid.service}
app=$(cd "$(dirname "$0")/../.." && pwd -P)  # this script lives in cramps_site/deploy/
script=$app/cramps_site/deploy/update.sh

say() { printf 'update.sh: %s\n' "$*"; }
fail() {
    printf 'update.sh: %s\n' "$*" >&2
    exit 1
}

# What was running when the script stopped, for the message the exit trap prints.
step=
after=
stopped() {
    status=$?
    if [ "$status" -ne 0 ] && [ -n "$step" ]; then
        printf 'update.sh: stopped: %s failed (exit status %s). %s\n' "$step" "$status" "$after" >&2
    fi
}
trap stopped EXIT

# run "what it does" COMMAND...: one step, named in the log and in the message if it fails.
run() {
    step=$1
    shift
    say "$step"
    "$@"
}

load_settings() {
    [ -r "$env_file" ] ||
        fail "$(id -un) cannot read $env_file: create it as the README's Deploying section says" \
            "(owner root, group $user, mode 640)."
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
        fail "$env_file sets neither DATABASE_URL (PostgreSQL) nor DJANGO_DATABASE_PATH" \
            "(SQLite): migrate would create a new db.sqlite3 in $app instead of using your" \
            "database. Nothing was changed."
    fi
}

compile_messages() {
    (cd guide && exec ../.venv/bin/python ../manage.py compilemessages -v 0)
}

build() {
    cd "$app"
    umask 022 # nginx's workers read what collectstatic writes
    [ -x .venv/bin/python ] ||
        fail "$app/.venv is missing: create it as the README's Deploying section says."
    command -v msgfmt >/dev/null ||
        fail "msgfmt is missing, which compilemessages needs: apt-get install gettext"
    after="The service still runs the code it had loaded; fix the cause and run update.sh again."
    run "pulling" git pull --ff-only
    pip="--quiet --disable-pip-version-check"
    # shellcheck disable=SC2086 # $pip is several options
    run "installing into .venv" .venv/bin/python -m pip install $pip 'pip>=25.1'
    # shellcheck disable=SC2086
    .venv/bin/python -m pip install $pip --group app
    run "compiling messages" compile_messages
    run "checking the settings" .venv/bin/python manage.py check --deploy
    run "migrating the database" .venv/bin/python manage.py migrate --noinput
    run "collecting static files" .venv/bin/python manage.py collectstatic --noinput
    step=
    say "built $(git log -1 --format='%h %s')"
}

restart() {
    after="The code is built; as root: systemctl restart $service, then journalctl -u $service."
    run "restarting $service" systemctl restart "$service"
    bind=${GUNICORN_BIND:-127.0.0.1:8000}
    after="The new code runs but does not answer as it should: journalctl -u $service says why."
    case $bind in
    unix:*) run "asking /healthz" curl --fail --silent --show-error --max-time 60 \
        --unix-socket "${bind#unix:}" http://localhost/healthz ;;
    *) run "asking /healthz" curl --fail --silent --show-error --max-time 60 "http://$bind/healthz" ;;
    esac
    echo
    step=
    say "updated: $service runs the new code."
}

case ${1:-} in
build) mode=build ;;
"") mode=update ;;
*) fail "usage: update.sh (as root), or update.sh build (as $user: the steps before the restart)" ;;
esac

me=$(id -un)
if [ "$(id -u)" -eq 0 ] && [ "$me" != "$user" ]; then
    id -u "$user" >/dev/null 2>&1 ||
        fail "there is no user $user: the README's Deploying section creates it."
    owner=$(stat -c %U "$app")
    [ "$owner" = "$user" ] ||
        fail "$app belongs to $owner, not to $user, who must own the checkout: chown -R $user: $app"
    load_settings # refuses before anything changes
    say "building as $user"
    cd "$app" # runuser keeps the directory: one the service user may enter
    runuser -u "$user" -- "$script" build
    [ "$mode" = build ] || restart
elif [ "$me" = "$user" ]; then
    load_settings
    build
    [ "$mode" = build ] || restart
else
    fail "run it as root (it builds as $user, then restarts $service) or as $user, not as $me."
fi
