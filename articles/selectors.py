"""Reads for the public pages: each returns a queryset built on ``published()``."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import Article, ArticleOfficial


def article_detail_queryset() -> QuerySet[Article]:
    """A public release with everything its page shows, in a fixed number of queries."""
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
        )
    )


def latest_articles(limit: int = 10) -> QuerySet[Article]:
    return Article.objects.published().for_listing()[:limit]
