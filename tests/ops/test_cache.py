"""Cached counts and fragments are recomputed after archive_changed()."""

import pytest
from django.core.cache import cache

from ops.cache import GENERATION_KEY, archive_changed, archive_generation, cached_for_archive


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return {"region:32": 100 + self.calls}


def test_a_value_is_computed_once_per_generation():
    compute = Counter()
    first = cached_for_archive("facets", [("region", "32")], compute)
    second = cached_for_archive("facets", [("region", "32")], compute)
    assert first == second == {"region:32": 101}
    assert compute.calls == 1


def test_archive_changed_makes_every_cached_value_stale():
    compute = Counter()
    cached_for_archive("facets", [("region", "32")], compute)
    before = archive_generation()
    assert archive_changed() > before
    assert cached_for_archive("facets", [("region", "32")], compute) == {"region:32": 102}
    assert compute.calls == 2


def test_different_parameters_are_cached_apart():
    compute = Counter()
    cached_for_archive("facets", [("region", "32")], compute)
    cached_for_archive("facets", [("region", "33")], compute)
    cached_for_archive("fragment", [("region", "32")], compute)
    assert compute.calls == 3


def test_a_lost_generation_never_brings_back_old_values():
    compute = Counter()
    cached_for_archive("facets", [], compute)
    archive_changed()
    cached_for_archive("facets", [], compute)
    # The generation key is evicted while old entries survive: the next generation
    # must not reuse a number whose entries are still in the cache.
    cache.delete(GENERATION_KEY)
    assert cached_for_archive("facets", [], compute) == {"region:32": 103}
    archive_changed()
    assert cached_for_archive("facets", [], compute) == {"region:32": 104}
