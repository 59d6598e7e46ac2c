# Strategy Tracker: `make run` serves the site with demo data, `make test` runs the whole suite.
# Both install what they need on a fresh machine (Debian or Ubuntu; as root, or with sudo).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6 needs Python 3.12 or newer. Look in the order a user's machine or this project's
# build machines keep one: on PATH first, then pyenv's version folders.
# Newest first among pyenv's folders.
PYTHON_CANDIDATES := python3 python3.14 python3.13 python3.12 \
	$(shell ls -d $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3 \
	  /root/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -r -V -u)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help run test lint check-migrations venv system-test-deps govuk bench bench-sizes faults backup restore clean

help:
	@echo "make run    set up and serve on http://$(HOST):$(PORT) with demo data (SQLite)"
	@echo "make test   lint, migration check and the whole suite on PostgreSQL and Chromium"
	@echo "make bench  every kind of page under load on the demo and a national dataset (bench/results.md)"
	@echo "make faults readers and officers saving under gunicorn while a worker dies and PostgreSQL restarts"
	@echo "make backup [BACKUP_DIR=backups]  compressed pg_dump of DATABASE_URL, named by the time"
	@echo "make restore FILE=...              restore a backup into an empty DATABASE_URL"
	@echo "make govuk  rebuild the committed GOV.UK Frontend CSS and JS (needs Node and npm)"

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@python=""; \
	for candidate in $(PYTHON_CANDIDATES); do \
	  if command -v "$$candidate" >/dev/null 2>&1 && \
	     "$$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    python="$$(command -v "$$candidate")"; break; \
	  fi; \
	done; \
	if [ -z "$$python" ]; then \
	  echo "Strategy Tracker needs Python 3.12 or newer (Django 6 does), with venv."; \
	  echo "None was found on PATH or in ~/.pyenv/versions. On Debian or Ubuntu: apt-get install python3 python3-venv"; \
	  exit 1; \
	fi; \
	if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  rm -rf $(VENV); \
	fi; \
	[ -x $(PY) ] || { echo "Creating $(VENV) with $$python ($$($$python --version))"; "$$python" -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet --disable-pip-version-check --group dev
	@touch $@

# The test suite needs a PostgreSQL server, a Redis server (the shared cache), nginx (which
# sends the whole-dataset files in production) and Debian's Chromium; install them where missing,
# with Pango for WeasyPrint's PDFs, poppler's pdftotext to read those PDFs back, and a Java
# runtime for the Nu HTML Checker. Slim Debian images drop /usr/share/man, where the Java
# runtime's install script links its manual page, so that folder is made first.
system-test-deps:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || missing="$$missing postgresql"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	dpkg -s libatomic1 >/dev/null 2>&1 || missing="$$missing libatomic1"; \
	dpkg -s libpango-1.0-0 >/dev/null 2>&1 || missing="$$missing libpango-1.0-0"; \
	dpkg -s libpangoft2-1.0-0 >/dev/null 2>&1 || missing="$$missing libpangoft2-1.0-0"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing="$$missing nginx-light"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  $(SUDO) mkdir -p /usr/share/man/man1; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing fonts-liberation >/dev/null; \
	fi

run: venv
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	@if $(MANAGE) help load_demo >/dev/null 2>&1; then $(MANAGE) load_demo; fi
	@echo
	@echo "Strategy Tracker is at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo
	$(MANAGE) runserver $(HOST):$(PORT)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

check-migrations: venv
	$(MANAGE) makemigrations --check --dry-run

test: venv system-test-deps lint check-migrations
	DJANGO_ALLOW_ASYNC_UNSAFE=true .ci/with-postgres .ci/with-redis $(VENV)/bin/pytest $(PYTEST_ARGS)

# Every kind of page under load (wrk, concurrency 8) against gunicorn with production settings,
# on the demo data and then with the national dataset added, with /healthz as the ceiling; writes
# bench/results.md. Fails only on errors. About ten minutes on two cores; not part of `make test`.
bench: venv system-test-deps
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq; DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
	.ci/with-postgres .ci/with-redis $(PY) .ci/bench.py $(BENCH_ARGS)

# How page time and memory grow between a small and a ten-times-larger dataset, in process.
bench-sizes: venv system-test-deps
	.ci/with-postgres $(VENV)/bin/pytest -s -q tests/benchmarks/bench_public_pages.py

# Public readers and officers saving progress updates against gunicorn and a throwaway
# PostgreSQL, with a worker killed and PostgreSQL restarted mid-run (about two minutes). Fails if
# an acknowledged save is missing or anything answered 500. Not part of `make test`.
faults: venv system-test-deps
	.ci/with-postgres $(PY) .ci/faults.py $(FAULTS_ARGS)

BACKUP_DIR ?= backups

backup: venv
	$(MANAGE) backup_database --dir "$(BACKUP_DIR)"

restore: venv
	@[ -n "$(FILE)" ] || { echo "Name the backup to restore: make restore FILE=backups/strategy-tracker-....dump"; exit 2; }
	$(MANAGE) restore_database "$(FILE)"

govuk:
	.ci/build-govuk

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
