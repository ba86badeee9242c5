# Newsroom: `make run` to try it, `make test` to check it. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= newsroom.settings.dev

.PHONY: install run test lint format check-migrations messages clean

# The venv is rebuilt when pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

# Zero set-up: SQLite, reference data and the seed releases, a development admin.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_initial_data
	$(BIN)/python manage.py ensure_dev_admin
	@echo ""
	@echo "  Newsroom is at http://127.0.0.1:$(PORT)/"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/  (user 'admin', password 'newsroom-dev'; development only)"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The whole suite on a real PostgreSQL: DATABASE_URL if set, else a throwaway cluster.
test: install
	@if [ -n "$$DATABASE_URL" ]; then \
		DJANGO_SETTINGS_MODULE=newsroom.settings.test $(BIN)/pytest $(PYTEST_ARGS); \
	else \
		DJANGO_SETTINGS_MODULE=newsroom.settings.test bin/with-postgres $(BIN)/pytest $(PYTEST_ARGS); \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-migrations: install
	$(BIN)/python manage.py makemigrations --check --dry-run

messages: install
	$(BIN)/python manage.py makemessages -l id -l en --ignore=.venv --ignore=bench --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache

# --- Backups (docs/operations.md) --------------------------------------------------------
.PHONY: backup restore-check

# pg_dump (custom format) of DATABASE_URL to backups/newsroom-<UTC>.dump.
backup:
	bin/backup

# Restore the newest dump into a scratch database; compare row counts and checksums.
restore-check: install
	$(BIN)/python bin/restore-check
