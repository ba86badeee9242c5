"""Reads for the monthly report: which releases count, and every figure about them.

Each breakdown is one GROUP BY query over the same narrowed queryset, so the
page costs a fixed number of queries however busy the month was.
"""

from __future__ import annotations

import datetime
import hashlib
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import CharField, Count, QuerySet, Value
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.scope import (
    articles_in_scope,
    is_archive_administrator,
    scope_agency_ids,
    scope_region_ids,
)
from agencies.models import ACTING_PREFIX, Agency, Region
from articles.filters import ArticleFilter, error_messages
from articles.models import (
    PUBLIC_STATUSES,
    Article,
    ArticleEvent,
    ArticleOfficial,
    Event,
    Topic,
)

# The public list's filters that narrow a report (dates come from the month).
REPORT_FILTERS = ("region", "agency", "event", "topic")


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, value: str) -> Month:
        """``"2023-07"`` → Month(2023, 7); anything else raises ValueError."""
        value = (value or "").strip()
        parts = value.split("-")
        if len(parts) != 2 or len(parts[0]) != 4 or len(parts[1]) != 2:
            raise ValueError(value)
        if not (parts[0].isdigit() and parts[1].isdigit()):
            raise ValueError(value)
        year, month = int(parts[0]), int(parts[1])
        if not (1 <= month <= 12 and 1 <= year <= 9998):
            raise ValueError(value)
        return cls(year, month)

    @classmethod
    def current(cls) -> Month:
        today = timezone.localdate()
        return cls(today.year, today.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def days(self) -> list[datetime.date]:
        following = self.next().first_day
        count = (following - self.first_day).days
        return [self.first_day + datetime.timedelta(days=i) for i in range(count)]

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def year_before(self) -> Month:
        return Month(self.year - 1, self.month)

    @property
    def start(self) -> datetime.datetime:
        """Midnight of the first day in Asia/Jakarta (the site's time zone)."""
        return timezone.make_aware(datetime.datetime.combine(self.first_day, datetime.time.min))

    @property
    def end(self) -> datetime.datetime:
        """Exclusive: midnight of the first day of the next month."""
        return self.next().start


class ReportFilterError(Exception):
    """A report parameter is invalid; ``errors`` is ``{parameter: [messages]}``."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def report_filterset(data) -> ArticleFilter:
    """The public list's filter, limited to the parameters a report accepts."""
    narrowed = {key: data.get(key) for key in REPORT_FILTERS if data.get(key)}
    return ArticleFilter(narrowed, queryset=Article.objects.published())


def report_base_queryset(*, user, filterset: ArticleFilter) -> QuerySet[Article]:
    """Published releases the user may report on, narrowed by the filters (any month)."""
    if not filterset.is_valid():
        raise ReportFilterError(error_messages(filterset))
    queryset = articles_in_scope(user, filterset.qs)
    return queryset.order_by()


def report_filter_choices() -> dict[str, list[tuple[str, str]]]:
    """(value, label) pairs for the report's filter form, one query per filter."""
    return {
        "region": [
            (code, f"{name} ({code})")
            for code, name in Region.objects.order_by("code").values_list("code", "name")
        ],
        "agency": list(Agency.objects.order_by("name").values_list("slug", "name")),
        "event": list(Event.objects.order_by("name").values_list("slug", "name")),
        "topic": list(Topic.objects.order_by("name").values_list("slug", "name")),
    }


def cached_report_filter_choices() -> dict[str, list[tuple[str, str]]]:
    """``report_filter_choices``, cached like the figures (the same for everyone)."""
    seconds = getattr(settings, "REPORTS_CACHE_SECONDS", 0)
    if not seconds:
        return report_filter_choices()
    key = f"reports:choices:{report_cache_version()}"
    choices = cache.get(key)
    if choices is None:
        choices = report_filter_choices()
        cache.set(key, choices, seconds)
    return choices


def in_month(queryset: QuerySet[Article], month: Month) -> QuerySet[Article]:
    return queryset.filter(published_at__gte=month.start, published_at__lt=month.end)


@dataclass
class Total:
    count: int
    previous_month: int
    year_before: int

    @staticmethod
    def _change(now: int, then: int) -> float | None:
        return None if then == 0 else round((now - then) * 100 / then, 1)

    @property
    def change_previous_month(self) -> int:
        return self.count - self.previous_month

    @property
    def change_previous_month_percent(self) -> float | None:
        return self._change(self.count, self.previous_month)

    @property
    def change_year_before(self) -> int:
        return self.count - self.year_before

    @property
    def change_year_before_percent(self) -> float | None:
        return self._change(self.count, self.year_before)


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: what it is, how many releases, and where it links."""

    label: str
    count: int
    key: str = ""
    detail: str = ""


@dataclass
class MonthlyReport:
    month: Month
    total: Total
    by_province: list[Row] = field(default_factory=list)
    by_regency: list[Row] = field(default_factory=list)
    by_agency: list[Row] = field(default_factory=list)
    by_event: list[Row] = field(default_factory=list)
    by_topic: list[Row] = field(default_factory=list)
    by_official: list[Row] = field(default_factory=list)
    by_day: list[tuple[datetime.date, int]] = field(default_factory=list)

    @property
    def breakdowns(self) -> list[tuple[str, list[Row]]]:
        """(key, rows) in the order the page, the CSV and the XLSX show them."""
        return [
            ("province", self.by_province),
            ("regency", self.by_regency),
            ("agency", self.by_agency),
            ("event", self.by_event),
            ("topic", self.by_topic),
            ("official", self.by_official),
        ]


def month_totals(queryset: QuerySet[Article], month: Month) -> Total:
    """This month, the previous month and the same month a year before: one query.

    Three counts joined by UNION ALL, each over its own ``published_at`` range,
    so the index is read only inside the three months (a single scan with an OR
    of ranges, or over the thirteen months between them, reads far more).
    """
    periods = {
        "count": month,
        "previous_month": month.previous(),
        "year_before": month.year_before(),
    }
    counts = [
        in_month(queryset, period)
        .order_by()
        .annotate(period=Value(name, output_field=CharField()))
        .values("period")
        .annotate(releases=Count("id"))
        .values_list("period", "releases")
        for name, period in periods.items()
    ]
    found = dict(counts[0].union(*counts[1:], all=True))
    return Total(**{name: found.get(name, 0) for name in periods})


def _ordered(queryset, *label_fields):
    return queryset.order_by("-count", *label_fields)


def count_by_province(queryset: QuerySet[Article]) -> list[Row]:
    rows = _ordered(
        queryset.values("province__code", "province__name").annotate(count=Count("id")),
        "province__name",
    )
    return [
        Row(r["province__name"], r["count"], r["province__code"], r["province__code"]) for r in rows
    ]


def count_by_regency(queryset: QuerySet[Article]) -> list[Row]:
    """Regencies and cities; releases filed under a whole province are not counted here."""
    rows = _ordered(
        queryset.filter(region__parent__isnull=False)
        .values("region__code", "region__name", "province__name")
        .annotate(count=Count("id")),
        "region__name",
    )
    return [
        Row(r["region__name"], r["count"], r["region__code"], r["province__name"]) for r in rows
    ]


def count_by_agency(queryset: QuerySet[Article]) -> list[Row]:
    rows = _ordered(
        queryset.values("publisher__slug", "publisher__name", "publisher__short_name").annotate(
            count=Count("id")
        ),
        "publisher__name",
    )
    return [
        Row(r["publisher__name"], r["count"], r["publisher__slug"], r["publisher__short_name"])
        for r in rows
    ]


# The through tables are unique on (article, event|topic|official), so a plain
# COUNT is a count of releases; DISTINCT would only add a sort.


def count_by_event(queryset: QuerySet[Article]) -> list[Row]:
    rows = _ordered(
        ArticleEvent.objects.filter(article__in=queryset.values("pk"))
        .values("event__slug", "event__name")
        .annotate(count=Count("article_id")),
        "event__name",
    )
    return [Row(r["event__name"], r["count"], r["event__slug"]) for r in rows]


def count_by_topic(queryset: QuerySet[Article]) -> list[Row]:
    through = Article.topics.through
    rows = _ordered(
        through.objects.filter(article__in=queryset.values("pk"))
        .values("topic__slug", "topic__name")
        .annotate(count=Count("article_id")),
        "topic__name",
    )
    return [Row(r["topic__name"], r["count"], r["topic__slug"]) for r in rows]


def role_display(title: str | None, acting: str | None) -> str:
    """``Appointment.role_display`` from the two columns a GROUP BY returns."""
    if not title:
        return ""
    prefix = ACTING_PREFIX.get(acting or "")
    return f"{prefix} {title}" if prefix else title


def count_by_official(queryset: QuerySet[Article], limit: int | None = None) -> list[Row]:
    """Officials most often named, one line per role they held when named."""
    rows = _ordered(
        ArticleOfficial.objects.filter(article__in=queryset.values("pk"))
        .values("official__slug", "official__name", "appointment__title", "appointment__acting")
        .annotate(count=Count("article_id")),
        "official__name",
        "appointment__title",
    )
    if limit is not None:
        rows = rows[:limit]
    return [
        Row(
            r["official__name"],
            r["count"],
            r["official__slug"],
            role_display(r["appointment__title"], r["appointment__acting"]),
        )
        for r in rows
    ]


def count_by_day(queryset: QuerySet[Article], month: Month) -> list[tuple[datetime.date, int]]:
    """Every day of the month with its count, days without releases included."""
    counts = dict(
        queryset.annotate(day=TruncDate("published_at", tzinfo=timezone.get_default_timezone()))
        .values("day")
        .annotate(count=Count("id"))
        .values_list("day", "count")
    )
    return [(day, counts.get(day, 0)) for day in month.days]


def monthly_report(*, queryset: QuerySet[Article], month: Month) -> MonthlyReport:
    """Every figure of the report. ``queryset`` is scoped and filtered, not yet by month."""
    this_month = in_month(queryset, month)
    return MonthlyReport(
        month=month,
        total=month_totals(queryset, month),
        by_province=count_by_province(this_month),
        by_regency=count_by_regency(this_month),
        by_agency=count_by_agency(this_month),
        by_event=count_by_event(this_month),
        by_topic=count_by_topic(this_month),
        by_official=count_by_official(this_month),
        by_day=count_by_day(this_month, month),
    )


def monthly_report_for(
    *, user, filterset: ArticleFilter, queryset: QuerySet[Article], month: Month
) -> MonthlyReport:
    """``monthly_report`` for this user and these filters: from the pre-computed
    monthly counts where they are exact (a past month, unfiltered, seen by an
    administrator), counted live otherwise."""
    # Imported here: rollups builds on this module's dataclasses.
    from .rollups import can_use_month_counts, monthly_report_from_counts

    filtered = any(filterset.data.get(key) for key in REPORT_FILTERS)
    if can_use_month_counts(
        month=month, is_administrator=is_archive_administrator(user), filtered=filtered
    ):
        return monthly_report_from_counts(month)
    return monthly_report(queryset=queryset, month=month)


def month_articles(queryset: QuerySet[Article], month: Month) -> QuerySet[Article]:
    """The month's releases for the list, oldest first (the order of a report)."""
    return in_month(queryset, month).for_listing().order_by("published_at", "id")


# Cached reports carry version numbers (reports.signals bumps them): one for the
# whole archive, bumped when a name or hierarchy a report shows changes, and one
# per month, bumped when a release of that month changes. A report of month M
# counts M, M-1 and M-12, so it is stale when any of those three changes; a
# release published today leaves last month's report cached.
CACHE_VERSION_KEY = "reports:monthly:version"


def _version(key: str) -> int:
    version = cache.get(key)
    if version is None:
        # A fresh start (or an evicted counter): never reuse an older number.
        version = time.time_ns()
        if not cache.add(key, version, None):
            version = cache.get(key, version)
    return version


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # no counter yet: any new number invalidates
        cache.set(key, time.time_ns(), None)


def _month_key(month: Month) -> str:
    return f"{CACHE_VERSION_KEY}:{month}"


def report_cache_version(month: Month | None = None) -> str:
    """The archive's version, with those of the three months a report of ``month`` counts."""
    versions = [_version(CACHE_VERSION_KEY)]
    if month is not None:
        versions += [
            _version(_month_key(counted))
            for counted in (month, month.previous(), month.year_before())
        ]
    return ".".join(str(version) for version in versions)


def invalidate_report_cache() -> None:
    """Make every cached report stale (a name or hierarchy a report shows changed)."""
    _bump(CACHE_VERSION_KEY)


def invalidate_report_months(*moments: datetime.datetime | None) -> None:
    """Make stale the reports counting the months of these ``published_at`` values."""
    for moment in {m for m in moments if m is not None}:
        local = timezone.localtime(moment)
        _bump(_month_key(Month(local.year, local.month)))


def scope_cache_key(user) -> str:
    """Users who see the same releases share cached figures: all administrators do."""
    if is_archive_administrator(user):
        return "all"
    agencies = ",".join(str(pk) for pk in sorted(scope_agency_ids(user)))
    regions = ",".join(str(pk) for pk in sorted(scope_region_ids(user)))
    return f"a{agencies}|r{regions}"


def report_cache_timeout(month: Month, seconds: int) -> int:
    """Scheduled releases turn public at ``published_at`` without any save (and so
    without a signal): a report of a month not yet over is kept no longer than
    until the next one is due."""
    now = timezone.now()
    if month.end <= now:
        return seconds
    due = (
        Article.objects.filter(
            status__in=PUBLIC_STATUSES, published_at__gt=now, published_at__lt=month.end
        )
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    if due is None:
        return seconds
    return max(1, min(seconds, int((due - now).total_seconds()) + 1))


def cached_monthly_report(
    *, user, filterset: ArticleFilter, queryset: QuerySet[Article], month: Month
) -> MonthlyReport:
    """``monthly_report``, cached per month, filters and scope until something changes.

    Any save or delete of a release, its links or the things it names makes
    the cached figures stale (``invalidate_report_cache``); ``REPORTS_CACHE_SECONDS``
    only bounds how long an unchanged report is kept (0 turns the cache off).
    """
    seconds = getattr(settings, "REPORTS_CACHE_SECONDS", 0)
    if not seconds:
        return monthly_report_for(user=user, filterset=filterset, queryset=queryset, month=month)
    filters = sorted(
        (key, str(filterset.data.get(key))) for key in REPORT_FILTERS if filterset.data.get(key)
    )
    raw_key = f"{report_cache_version(month)}|{scope_cache_key(user)}|{month}|{filters}"
    key = "reports:monthly:" + hashlib.sha256(raw_key.encode()).hexdigest()
    report = cache.get(key)
    if report is None:
        report = monthly_report_for(user=user, filterset=filterset, queryset=queryset, month=month)
        cache.set(key, report, report_cache_timeout(month, seconds))
    return report
