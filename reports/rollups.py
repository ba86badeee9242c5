"""The monthly report read from pre-computed counts (``reports.MonthCount``).

One query returns every figure of a month (totals of the three compared months
included), with the names each breakdown shows, ordered like the live queries
in ``selectors`` (count descending, then name). Used only where the counts are
exact: see ``can_use_month_counts``.
"""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from .selectors import Month, MonthlyReport, Row, Total, role_display

# One branch per breakdown: (dimension, count, key, label, detail, second label).
FIGURES = """
SELECT c.dimension, c.releases, c.month, c.key_id::text, NULL, NULL, NULL
  FROM reports_monthcount c
 WHERE c.month IN (%(month)s, %(previous)s, %(year_before)s)
   AND c.dimension IN ('total', 'day') AND c.releases > 0
UNION ALL
SELECT c.dimension, c.releases, c.month, r.code, r.name, r.code, NULL
  FROM reports_monthcount c JOIN agencies_region r ON r.id = c.key_id
 WHERE c.month = %(month)s AND c.dimension = 'province' AND c.releases > 0
UNION ALL
SELECT c.dimension, c.releases, c.month, r.code, r.name, p.name, NULL
  FROM reports_monthcount c
  JOIN agencies_region r ON r.id = c.key_id
  JOIN agencies_region p ON p.id = r.parent_id
 WHERE c.month = %(month)s AND c.dimension = 'region' AND c.releases > 0
UNION ALL
SELECT c.dimension, c.releases, c.month, a.slug, a.name, a.short_name, NULL
  FROM reports_monthcount c JOIN agencies_agency a ON a.id = c.key_id
 WHERE c.month = %(month)s AND c.dimension = 'agency' AND c.releases > 0
UNION ALL
SELECT c.dimension, c.releases, c.month, e.slug, e.name, '', NULL
  FROM reports_monthcount c JOIN articles_event e ON e.id = c.key_id
 WHERE c.month = %(month)s AND c.dimension = 'event' AND c.releases > 0
UNION ALL
SELECT c.dimension, c.releases, c.month, t.slug, t.name, '', NULL
  FROM reports_monthcount c JOIN articles_topic t ON t.id = c.key_id
 WHERE c.month = %(month)s AND c.dimension = 'topic' AND c.releases > 0
UNION ALL
SELECT c.dimension, c.releases, c.month, o.slug, o.name, ap.title, ap.acting
  FROM reports_monthcount c
  JOIN agencies_official o ON o.id = c.key_id
  LEFT JOIN agencies_appointment ap ON ap.id = NULLIF(c.extra_id, 0)
 WHERE c.month = %(month)s AND c.dimension = 'official' AND c.releases > 0
 ORDER BY 1, 2 DESC, 5, 6
"""

BREAKDOWNS = {
    "province": "by_province",
    "region": "by_regency",
    "agency": "by_agency",
    "event": "by_event",
    "topic": "by_topic",
    "official": "by_official",
}


def can_use_month_counts(*, month: Month, is_administrator: bool, filtered: bool) -> bool:
    """The counts are the report only for a month that is over (a scheduled
    release turns public without a write), seen whole (no filter, no editor
    scope), on PostgreSQL (the triggers that keep them)."""
    return (
        connection.vendor == "postgresql"
        and is_administrator
        and not filtered
        and month.end <= timezone.now()
    )


def monthly_report_from_counts(month: Month) -> MonthlyReport:
    """Every figure of ``month`` in one query over the pre-computed counts."""
    with connection.cursor() as cursor:
        cursor.execute(
            FIGURES,
            {
                "month": month.first_day,
                "previous": month.previous().first_day,
                "year_before": month.year_before().first_day,
            },
        )
        rows = cursor.fetchall()
    totals: dict = {}
    days: dict[int, int] = {}
    report = MonthlyReport(month=month, total=Total(0, 0, 0))
    for dimension, count, counted_month, key, label, detail, acting in rows:
        if dimension == "total":
            totals[counted_month] = count
        elif dimension == "day":
            if counted_month == month.first_day:
                days[int(key)] = count
        elif dimension == "official":
            report.by_official.append(Row(label, count, key, role_display(detail, acting)))
        else:
            getattr(report, BREAKDOWNS[dimension]).append(Row(label, count, key, detail))
    report.total = Total(
        count=totals.get(month.first_day, 0),
        previous_month=totals.get(month.previous().first_day, 0),
        year_before=totals.get(month.year_before().first_day, 0),
    )
    report.by_day = [(day, days.get(day.day, 0)) for day in month.days]
    return report
