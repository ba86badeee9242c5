"""Reading quotes: the search behind /quotes/ and an official's quotes."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from agencies.models import Official
from articles.models import Article, Quote

SEARCH_CONFIG = "indonesian"


def _public_quotes() -> QuerySet[Quote]:
    """Quotes of public releases only: a draft's quotes are not published yet."""
    return Quote.objects.filter(article__in=Article.objects.published()).select_related(
        "speaker", "article"
    )


def quote_search(*, query: str) -> QuerySet[Quote]:
    """Public quotes matching the words of ``query`` (text or speaker), newest first.

    Full-text search with the Indonesian configuration on PostgreSQL (so
    "membagikan" finds "dibagikan"'s stem), substring matching elsewhere.
    """
    quotes = _public_quotes()
    query = query.strip()
    if query:
        if connection.vendor == "postgresql":
            vector = SearchVector("text", config=SEARCH_CONFIG) + SearchVector(
                "speaker__name", "speaker_name", config=SEARCH_CONFIG
            )
            quotes = quotes.annotate(search=vector).filter(
                search=SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
            )
        else:
            for word in query.split():
                quotes = quotes.filter(
                    Q(text__icontains=word)
                    | Q(speaker__name__icontains=word)
                    | Q(speaker_name__icontains=word)
                )
    return quotes.order_by("-date", "-article__published_at", "order", "id")


def quotes_of_official(*, official: Official, limit: int = 20) -> QuerySet[Quote]:
    return _public_quotes().filter(speaker=official).order_by("-date", "order")[:limit]
