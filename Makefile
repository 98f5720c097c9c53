# make run  : venv + install + migrate + reference and demo data + serve on http://127.0.0.1:$(PORT)
# make test : dev dependencies + quality gate + whole suite (DATABASE_URL=postgres://… for PostgreSQL)
#             + the multi-process test (PostgreSQL and Redis on loopback, whatever DATABASE_URL)
# Both first check the system packages (scripts/ensure-system-deps.sh): installed with apt-get
# when missing and run as root, else a stop with the exact command to run.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run test quality pytest unit e2e multiprocess bench data install install-dev system-deps system-deps-run clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)
install-dev: $(DEV_STAMP)

# Pango and fonts for the PDFs; for the suite also /usr/bin/chromium and pdftotext.
system-deps-run:
	bash scripts/ensure-system-deps.sh run

system-deps:
	bash scripts/ensure-system-deps.sh test

data: system-deps-run install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py territories_load
	DEBUG=1 $(BIN)/python manage.py referentiel_load
	DEBUG=1 $(BIN)/python manage.py demo_load
	DEBUG=1 $(BIN)/python manage.py poles_locate

run: data
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

quality: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	SECRET_KEY=quality-check $(BIN)/python manage.py makemigrations --check --dry-run

# Two processes for everything but the browser tests (pytest-xdist: 2 cores), then the browser
# tests in one. `make unit` skips the browser.
PYTEST := PTCE_DEMO=1 SECRET_KEY=test-only DJANGO_ALLOW_ASYNC_UNSAFE=1 $(BIN)/pytest
XDIST ?= -n 2

pytest: system-deps install-dev
	$(PYTEST) $(XDIST) -m "not e2e" $(PYTEST_ARGS)
	$(PYTEST) -m e2e $(PYTEST_ARGS) || [ $$? -eq 5 ]  # 5: no browser test among PYTEST_ARGS

unit: install-dev
	$(PYTEST) $(XDIST) -m "not e2e" $(PYTEST_ARGS)

e2e: system-deps install-dev
	PTCE_DEMO=1 SECRET_KEY=test-only DJANGO_ALLOW_ASYNC_UNSAFE=1 $(BIN)/pytest tests/e2e

# Three gunicorn servers, two Huey consumers, PostgreSQL and Redis on loopback (PTCE_MP_POSTGRES,
# PTCE_MP_REDIS_URL), moto for S3, a mail server and a webhook receiver that come up late: the
# checks of scripts/multiprocess/checks.py, within PTCE_MP_TIMEOUT seconds, nothing left running.
multiprocess: install-dev
	$(BIN)/python scripts/multiprocess/run.py

test: system-deps quality pytest multiprocess

bench: install-dev
	bash scripts/ensure-system-deps.sh bench
	for f in bench/*.py; do SECRET_KEY=bench $(BIN)/python $$f; done

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
