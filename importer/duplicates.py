"""Near-duplicate releases: the same text carried by two sites.

Word 5-gram shingles and their Jaccard similarity, against the archive's releases
whose event date lies within a window of the new one's (or, without a date, the
most recent ones). A few hundred candidates at most, so exact Jaccard is cheap.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q

from accounts.scope import articles_in_scope, is_archive_administrator
from articles.models import Article

SHINGLE_WORDS = 5
WINDOW = datetime.timedelta(days=30)
THRESHOLD = 0.5
MAX_CANDIDATES = 500
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"\w+")


def shingles(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(TAG.sub(" ", text).lower())
    if len(words) < SHINGLE_WORDS:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def jaccard(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class Duplicate:
    article: Article
    similarity: float


def likely_duplicates(
    text: str, *, event_date: datetime.date | None, exclude_ids: tuple[int, ...] = (), by=None
) -> list[Duplicate]:
    """Releases whose text is nearly ``text``'s. An editor (``by``) is shown public
    releases and those of their own offices, never another office's drafts."""
    candidates = Article.objects.exclude(pk__in=exclude_ids).only("id", "title", "slug", "body")
    if by is not None and not is_archive_administrator(by):
        candidates = candidates.filter(
            Q(pk__in=Article.objects.published().values("pk"))
            | Q(pk__in=articles_in_scope(by).values("pk"))
        )
    if event_date:
        candidates = candidates.filter(event_date__range=(event_date - WINDOW, event_date + WINDOW))
    else:
        candidates = candidates.order_by("-created_at")
    mine = shingles(text)
    found = []
    for article in candidates[:MAX_CANDIDATES]:
        similarity = jaccard(mine, shingles(article.body))
        if similarity >= THRESHOLD:
            found.append(Duplicate(article, round(similarity, 2)))
    return sorted(found, key=lambda duplicate: -duplicate.similarity)
