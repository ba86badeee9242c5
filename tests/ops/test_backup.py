"""make backup / make restore-check against the test database: a fresh dump restores
to identical tables; a row written after the dump is reported as a difference."""

import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings
from django.db import connection

# The mark makes pytest-django create the test database; the scripts use their own
# connections, so they see the committed reference data, not this test's transaction.
pytestmark = pytest.mark.django_db


@pytest.fixture
def test_database_url():
    """DATABASE_URL of the test database (make test points DATABASE_URL at the empty
    database the test database was created next to)."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def run(command, *, url, backup_dir):
    return subprocess.run(
        command,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": url, "BACKUP_DIR": str(backup_dir)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_fresh_backup_restores_identically(test_database_url, tmp_path):
    dumped = run(["bin/backup"], url=test_database_url, backup_dir=tmp_path)
    assert dumped.returncode == 0, dumped.stderr
    dump = dumped.stdout.strip()
    assert os.path.getsize(dump) > 0
    assert list(tmp_path.iterdir()) == [tmp_path / os.path.basename(dump)]

    checked = run([sys.executable, "bin/restore-check"], url=test_database_url, backup_dir=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    lines = checked.stdout.splitlines()
    region_line = next(line for line in lines if line.startswith("agencies_region "))
    assert region_line.split()[1:] == [region_line.split()[1], region_line.split()[1], "same"]
    assert int(region_line.split()[1].replace(",", "")) > 500  # the 552 regions are there
    assert lines[-1].endswith(", 0 different")


def test_a_difference_is_reported_and_fails(test_database_url, tmp_path):
    assert run(["bin/backup"], url=test_database_url, backup_dir=tmp_path).returncode == 0
    with psycopg.connect(test_database_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO django_session (session_key, session_data, expire_date)"
            " VALUES ('restore-check-probe', 'x', now())"
        )
        try:
            checked = run(
                [sys.executable, "bin/restore-check"], url=test_database_url, backup_dir=tmp_path
            )
        finally:
            conn.execute("DELETE FROM django_session WHERE session_key = 'restore-check-probe'")
    assert checked.returncode == 1
    session_line = next(line for line in checked.stdout.splitlines() if "django_session" in line)
    assert session_line.split()[-1] == "DIFFERENT"
    assert checked.stdout.splitlines()[-1].endswith(", 1 different")


def test_no_dump_is_a_clear_error(test_database_url, tmp_path):
    checked = run([sys.executable, "bin/restore-check"], url=test_database_url, backup_dir=tmp_path)
    assert checked.returncode == 3
    assert "no dump" in checked.stderr
