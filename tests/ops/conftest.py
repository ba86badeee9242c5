"""Helpers for tests that need a second database alias at run time (a replica, an
unreachable server): the alias is added to settings and to Django's connection
handler for the test only, then closed and removed."""

import contextlib

import pytest
from django.conf import settings
from django.db import connections


@contextlib.contextmanager
def extra_database_alias(alias: str, **overrides):
    config = {**settings.DATABASES["default"], **overrides}
    configured = connections.configure_settings(
        {"default": settings.DATABASES["default"], alias: config}
    )
    settings.DATABASES[alias] = config
    connections.settings[alias] = configured[alias]
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        # connections.settings is usually settings.DATABASES itself: remove from both.
        connections.settings.pop(alias, None)
        settings.DATABASES.pop(alias, None)


@pytest.fixture
def database_alias():
    return extra_database_alias
