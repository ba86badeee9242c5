"""Shared-cache helpers for facet counts and rendered fragments.

Every key is versioned by the archive's *generation*, a counter in the cache itself.
``archive_changed()`` bumps it whenever a release is published, edited or withdrawn
(called by the editorial services), which makes every cached count and fragment stale
at once on every app server: no key lists to track, no deletes to broadcast; old
entries simply expire. Readers pay one extra cache round trip (``get_many``-friendly).
"""

from collections.abc import Callable, Iterable
from hashlib import sha256
from typing import TypeVar

from django.core.cache import cache

GENERATION_KEY = "newsroom:archive-generation"
DEFAULT_TIMEOUT = 15 * 60

T = TypeVar("T")


def archive_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # First use, or evicted: start a fresh generation (never reuse an old number).
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return int(generation)


def archive_changed() -> int:
    """Mark every cached count and fragment stale. Returns the new generation."""
    try:
        return cache.incr(GENERATION_KEY)
    except ValueError:
        # The key is missing (first use or evicted); any new value is a new generation.
        cache.add(GENERATION_KEY, 1, timeout=None)
        return cache.incr(GENERATION_KEY)


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
