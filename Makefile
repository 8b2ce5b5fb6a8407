# The one entry point: make run, make test. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
export DJANGO_DEBUG ?= 1

.PHONY: install pdf-libraries db run serve nginx replica replica-stop slow-clients test test-fast lint browser gettext messages bench loadtest backup restore clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

install: pdf-libraries $(VENV)/.installed

# Debian's Pango and a font for WeasyPrint, which renders the PDF documents.
pdf-libraries:
	@{ ldconfig -p | grep -q 'libpangoft2-1.0.so.0' && fc-list -q 'DejaVu Sans'; } 2>/dev/null || { \
	  echo "Installing Debian's Pango and DejaVu fonts for the PDF documents"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 fontconfig fonts-dejavu-core >/dev/null; }

# Creates the database if missing (starting a project-local PostgreSQL under
# var/ when none answers), migrates, and loads every source document.
db: install
	$(MANAGE) ensure_database
	$(MANAGE) migrate --no-input
	$(MANAGE) import_compendium
	$(MANAGE) import_projects
	$(MANAGE) import_academy

run: db
	$(MANAGE) collectstatic --no-input --verbosity 0
	@echo
	@echo "  The portal runs at http://127.0.0.1:8000/"
	@echo "  Editors sign in at http://127.0.0.1:8000/$${DJANGO_ADMIN_URL:-admin/}"
	@echo "  Create an editor account:  $(MANAGE) create_editor <username> <email>"
	@echo
	$(MANAGE) runserver 127.0.0.1:8000

# The production stack on this machine: nginx on 127.0.0.1:$(PORT) in front of
# gunicorn on a Unix socket, production settings (DJANGO_SECRET_KEY required).
PORT ?= 8080
serve: db nginx
	@test -n "$$DJANGO_SECRET_KEY" || { echo "DJANGO_SECRET_KEY is not set: the production stack refuses to start without it."; exit 2; }
	DJANGO_DEBUG=0 $(MANAGE) collectstatic --no-input --verbosity 0
	$(PY) deploy/serve.py --port $(PORT)

# A local streaming replica of the primary under var/replica (port 54330), run as
# the postgres user; prints the DATABASE_REPLICA_URL to export. Idempotent.
replica: install
	$(MANAGE) ensure_database --server-only
	$(MANAGE) replica start
replica-stop: install
	$(MANAGE) replica stop

# Debian's nginx for `make serve` (it runs from a project-local config under var/serve).
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
	  echo "Installing Debian's nginx for make serve"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx >/dev/null; }

# Debian's Chromium for the browser tests (Playwright's own download does not work here).
browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's gettext: makemessages and msgfmt, for `make messages` and the catalogue's test.
gettext:
	@command -v xgettext >/dev/null && command -v msgfmt >/dev/null || { \
	  echo "Installing Debian's gettext for the translations"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gettext >/dev/null; }

# After marking or changing interface strings: update the French catalogue, translate
# what is new (empty or fuzzy), then compile it (the .mo is committed: the portal needs no gettext to run).
messages: install gettext
	$(MANAGE) makemessages -l fr --no-location --no-obsolete --ignore='tests/*' --ignore='bench/*' --ignore='var/*' --ignore='staticfiles/*'
	$(MANAGE) compilemessages -l fr --ignore='.venv'

test: install browser nginx gettext
	$(MANAGE) ensure_database --server-only
	$(MAKE) lint
	$(VENV)/bin/pytest -n 2

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

# Benchmark at several data sizes (separate databases), served by gunicorn on 127.0.0.1.
SIZES ?= 1000 10000 100000
bench: install
	$(MANAGE) ensure_database --server-only
	DJANGO_CACHE_URL=$${DJANGO_CACHE_URL-$$(redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && echo redis://127.0.0.1:6379/1)} \
	  $(PY) bench/run.py --sizes $(SIZES)

# 20 readers against the make serve stack: at rest, beside 50 slow clients, beside an export flood,
# through a 10 s PostgreSQL outage (bench/loadtest.py says what it prints).
loadtest: db nginx
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-benchmark-only-$$(printf 'x%.0s' {1..50})} \
	  $(MANAGE) collectstatic --no-input --verbosity 0
	$(PY) bench/loadtest.py

# Slow clients against gunicorn alone and against the make serve stack: a normal page's time.
slow-clients: db nginx
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-benchmark-only-$$(printf 'x%.0s' {1..50})} \
	  $(MANAGE) collectstatic --no-input --verbosity 0
	$(PY) bench/slow_clients.py

# A pg_dump archive of the database in var/backups/ (or OUTPUT=path).
backup: install
	$(MANAGE) backup_database $(if $(OUTPUT),--output $(OUTPUT))

# make restore FILE=var/backups/….dump [DATABASE=name]: restore an archive.
restore: install
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=path/to/archive.dump [DATABASE=name]"; exit 2; }
	$(MANAGE) restore_database $(FILE) $(if $(DATABASE),--database $(DATABASE))

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
