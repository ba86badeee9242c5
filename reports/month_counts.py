"""Recounting ``reports.MonthCount`` from the rows, for bulk loads.

The counts are kept by row triggers (migration ``0002_month_counts``) in the same
transaction as every write. A load of a million releases would fire ten million
of those upserts, most on the same few "total" and "day" rows of each month (a
long chain of row versions inside one transaction): about two thirds of the load's
time. ``counts_suspended`` switches the triggers off for one transaction and
recounts every month from the rows before it commits, so the counts are exact
when anyone can see the new rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction

TRIGGERS = {
    "articles_article": ["reports_release_written", "reports_release_updated"],
    "articles_articleevent": ["reports_event_link"],
    "articles_article_topics": ["reports_topic_link"],
    "articles_articleofficial": ["reports_official_link"],
}

_PUBLIC = "a.status IN ('published', 'withdrawn') AND a.published_at IS NOT NULL"


def _local(column: str) -> str:
    return f"({column} AT TIME ZONE '{settings.TIME_ZONE}')"


_MONTH = f"date_trunc('month', {_local('a.published_at')})::date"

# The same figures the triggers keep, counted in one pass per dimension. Migration 0002
# has the same statement (its one-off backfill); it is repeated here, not imported, so that
# the migration stays frozen whatever this module becomes.
# S608: built from this module's constants only.
RECOUNT = f"""
INSERT INTO reports_monthcount (month, dimension, key_id, extra_id, releases)
SELECT {_MONTH}, 'total', 0, 0, count(*) FROM articles_article a WHERE {_PUBLIC} GROUP BY 1
UNION ALL
SELECT {_MONTH}, 'province', a.province_id, 0, count(*) FROM articles_article a
 WHERE {_PUBLIC} GROUP BY 1, 3
UNION ALL
SELECT {_MONTH}, 'region', a.region_id, 0, count(*) FROM articles_article a
 WHERE {_PUBLIC} GROUP BY 1, 3
UNION ALL
SELECT {_MONTH}, 'agency', a.publisher_id, 0, count(*) FROM articles_article a
 WHERE {_PUBLIC} GROUP BY 1, 3
UNION ALL
SELECT {_MONTH}, 'day', extract(day FROM {_local("a.published_at")})::bigint, 0, count(*)
  FROM articles_article a WHERE {_PUBLIC} GROUP BY 1, 3
UNION ALL
SELECT {_MONTH}, 'event', l.event_id, 0, count(*)
  FROM articles_article a JOIN articles_articleevent l ON l.article_id = a.id
 WHERE {_PUBLIC} GROUP BY 1, 3
UNION ALL
SELECT {_MONTH}, 'topic', l.topic_id, 0, count(*)
  FROM articles_article a JOIN articles_article_topics l ON l.article_id = a.id
 WHERE {_PUBLIC} GROUP BY 1, 3
UNION ALL
SELECT {_MONTH}, 'official', l.official_id, coalesce(l.appointment_id, 0), count(*)
  FROM articles_article a JOIN articles_articleofficial l ON l.article_id = a.id
 WHERE {_PUBLIC} GROUP BY 1, 3, 4
"""  # noqa: S608


def _set_triggers(cursor, state: str) -> None:
    for table, names in TRIGGERS.items():
        for name in names:
            cursor.execute(f"ALTER TABLE {table} {state} TRIGGER {name}")


@contextmanager
def counts_suspended() -> Iterator[None]:
    """Inside: writes to releases and their links are not counted one by one. On the
    way out the triggers are back on and every month is recounted, in the same
    transaction (PostgreSQL only; elsewhere a no-op).

    ``ALTER TABLE … DISABLE TRIGGER`` locks the four tables against other writers until
    the transaction ends (readers are not blocked), so nothing can be written uncounted.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        _set_triggers(cursor, "DISABLE")
        yield
        _set_triggers(cursor, "ENABLE")
        cursor.execute("DELETE FROM reports_monthcount")
        cursor.execute(RECOUNT)
