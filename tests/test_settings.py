"""Production settings refuse unsafe configurations; they are checked in a fresh process."""

import os
import subprocess
import sys

from django.conf import settings

GOOD_KEY = "k" * 20 + "-production-key-with-enough-entropy-0123456789"


def run_production_check(**env_overrides: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE: set in this process by the browser fixture once a
        # browser test has run; a deployment never has it (check --deploy: async.E001).
        if key not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(DJANGO_SETTINGS_MODULE="newsroom.settings.production", **env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_production_check(ALLOWED_HOSTS="newsroom.example.id")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_with_debug_on():
    result = run_production_check(
        SECRET_KEY=GOOD_KEY, DEBUG="true", ALLOWED_HOSTS="newsroom.example.id"
    )
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_check_deploy_is_clean_with_a_proper_environment():
    result = run_production_check(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="newsroom.example.id")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_time_and_language_defaults():
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.USE_TZ is True
    assert settings.LANGUAGE_CODE == "id"
