# Two commands for a newcomer: `make run` (set up and serve the portal with demo data and the scheduled
# jobs, no server to install) and `make test` (set up and run the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= hdnd_portal.settings.local

# The committed schema is generated on the embedded SQLite settings whatever DATABASE_URL says: integer
# bounds in the schema come from the database backend, and the file must not change with the machine.
SCHEMA := env -u DATABASE_URL DJANGO_SETTINGS_MODULE=hdnd_portal.settings.test $(PY) manage.py spectacular

.PHONY: install system-packages run serve test lint check schema messages bench bench-national backup restore clean doc-templates doc-previews

$(VENV)/.install-stamp: pyproject.toml package.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	npm install --no-audit --no-fund --loglevel=error
	touch $@

install: system-packages $(VENV)/.install-stamp

# Debian packages the PDFs need: WeasyPrint lays out with Pango and HarfBuzz, and DejaVu Serif (every Vietnamese
# letter) is the font it embeds. Installed only when missing, with sudo unless already root; on a machine
# without apt-get it says what to install instead.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	    $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq \
	      --no-install-recommends $$missing >/dev/null; \
	  else echo "PDF documents need Pango, HarfBuzz and a serif with Vietnamese (here: $$missing)"; fi; \
	fi

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py load_rules
	$(PY) manage.py compute_compliance
	$(MAKE) --no-print-directory serve

# The web server and a real Celery worker with its beat scheduler, side by side; Ctrl-C stops both. The one
# worker consumes every queue of CELERY_TASK_ROUTES (hdnd_portal/settings/base.py, HDND_CELERY_QUEUES).
CELERY_QUEUES := default,compliance,notifications,exports
serve:
	@echo "Cổng HĐND: http://127.0.0.1:$(PORT)/  (đăng nhập: vanphong / hdnd-demo-2026)"
	@trap 'kill 0' EXIT INT TERM; \
	$(VENV)/bin/celery -A hdnd_portal worker --beat --pool=solo --loglevel=INFO -Q $(CELERY_QUEUES) \
	  --schedule var/celerybeat-schedule & \
	$(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload

test: install
	DJANGO_SETTINGS_MODULE=hdnd_portal.settings.test $(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=hdnd_portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(SCHEMA) --file /tmp/hdnd-schema.yml --validate --fail-on-warn
	diff -u docs/openapi.yml /tmp/hdnd-schema.yml

schema: install
	$(SCHEMA) --file docs/openapi.yml --validate

messages: install
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

# The deep fuzz pass: schemathesis sends 100 examples to every operation and method of the API (the suite sends 10),
# on PostgreSQL when DATABASE_URL names one (its test database is created afresh), else on SQLite.
.PHONY: fuzz
fuzz: install
	HDND_FUZZ_EXAMPLES=100 DJANGO_SETTINGS_MODULE=hdnd_portal.settings.test $(VENV)/bin/pytest tests/api/test_fuzz.py \
	  -p no:cacheprovider -q

# The committed Word templates of every document kind (documents/templates_docx/*.docx), rebuilt from their script.
doc-templates: install
	$(PY) documents/templates_docx/build.py

# One page of each PDF form as a picture in docs/documents/ (pdftoppm, from Debian's poppler-utils).
doc-previews: install
	@command -v pdftoppm >/dev/null 2>&1 || { sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$sudo apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null; }
	rm -rf var/previews && mkdir -p docs/documents
	DJANGO_SETTINGS_MODULE=hdnd_portal.settings.test $(PY) manage.py document_previews var/previews
	for pdf in var/previews/*.pdf; do \
	  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$$pdf" docs/documents/$$(basename "$$pdf" .pdf); done

bench: install
	$(PY) benchmarks/run.py

# The figures of issue 13 on a copy of the seed_national database (README: Reproduce the national benchmark).
# No `install` step: it only reads the venv (the locust package comes with the dev extras).
bench-national:
	@test -n "$$DATABASE_URL" || { echo "DATABASE_URL must name a copy of the seed_national database"; exit 2; }
	$(PY) benchmarks/national.py --load $(ARGS)

# The database of DATABASE_URL and the uploaded files into var/backups/<timestamp>/ (README: Backups).
# No install needed: pg_dump, pg_restore and tar do the work.
backup:
	scripts/backup.sh

restore:
	scripts/restore.sh "$(FILE)" "$(DB)" "$(MEDIA)"

# Everything generated, but not the backups in var/backups.
clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
	find var -mindepth 1 -maxdepth 1 ! -name backups -exec rm -rf {} + 2>/dev/null || true
