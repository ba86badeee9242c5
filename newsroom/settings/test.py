"""pytest: always PostgreSQL (DATABASE_URL is set by `make test`), fast hashing."""

import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":  # noqa: F405
    raise ImproperlyConfigured(
        "The test suite runs on PostgreSQL only: set DATABASE_URL=postgres://… "
        "or run `make test`, which starts a throwaway cluster."
    )

# Tests never run collectstatic: serve assets straight from the app and project
# folders, as in development.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A second alias on the same test database (TEST MIRROR), for the read-replica router's
# tests (tests/ops). No replica is in use unless a test sets DATABASE_REPLICAS.
DATABASES["replica_1"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
DATABASE_REPLICAS = []

# Uploads made by tests go to a throwaway folder, never into the checkout.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="newsroom-test-media-"))
