"""Reads for the public pages: each returns a queryset built on ``published()``."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import BigIntegerField, Count, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from agencies.models import Agency, Appointment, Official, Region, descendant_ids
from ops.cache import cached_for_archive

from .models import (
    PUBLIC_STATUSES,
    Article,
    ArticleChangeNote,
    ArticleEvent,
    ArticleOfficial,
    Event,
)

# Related releases are looked for this far either side of the release, so the
# query stays bounded however large the archive grows, and what it finds is
# close in time to what the reader is reading.
RELATED_WINDOW = datetime.timedelta(days=365)
# How many related releases an article page shows.
RELATED_LIMIT = 5
# Cached counts are refreshed by archive_changed(); the timeout bounds how late a release
# scheduled for later (no service call when its time comes) is counted.
COUNTS_CACHE_SECONDS = 300


def article_detail_queryset() -> QuerySet[Article]:
    """A public release with everything its page shows, in a fixed number of queries:
    the release (with region, province and publisher), then one query each for its
    officials (with the appointment held that day), events, topics, agencies, images
    and public change notes, however many of each it has."""
    return (
        Article.objects.published()
        .select_related("region", "region__parent", "publisher", "publisher__parent")
        .prefetch_related(
            Prefetch(
                "official_links",
                queryset=ArticleOfficial.objects.select_related(
                    "official", "appointment", "appointment__agency"
                ),
            ),
            "events",
            "topics",
            "agencies",
            "images",
            Prefetch("change_notes", queryset=ArticleChangeNote.objects.order_by("noted_at", "id")),
        )
    )


def related_articles(article: Article, *, limit: int = RELATED_LIMIT) -> QuerySet[Article]:
    """Public releases about the same events or topics, newest first, in one query.

    Uses the events and topics already prefetched on ``article``. On PostgreSQL the
    candidates come from ``_related_ids_sql`` (the newest ``limit`` per relation, each
    read the cheap way round); the outer query keeps ``published()`` as the definition
    of public and orders what they found.
    """
    event_ids = [event.pk for event in article.events.all()]
    topic_ids = [topic.pk for topic in article.topics.all()]
    if not event_ids and not topic_ids:
        return Article.objects.none()
    low = article.published_at - RELATED_WINDOW
    high = article.published_at + RELATED_WINDOW
    public = Article.objects.published()
    if connection.vendor == "postgresql":
        sql, params = _related_ids_sql(
            event_ids=event_ids,
            topic_ids=topic_ids,
            exclude=article.pk,
            low=low,
            high=high,
            limit=limit,
        )
        # Constant SQL with every value as a parameter (see _related_ids_sql).
        ids = RawSQL(sql, params, output_field=BigIntegerField())  # noqa: S611
        candidates = public.filter(pk__in=ids)
    else:
        shared = Q()
        if event_ids:
            shared |= Q(
                pk__in=ArticleEvent.objects.filter(event_id__in=event_ids).values("article_id")
            )
        if topic_ids:
            shared |= Q(
                pk__in=Article.topics.through.objects.filter(topic_id__in=topic_ids).values(
                    "article_id"
                )
            )
        candidates = (
            public.filter(shared)
            .filter(published_at__gte=low, published_at__lte=high)
            .exclude(pk=article.pk)
        )
    return candidates.for_listing().order_by("-published_at", "-id")[:limit]


# An article's events with at most this many releases between them (each counted once)
# are read from their links (one primary-key probe each); larger ones are checked
# against a hash of their releases while the date window is walked newest first,
# which stops early.
RELATED_EVENT_PROBE_LIMIT = 2000

# Releases sharing a relation, newest first in the window: each branch is a LIMIT over
# its own cheapest path. Written in SQL because the obvious ORM form (one OR of two IN
# subqueries) makes PostgreSQL hash every link of a common topic (180 000 ids at a
# million releases, ~100 ms) before reading five rows. Every value is a parameter.
# ``IS TRUE`` keeps the large-event IN a hashed subplan (not a join read from the event
# side); ``OFFSET 0`` keeps the topic EXISTS a per-row index probe (not a hash of every
# link of the topic) and the small-event lookup a nested loop.
_EVENTS_CTE = (
    "WITH related_events AS MATERIALIZED ("
    " SELECT DISTINCT article_id FROM articles_articleevent WHERE event_id = ANY(%s) LIMIT %s) "
)
# Each branch repeats the public condition (published(), inside the window, not the
# release itself) so that it reads the partial index article_public_published_at.
_EVENTS_SMALL = (
    "(SELECT a.id, a.published_at FROM related_events e CROSS JOIN LATERAL ("
    " SELECT a.id, a.published_at FROM articles_article a WHERE a.id = e.article_id"
    " AND a.status = ANY(%s) AND a.published_at <= %s AND a.published_at BETWEEN %s AND %s"
    " AND a.id <> %s OFFSET 0) a"
    " WHERE (SELECT count(*) FROM related_events) <= %s"
    " ORDER BY a.published_at DESC, a.id DESC LIMIT %s)"
)
_EVENTS_LARGE = (
    "(SELECT a.id, a.published_at FROM articles_article a"
    " WHERE (SELECT count(*) FROM related_events) > %s"
    " AND (a.id IN (SELECT article_id FROM articles_articleevent WHERE event_id = ANY(%s)))"
    " IS TRUE"
    " AND a.status = ANY(%s) AND a.published_at <= %s AND a.published_at BETWEEN %s AND %s"
    " AND a.id <> %s ORDER BY a.published_at DESC, a.id DESC LIMIT %s)"
)
_TOPICS = (
    "(SELECT a.id, a.published_at FROM articles_article a"
    " WHERE EXISTS (SELECT 1 FROM articles_article_topics t"
    " WHERE t.article_id = a.id AND t.topic_id = ANY(%s) OFFSET 0)"
    " AND a.status = ANY(%s) AND a.published_at <= %s AND a.published_at BETWEEN %s AND %s"
    " AND a.id <> %s ORDER BY a.published_at DESC, a.id DESC LIMIT %s)"
)


def _related_ids_sql(
    *,
    event_ids: list[int],
    topic_ids: list[int],
    exclude: int,
    low: datetime.datetime,
    high: datetime.datetime,
    limit: int,
) -> tuple[str, list]:
    public = [[str(status) for status in PUBLIC_STATUSES], timezone.now(), low, high, exclude]
    prefix, branches, params = "", [], []
    if event_ids:
        prefix = _EVENTS_CTE
        params += [event_ids, RELATED_EVENT_PROBE_LIMIT + 1]
        branches.append(_EVENTS_SMALL)
        params += [*public, RELATED_EVENT_PROBE_LIMIT, limit]
        branches.append(_EVENTS_LARGE)
        params += [RELATED_EVENT_PROBE_LIMIT, event_ids, *public, limit]
    if topic_ids:
        branches.append(_TOPICS)
        params += [topic_ids, *public, limit]
    union = " UNION ALL ".join(branches)
    return f"{prefix}SELECT DISTINCT id FROM ({union}) AS related", params  # noqa: S608 (constants joined; values are parameters)


def latest_articles(limit: int = 10) -> QuerySet[Article]:
    return Article.objects.published().for_listing()[:limit]


def provinces_with_counts() -> list[Region]:
    """Every province with ``article_count``: one GROUP BY on the denormalised province."""
    # Shared cache (ops.cache): one GROUP BY over the whole archive per change.
    counts = cached_for_archive(
        "province-counts",
        [],
        lambda: dict(
            Article.objects.published()
            .order_by()
            .values_list("province")
            .annotate(n=Count("id"))
            .values_list("province", "n")
        ),
        timeout=COUNTS_CACHE_SECONDS,
    )
    provinces = list(Region.objects.provinces())
    for province in provinces:
        province.article_count = counts.get(province.pk, 0)
    return provinces


def region_children_with_counts(province: Region) -> list[Region]:
    """A province's regencies and cities with ``article_count`` (one GROUP BY)."""
    counts = cached_for_archive(
        "region-counts",
        [province.pk],
        lambda: dict(
            Article.objects.published()
            .filter(province=province)
            .order_by()
            .values_list("region")
            .annotate(n=Count("id"))
            .values_list("region", "n")
        ),
        timeout=COUNTS_CACHE_SECONDS,
    )
    children = list(province.children.order_by("code"))
    for child in children:
        child.article_count = counts.get(child.pk, 0)
    return children


def current_events(limit: int = 8) -> list[Event]:
    """Top-level events and campaigns running today, else the most recent ones."""
    running = list(Event.objects.current().filter(parent__isnull=True)[:limit])
    if running:
        return running
    return list(Event.objects.filter(parent__isnull=True).order_by("-start_date")[:limit])


def agency_detail() -> QuerySet[Agency]:
    """An agency with four levels of parents (its place in the hierarchy) in one query."""
    return Agency.objects.select_related(
        "region", "parent__parent__parent__parent"
    ).prefetch_related(Prefetch("children", queryset=Agency.objects.order_by("name")))


def articles_naming_agency(agency: Agency, *, limit: int = 10) -> QuerySet[Article]:
    """The newest public releases that name ``agency`` or one of its units but were
    published by someone else (a ministry's work is mostly reported by regional
    offices). Bounded: ``limit`` rows, no count."""
    ids = descendant_ids(Agency, [agency.pk])
    return (
        Article.objects.published()
        .filter(
            pk__in=Article.agencies.through.objects.filter(agency_id__in=ids).values("article_id")
        )
        .exclude(publisher_id__in=ids)
        .for_listing()
        .order_by("-published_at", "-id")[:limit]
    )


def current_office_holders(agency: Agency, day: datetime.date | None = None):
    return (
        Appointment.objects.held_on(day or timezone.localdate())
        .filter(agency=agency)
        .select_related("official")
        .order_by("title", "official__name")
    )


def official_detail() -> QuerySet[Official]:
    return Official.objects.prefetch_related(
        Prefetch(
            "appointments",
            queryset=Appointment.objects.select_related("agency").order_by("-start_date", "-id"),
        )
    )


def articles_naming_official(official: Official) -> QuerySet[Article]:
    """Public releases naming ``official``, each with ``official_link`` (the role held that day)."""
    return (
        Article.objects.published()
        .filter(official_links__official=official)
        .prefetch_related(
            Prefetch(
                "official_links",
                queryset=ArticleOfficial.objects.filter(official=official).select_related(
                    "appointment"
                ),
                to_attr="links_to_official",
            )
        )
    )


def event_detail() -> QuerySet[Event]:
    return Event.objects.select_related("parent", "region", "organiser").prefetch_related(
        "key_dates", Prefetch("children", queryset=Event.objects.order_by("start_date", "name"))
    )
