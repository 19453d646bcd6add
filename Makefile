# The two commands of the README: `make run` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test lint install worker beat bench lock clean

$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(INSTALLED)

install: $(INSTALLED)

# Serve the platform on http://127.0.0.1:8000 with reference and demo data.
# SQLite and in-process tasks by default; PostgreSQL and a Celery worker + beat when
# DATABASE_URL and CELERY_BROKER_URL are set.
run: $(INSTALLED)
	bin/run

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Lint, migrations up to date, system checks, then the whole suite on PostgreSQL.
test: $(INSTALLED) lint
	env -u DATABASE_URL $(PY) manage.py makemigrations --check --dry-run
	env -u DATABASE_URL $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=wco_platform.settings.production DJANGO_SECRET_KEY=check-only-$$(date +%s%N)-key-long-enough-for-the-deploy-check-0123456789 \
	  DJANGO_ALLOWED_HOSTS=wco.example DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
	  CELERY_BROKER_URL=redis://127.0.0.1:6379/0 CACHE_URL=redis://127.0.0.1:6379/1 \
	  $(PY) manage.py check --deploy --fail-level WARNING
	$(PY) -m pytest $(PYTEST_ARGS)

worker: $(INSTALLED)
	$(VENV)/bin/celery -A wco_platform worker -l info

beat: $(INSTALLED)
	$(VENV)/bin/celery -A wco_platform beat -l info

bench: $(INSTALLED)
	$(PY) bench/run_all.py

# Pin every dependency of pyproject.toml, with hashes, into requirements.lock (what the Docker
# image installs). Run after changing the dependencies; tests/test_deployment.py checks it.
# Resolved against PyPI alone, whatever this machine's pip configuration adds.
lock: $(INSTALLED)
	env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null $(VENV)/bin/pip-compile --quiet \
	  --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links \
	  --output-file requirements.lock pyproject.toml

clean:
	rm -rf var .ruff_cache
