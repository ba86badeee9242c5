"""Migrations can be rolled back: every operation of the project's migrations is
reversible unless it is listed below with the reason (docs/operations.md gives the
rules), and the whole chain really migrates to zero and back on a scratch database."""

import os
import re
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


# --- Long locks on the big tables -----------------------------------------------------
# Tables that hold (or grow with) every release: a lock on them during a deploy queues
# the public site (docs/operations.md, "Migrations under traffic").
BIG_TABLES = {
    ("articles", "article"),
    ("articles", "historicalarticle"),
    ("articles", "articleofficial"),
    ("articles", "articleevent"),
    ("articles", "article_topics"),
}
BIG_TABLE_NAMES = {f"{app}_{model}" for app, model in BIG_TABLES}
# Operations that lock a big table for as long as it has rows: a non-concurrent index
# build (blocks writes), a validated constraint or foreign key (scans the table), a
# column type change or a stored generated column (rewrites the table, blocks reads).
LOCKING_OPERATIONS = {
    "AddIndex",
    "AddConstraint",
    "AlterField",
    "RemoveIndex",
    "AlterUniqueTogether",
}
LOCKING_SQL = [
    re.compile(r"CREATE\s+(UNIQUE\s+)?INDEX\s+(?!CONCURRENTLY)", re.IGNORECASE),
    re.compile(r"GENERATED\s+ALWAYS\s+AS\s*\(.*?\)\s*STORED", re.IGNORECASE | re.DOTALL),
    re.compile(r"ALTER\s+COLUMN\s+\w+\s+(SET\s+DATA\s+)?TYPE", re.IGNORECASE),
]
# Migrations of the first release: they run on an empty archive before the site serves
# any traffic, so their locks cost nothing. A later migration doing the same must use
# the concurrent forms (rule 3-4 in docs/operations.md) or be listed with its plan.
LONG_LOCK_ALLOWED: dict[tuple[str, str], str] = {
    ("articles", "0002_article_editorial_workflow"): "first release (foreign keys + indexes)",
    ("articles", "0003_article_search_vector"): "first release (generated column, indexes)",
    ("reports", "0001_article_month_covering_index"): "first release (covering index)",
}


def locks_a_big_table(migration) -> list[str]:
    found = []
    # A table created by this very migration is empty: nothing to wait for.
    created = {op.name.lower() for op in migration.operations if hasattr(op, "fields")}
    for operation in migration.operations:
        name = type(operation).__name__
        model = (migration.app_label, getattr(operation, "model_name", "") or "")
        if model[1].lower() in created:
            continue
        if (model in BIG_TABLES or (model[0], model[1].lower()) in BIG_TABLES) and (
            name in LOCKING_OPERATIONS
            or (name == "AddField" and operation.field.is_relation and operation.field.db_index)
        ):
            found.append(f"{name} on {model[1]}")
    source = Path(sys.modules[type(migration).__module__].__file__).read_text()
    if any(table in source for table in BIG_TABLE_NAMES):
        found += [f"SQL {pattern.pattern!r}" for pattern in LOCKING_SQL if pattern.search(source)]
    return found


def test_no_migration_takes_a_long_lock_on_the_big_tables():
    locking = {key: found for key, m in project_migrations() if (found := locks_a_big_table(m))}
    unexplained = {key: found for key, found in locking.items() if key not in LONG_LOCK_ALLOWED}
    assert not unexplained, (
        "These lock the articles tables while they build (use AddIndexConcurrently / "
        "CREATE INDEX CONCURRENTLY with atomic = False, NOT VALID constraints, expand and "
        f"backfill; see docs/operations.md): {unexplained}"
    )
    stale = set(LONG_LOCK_ALLOWED) - set(locking)
    assert not stale, f"Listed as locking but no longer are: {stale}"


def test_the_lock_check_sees_a_plain_index_and_accepts_a_concurrent_one():
    from django.contrib.postgres.operations import AddIndexConcurrently
    from django.db import migrations, models

    class Plain(migrations.Migration):
        operations = [
            migrations.AddIndex("article", models.Index(fields=["title"], name="article_title"))
        ]

    class Concurrent(migrations.Migration):
        atomic = False
        operations = [
            AddIndexConcurrently("article", models.Index(fields=["title"], name="article_title"))
        ]

    assert locks_a_big_table(Plain("0099_plain", "articles")) == ["AddIndex on article"]
    assert locks_a_big_table(Concurrent("0099_concurrent", "articles")) == []
