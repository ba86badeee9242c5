"""Migrations can be rolled back: every operation of the project's migrations is
reversible unless it is listed below with the reason (docs/operations.md gives the
rules), and the whole chain really migrates to zero and back on a scratch database."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from psycopg import sql

# (app label, migration name) → why it cannot be reversed and what to do instead.
# Keep this short: an irreversible migration means a deploy cannot be rolled back.
IRREVERSIBLE_ALLOWED: dict[tuple[str, str], str] = {}


def project_apps() -> list[str]:
    """Apps whose code lives in this repository (not Django's or third parties')."""
    base = Path(settings.BASE_DIR).resolve()
    return sorted(
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and ".venv" not in Path(config.path).parts
    )


def project_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    labels = set(project_apps())
    return sorted(
        (key, migration) for key, migration in loader.disk_migrations.items() if key[0] in labels
    )


def test_the_project_apps_are_found():
    assert {"accounts", "agencies", "articles"} <= set(project_apps())
    assert {key[0] for key, _ in project_migrations()} >= {"accounts", "agencies", "articles"}


def test_every_migration_is_reversible_or_allowed():
    irreversible = {
        key: [type(op).__name__ for op in migration.operations if not op.reversible]
        for key, migration in project_migrations()
    }
    irreversible = {key: ops for key, ops in irreversible.items() if ops}
    unexplained = {key: ops for key, ops in irreversible.items() if key not in IRREVERSIBLE_ALLOWED}
    assert not unexplained, (
        "Irreversible operations (give RunPython a reverse_code / RunSQL a reverse_sql, "
        f"or list them in IRREVERSIBLE_ALLOWED with the reason): {unexplained}"
    )
    stale = set(IRREVERSIBLE_ALLOWED) - set(irreversible)
    assert not stale, f"Listed as irreversible but no longer are: {stale}"


@pytest.fixture
def scratch_database_url():
    """An empty database next to the test database, dropped afterwards."""
    server_url = os.environ["DATABASE_URL"]
    name = f"migrations_check_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(urlsplit(server_url)._replace(path="/" + name))
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            conn.execute(drop.format(sql.Identifier(name)))


def migrate(*args, url):
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_migrations_run_to_zero_and_back(scratch_database_url):
    migrate(url=scratch_database_url)
    with_migrations = sorted({key[0] for key, _ in project_migrations()})
    with_rollback = [
        label
        for label in with_migrations
        if not any(key[0] == label for key in IRREVERSIBLE_ALLOWED)
    ]
    for label in with_rollback:
        migrate(label, "zero", url=scratch_database_url)
    with psycopg.connect(scratch_database_url) as conn:
        left = conn.execute(
            "SELECT count(*) FROM django_migrations WHERE app = ANY(%s)", [with_rollback]
        ).fetchone()[0]
    assert left == 0
    output = migrate(url=scratch_database_url)
    assert "Applying articles.0001_initial... OK" in output
