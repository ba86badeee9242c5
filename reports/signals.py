"""Cache invalidation only: cached report figures go stale when what they count changes.

Any save or delete in the ``articles`` and ``agencies`` apps (a release, its
events, topics or officials, or the name of a region, agency, event, topic or
official a report shows) bumps the report cache version. Bulk writes that skip
signals (``QuerySet.update``, ``bulk_create``, raw SQL) do not; nothing in the
application writes releases that way (the benchmark generator does).
"""

from __future__ import annotations

from .selectors import invalidate_report_cache

WATCHED_APPS = frozenset({"articles", "agencies"})
M2M_CHANGES = frozenset({"post_add", "post_remove", "post_clear"})


def _watched(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    # simple-history's copies change only when the real rows do.
    return (
        meta is not None
        and meta.app_label in WATCHED_APPS
        and not meta.model_name.startswith("historical")
    )


def on_save_or_delete(sender, **kwargs) -> None:
    if _watched(sender):
        invalidate_report_cache()


def on_m2m_changed(sender, action, **kwargs) -> None:
    if action in M2M_CHANGES and _watched(sender):
        invalidate_report_cache()
