import pytest
from django.core.cache import cache
from django.test import Client


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    """Throttle counters live in the cache; each test starts with none spent."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(db):
    """An anonymous HTTP client, as a third-party consumer of the API would be."""
    return Client(HTTP_ACCEPT="application/json")
