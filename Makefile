# Cramp Aid: `make run` serves the app, `make test` runs every test. Both set themselves up.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000
# manifest.json holds interface strings too; no line numbers, so diffs show real changes.
MAKEMESSAGES_OPTIONS := --no-location --extension html,txt,py,json
VENV := .venv
PY := $(VENV)/bin/python
# The first interpreter that runs and is >= 3.12 (Django 6.1 needs it). pyenv's shims fail
# outside a folder that selects them, so its versions folder is tried too.
PYTHON := $(shell for c in python3.13 python3.12 python3 $$(ls -d $$(pyenv root 2>/dev/null)/versions/3.1[2-9]*/bin/python3 2>/dev/null); do \
  $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$c; break; }; done)

.PHONY: help run test lint format bench icons messages catalogues prepare chromium webkit nginx \
  postgresql wrk clean python check-links check-reviews java npm vnu

# $(call need,PACKAGE): install a Debian package the tests need where this machine allows it
# (root or password-less sudo). In CI a missing tool is an install step, never a reason to skip.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo -n)
define need
	@command -v apt-get >/dev/null && { [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; } || \
	  { echo "Cramp Aid needs '$(1)' here (Debian: apt-get install $(1)). Install it and run make again." >&2; exit 1; }
	@echo "Installing $(1) with apt-get..." >&2
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(1) >/dev/null
endef

help:
	@echo "make run    serve Cramp Aid on http://127.0.0.1:$(PORT) (PORT= to change)"
	@echo "make test   lint, then the whole test suite, real-browser tests included"
	@echo "make bench  print the size, speed and Lighthouse figures"
	@echo "make check-links    ask every cited address whether it still answers (needs internet)"
	@echo "make check-reviews  name the pages whose medical review is due"
	@echo "make icons  redraw the PNG icons from static/icons/icon.svg"

python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Cramp Aid needs Python 3.12 or newer (Django 6.1 requires it); none was found." >&2; \
	  echo "Install one (e.g. 'pyenv install 3.13') and run make again." >&2; exit 1; fi

# One stamp per dependency group, redone when pyproject.toml changes.
$(VENV)/.%.stamp: pyproject.toml | python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check --upgrade 'pip>=25.1'
	@$(PY) -m pip install -q --disable-pip-version-check --group $*
	@touch $@

# Compiled catalogues are built, never committed.
messages: $(VENV)/.app.stamp
ifneq ($(wildcard guide/locale/*/LC_MESSAGES/django.po),)
ifeq ($(shell command -v msgfmt),)
	$(call need,gettext)
endif
	@cd guide && ../$(PY) ../manage.py compilemessages -v 0
endif

# After changing interface strings: refresh every language's catalogue, then translate.
catalogues: $(VENV)/.app.stamp
	cd guide && ../$(PY) ../manage.py makemessages $(MAKEMESSAGES_OPTIONS) \
	  $$(ls locale | sed 's/^/-l /')

prepare: $(VENV)/.app.stamp messages
	@$(PY) manage.py migrate -v 0
	@$(PY) manage.py collectstatic --noinput -v 0

run: prepare
	@$(PY) manage.py load_demo_venues
	@echo "Cramp Aid on http://127.0.0.1:$(PORT)/"
	DJANGO_HTTPS=0 $(PY) manage.py runserver 127.0.0.1:$(PORT)

DJANGO_UPGRADE := $(VENV)/bin/django-upgrade --target-version 6.1

lint: $(VENV)/.lint.stamp
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djade --check $$(git ls-files '*.html')
	$(DJANGO_UPGRADE) --check $$(git ls-files '*.py')

format: $(VENV)/.lint.stamp
	$(DJANGO_UPGRADE) --exit-zero-even-if-changed $$(git ls-files '*.py')
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djade $$(git ls-files '*.html')

chromium:
ifeq ($(shell command -v chromium),)
	$(call need,chromium)
endif

# WebKit, the engine of every browser on an iPhone: WebKitGTK's WebDriver, driven by Selenium
# (tests/browser/webkit/), on a virtual display of its own (Xvfb), since it cannot run headless.
# The phones' languages are locales the tests compile from Debian's locale data (`locales`).
webkit:
ifeq ($(wildcard /usr/bin/WebKitWebDriver),)
	$(call need,webkit2gtk-driver)
endif
ifeq ($(shell command -v Xvfb),)
	$(call need,xvfb)
endif
ifeq ($(wildcard /usr/share/i18n/locales/es_CL),)
	$(call need,locales)
endif

# nginx runs in the tests: the deployed front (tests/test_deploy.py) and, as a CDN's stand-in,
# its proxy cache between Chromium and the app (tests/browser/test_cdn.py).
nginx:
ifeq ($(wildcard /usr/sbin/nginx),)
	$(call need,nginx-light)
endif

# The database tests run a second time on a throwaway cluster (tests/postgres.py).
postgresql:
ifeq ($(wildcard /usr/lib/postgresql/*/bin/initdb),)
	$(call need,postgresql)
endif

# The Nu HTML Checker checks every page (tests/test_html.py): npm's vnu-jar, pinned, run by Java.
VNU_VERSION := 26.9.27
VNU_STAMP := node_modules/.vnu-jar-$(VNU_VERSION).stamp

java:
ifeq ($(shell command -v java),)
	$(call need,default-jre-headless)
endif

npm:
ifeq ($(shell command -v npm),)
	$(call need,npm)
endif

$(VNU_STAMP): | npm
	npm install --silent --no-audit --no-fund --no-save --no-package-lock -E --prefix . \
	  vnu-jar@$(VNU_VERSION)
	@touch $@

vnu: java $(VNU_STAMP)

# `make bench` loads the origin and the static baseline with wrk, on 127.0.0.1 only.
wrk:
ifeq ($(shell command -v wrk),)
	$(call need,wrk)
endif

# Every test on SQLite, then the database tests again on PostgreSQL. pytest-xdist runs them on
# every core (a browser test mostly waits for Chromium and gunicorn), each worker stealing
# tests from the other once its own are done; TEST_PROCESSES=0 runs them in one process.
TEST_PROCESSES ?= auto
XDIST = -n $(TEST_PROCESSES) --dist worksteal
test: $(VENV)/.test.stamp lint prepare chromium webkit nginx postgresql vnu
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest $(XDIST) $(PYTEST_ARGS)
	$(PY) tests/postgres.py $(VENV)/bin/pytest $(XDIST) -m django_db --ignore=tests/browser \
	  $(PYTEST_ARGS)

bench: $(VENV)/.test.stamp prepare chromium nginx wrk
	$(PY) tests/bench.py

# Not part of `make test`: it needs the internet, which CI does not have. Run before each
# content release (README, "Editing content").
check-links: $(VENV)/.app.stamp
	$(PY) manage.py check_links

# The review-date policy, on today's date; tests use a fixed date so CI never fails on a due
# review. Run with check-links before each content release.
check-reviews: $(VENV)/.app.stamp
	$(PY) manage.py check_reviews

icons: $(VENV)/.test.stamp
	$(PY) tests/draw_icons.py

clean:
	rm -rf $(VENV) staticfiles .bench node_modules
