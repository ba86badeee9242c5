"""The scale-out switches in the environment give the settings the issue names: a
Redis cache for REDIS_URL, sessions in the database (or the cache with the database
behind it, never files), S3 media for a bucket name, one alias per replica URL routed
by the primary/replica router. Each case imports the production settings in a fresh
interpreter, as a server would."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

SHOW = """
import json
from django.conf import settings as s
print(json.dumps({
    "cache": s.CACHES["default"]["BACKEND"],
    "cache_location": s.CACHES["default"].get("LOCATION"),
    "session": s.SESSION_ENGINE,
    "media": s.STORAGES["default"]["BACKEND"],
    "media_options": s.STORAGES["default"].get("OPTIONS", {}),
    "static": s.STORAGES["staticfiles"]["BACKEND"],
    "aliases": sorted(s.DATABASES),
    "replicas": s.DATABASE_REPLICAS,
    "replica_host": s.DATABASES.get("replica_1", {}).get("HOST"),
    "routers": s.DATABASE_ROUTERS,
}))
"""


def production_settings(**env) -> dict:
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "SESSION_STORE", "AWS_STORAGE_BUCKET_NAME"}
        and key not in {"DATABASE_REPLICA_URLS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    base.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="newsroom.example.id",
        DATABASE_URL="postgres://newsroom@db-primary:5432/newsroom",
    )
    base.update(env)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + SHOW],
        cwd=django_settings.BASE_DIR,
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_one_machine_defaults():
    config = production_settings()
    assert config["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert config["session"] == "django.contrib.sessions.backends.db"  # never files
    assert config["media"] == "django.core.files.storage.FileSystemStorage"
    assert config["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert config["aliases"] == ["default"]
    assert config["routers"] == ["ops.router.PrimaryReplicaRouter"]


def test_many_machines():
    config = production_settings(
        REDIS_URL="redis://cache.internal:6379/0",
        SESSION_STORE="cache",
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.id",
        DATABASE_REPLICA_URLS="postgres://newsroom@db-replica-1/newsroom,"
        "postgres://newsroom@db-replica-2/newsroom",
    )
    assert config["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert config["cache_location"] == "redis://cache.internal:6379/0"
    # Sessions in Redis with the database behind them: a Redis restart logs no one out.
    assert config["session"] == "django.contrib.sessions.backends.cached_db"
    assert config["media"] == "storages.backends.s3.S3Storage"
    assert config["media_options"]["bucket_name"] == "newsroom-media"
    assert config["media_options"]["endpoint_url"] == "https://s3.example.id"
    assert config["aliases"] == ["default", "replica_1", "replica_2"]
    assert config["replicas"] == ["replica_1", "replica_2"]
    assert config["replica_host"] == "db-replica-1"


@pytest.mark.parametrize("store", ["file", "signed_cookies", "cache-only"])
def test_sessions_cannot_be_put_on_local_disk_or_elsewhere(store):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "newsroom.example.id",
        "DATABASE_URL": "postgres://newsroom@db-primary:5432/newsroom",
        "SESSION_STORE": store,
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SESSION_STORE must be 'db' or 'cache'" in result.stderr
