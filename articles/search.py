"""Word search over releases.

This is the portable version that also runs on SQLite (``make run``): every
word must appear in the title, lead or body, case-insensitively. The
PostgreSQL full-text version (issue #3) replaces the body of
``search_articles`` on that backend.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet


def search_articles(queryset: QuerySet, query: str) -> QuerySet:
    for word in query.split():
        word = word.strip("\"'")
        if not word or word.startswith("-"):
            continue
        queryset = queryset.filter(
            Q(title__icontains=word) | Q(lead__icontains=word) | Q(body__icontains=word)
        )
    return queryset
