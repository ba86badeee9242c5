"""Reads for the API. Every release comes from ``Article.objects.published()``,
also when it is only counted for a related entity."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Count, Model, Prefetch, QuerySet

from agencies.models import Agency, Appointment, Official, Region
from articles.models import Article, ArticleOfficial, Event, Topic
from ops.cache import cached_for_archive


def published_counts(*, lookup: str, ids: list[int]) -> dict[int, int]:
    """``{id: number of public releases pointing at it through lookup}`` in one
    grouped query (a correlated subquery per row measured ten times slower).

    ``lookup`` must link a release to an object at most once (both through tables
    in use have a unique constraint on the pair), so a plain COUNT is exact; COUNT
    DISTINCT measured 2.6 times slower over 400 000 releases."""
    return dict(
        Article.objects.published()
        .filter(**{f"{lookup}__in": ids})
        .order_by()
        .values_list(lookup)
        .annotate(n=Count("pk"))
    )


def attach_published_counts(objects: Iterable[Model], *, lookup: str) -> None:
    """Set ``article_count`` on each object: the public releases pointing at it
    through ``lookup`` (e.g. ``"topics"``).

    The grouped count reads every link of the page's objects (a topic list at
    400 000 releases: ~0.8 s, bench/api_articles.py), so the counts of a page are
    cached (``ops.cache``: stale at once when ``archive_changed()`` is called, and
    after ``API_COUNT_CACHE_SECONDS`` at the latest; 0: always counted afresh).
    """
    objects = list(objects)
    ids = sorted(obj.pk for obj in objects)
    seconds = settings.API_COUNT_CACHE_SECONDS
    if seconds > 0 and ids:
        counts = cached_for_archive(
            "api-published-counts",
            [lookup, *ids],
            lambda: published_counts(lookup=lookup, ids=ids),
            timeout=seconds,
        )
    else:
        counts = published_counts(lookup=lookup, ids=ids)
    for obj in objects:
        obj.article_count = counts.get(obj.pk, 0)


def api_article_queryset() -> QuerySet[Article]:
    """Public releases with everything a serialised release shows, in four queries
    whatever the page size."""
    return (
        Article.objects.published()
        .select_related("region", "province", "publisher")
        .prefetch_related(
            Prefetch(
                "official_links",
                queryset=ArticleOfficial.objects.select_related(
                    "official", "appointment", "appointment__agency"
                ),
            ),
            Prefetch("events", queryset=Event.objects.only("pk", "slug", "name")),
            Prefetch("topics", queryset=Topic.objects.only("pk", "slug", "name", "name_en")),
        )
    )


def api_region_queryset() -> QuerySet[Region]:
    return Region.objects.select_related("parent").order_by("code")


def api_agency_queryset() -> QuerySet[Agency]:
    return (
        Agency.objects.select_related("parent", "region")
        .prefetch_related(
            Prefetch(
                "children",
                queryset=Agency.objects.only("pk", "slug", "name", "short_name", "parent"),
            ),
            "aliases",
        )
        .order_by("name", "pk")
    )


def api_official_queryset() -> QuerySet[Official]:
    return Official.objects.prefetch_related(
        Prefetch(
            "appointments",
            queryset=Appointment.objects.select_related("agency").order_by("-start_date", "pk"),
        )
    ).order_by("name", "pk")


def api_event_queryset() -> QuerySet[Event]:
    return (
        Event.objects.select_related("parent", "region", "organiser")
        .prefetch_related(
            "key_dates",
            "aliases",
            Prefetch("children", queryset=Event.objects.only("pk", "slug", "name", "parent")),
        )
        .order_by("-start_date", "name", "pk")
    )


def api_topic_queryset() -> QuerySet[Topic]:
    return Topic.objects.order_by("name", "pk")
