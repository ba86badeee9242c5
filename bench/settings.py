"""Benchmark settings: production-like (DEBUG off), any host, plus a bare "hello" view."""

from newsroom.settings.base import *  # noqa: F403

SECRET_KEY = "bench-only-key-not-secret-bench-only-key-not-secret-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.urls"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
