"""Loading events, topics and the seed releases that ship in ``fixtures/``."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.dateparse import parse_datetime

from agencies.models import Agency, Appointment, Official, Region
from newsroom.sync import SyncReport, sync_m2m, sync_row

from .html import sanitize_html
from .models import (
    Article,
    ArticleOfficial,
    Event,
    EventAlias,
    EventKeyDate,
    Status,
    Topic,
)
from .services import article_snapshot_relations


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def load_topics(rows: list[dict[str, Any]], report: SyncReport) -> dict[str, Topic]:
    return {
        row["slug"]: sync_row(
            Topic,
            lookup={"slug": row["slug"]},
            values={"name": row["name"], "name_en": row.get("name_en", "")},
            report=report,
        )
        for row in rows
    }


def load_events(
    rows: list[dict[str, Any]], agencies: dict[str, Agency], report: SyncReport
) -> dict[str, Event]:
    regions = {region.code: region for region in Region.objects.all()}
    by_slug: dict[str, Event] = {}
    for row in rows:
        event = sync_row(
            Event,
            lookup={"slug": row["slug"]},
            values={
                "name": row["name"],
                "kind": row["kind"],
                "start_date": _date(row["start_date"]),
                "end_date": _date(row.get("end_date")),
                "parent": by_slug[row["parent"]] if row.get("parent") else None,
                "region": regions[row["region"]] if row.get("region") else None,
                "organiser": agencies[row["organiser"]] if row.get("organiser") else None,
                "description": row.get("description", ""),
            },
            report=report,
        )
        by_slug[event.slug] = event
        for key_date in row.get("key_dates", []):
            sync_row(
                EventKeyDate,
                lookup={
                    "event": event,
                    "date": _date(key_date["date"]),
                    "label": key_date["label"],
                },
                values={},
                report=report,
            )
        for alias in row.get("aliases", []):
            sync_row(EventAlias, lookup={"event": event, "alias": alias}, values={}, report=report)
    return by_slug


def _appointment(official: Official, spec: dict[str, str] | None) -> Appointment | None:
    if not spec:
        return None
    return Appointment.objects.get(
        official=official,
        agency__slug=spec["agency"],
        title=spec["title"],
        acting=spec.get("acting", ""),
    )


def load_releases(
    rows: list[dict[str, Any]],
    *,
    agencies: dict[str, Agency],
    officials: dict[str, Official],
    events: dict[str, Event],
    topics: dict[str, Topic],
    report: SyncReport,
) -> list[Article]:
    """The seed releases, published, with every link they carry."""
    regions = {region.code: region for region in Region.objects.all()}
    articles = []
    for row in rows:
        writes = _writes(report)
        article = sync_row(
            Article,
            lookup={"slug": row["slug"]},
            values={
                "title": row["title"],
                "lead": row.get("lead", ""),
                "body": sanitize_html(row["body"]),
                "photo_caption": row.get("photo_caption", ""),
                "status": Status.PUBLISHED,
                "published_at": parse_datetime(row["published_at"]),
                "event_date": _date(row.get("event_date")),
                "region": regions[row["region"]],
                "publisher": agencies[row["publisher"]],
                "byline": row.get("byline", ""),
                "source_name": row.get("source_name", ""),
                "source_url": row.get("source_url", ""),
                "venue": row.get("venue", ""),
            },
            report=report,
        )
        saved = _writes(report) > writes
        sync_m2m(article.agencies, [agencies[slug] for slug in row.get("agencies", [])], report)
        sync_m2m(article.events, [events[slug] for slug in row.get("events", [])], report)
        sync_m2m(article.topics, [topics[slug] for slug in row.get("topics", [])], report)
        for order, link in enumerate(row.get("officials", [])):
            official = officials[link["official"]]
            sync_row(
                ArticleOfficial,
                lookup={"article": article, "official": official},
                values={
                    "appointment": _appointment(official, link.get("appointment")),
                    "role": link["role"],
                    "order": order,
                },
                report=report,
            )
        relinked = _writes(report) > writes + saved
        if saved:
            # The version sync_row recorded keeps the links as loaded after it.
            article_snapshot_relations(article=article)
        elif relinked:
            # Only its links changed: that is a new version of the release too.
            article.save()
        articles.append(article)
    return articles


def _writes(report: SyncReport) -> int:
    return sum(report.created.values()) + sum(report.updated.values())
