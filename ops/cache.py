"""Shared-cache helpers for facet counts and rendered fragments.

Every key is versioned by the archive's *generation*, a counter in the cache itself.
``archive_changed()`` bumps it whenever a release is published, edited or withdrawn
(called by the editorial services), which makes every cached count and fragment stale
at once on every app server: no key lists to track, no deletes to broadcast; old
entries simply expire. Readers pay one extra cache round trip (``get_many``-friendly).
"""

import time
from collections.abc import Callable, Iterable
from hashlib import sha256
from typing import TypeVar

from django.core.cache import cache

GENERATION_KEY = "newsroom:archive-generation"
DEFAULT_TIMEOUT = 15 * 60

T = TypeVar("T")


def _fresh_generation() -> int:
    # Start from the clock (microseconds), not from 1: if the generation key is ever
    # evicted while older entries survive, a new number can never collide with them
    # (that would need more than a million changes per second since the last start).
    return time.time_ns() // 1000


def archive_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return int(generation)


def archive_changed() -> int:
    """Mark every cached count and fragment stale on every app server; returns the new
    generation. Call it after a release is published, edited or withdrawn."""
    try:
        return cache.incr(GENERATION_KEY)
    except ValueError:
        # Missing (first use or evicted): a fresh clock-based value is already new.
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        return int(cache.get(GENERATION_KEY))


def archive_cache_key(name: str, parts: Iterable[object] = ()) -> str:
    """A key for ``name`` with ``parts`` in this generation. Pass parts in a stable
    order, e.g. ``sorted(request.GET.lists())`` for filter parameters."""
    digest = sha256(repr([str(part) for part in parts]).encode()).hexdigest()[:32]
    return f"newsroom:{name}:g{archive_generation()}:{digest}"


def cached_for_archive(
    name: str,
    parts: Iterable[object],
    compute: Callable[[], T],
    *,
    timeout: int = DEFAULT_TIMEOUT,
) -> T:
    """Return the cached value of ``compute()`` for ``name``/``parts``, computing it once
    per archive generation (``archive_changed`` makes it compute again)."""
    key = archive_cache_key(name, parts)
    missing = object()
    value = cache.get(key, missing)
    if value is missing:
        value = compute()
        cache.set(key, value, timeout=timeout)
    return value
