"""Word search over releases.

PostgreSQL: full-text search on the stored generated column ``search_vector``
(migration 0003_article_search_vector: title A, lead B, body C, each in the
``indonesian`` and the ``simple`` configuration) with a GIN index. The query is parsed with
``websearch_to_tsquery`` in both configurations and the two are OR-ed, so
``membangun`` finds "pembangunan" (stemming) and a name like "Bahtiar" matches
as written. Web-search syntax: ``"a phrase"``, ``-word`` (exclude), ``or``.

SQLite (``make run`` only): every word not starting with ``-`` must appear in
the title, lead or body (case-insensitive substring); ``-word`` excludes; quotes
are ignored; ``or`` is treated as a plain word separator between alternatives.

Relevance (``sort=relevance``) never ranks every match: ``rank_candidates``
ranks the newest ``RANK_CANDIDATES`` (300) matches only (ts_rank over 500 000
rows is ~0.6 s at a million releases; over 1 000 it was ~120 ms), so a
relevance list has at most 15 pages of 20. Snippets (``headlines``) are
computed in a second query for the ids on the page, never before the LIMIT.

Phrases (``"panas bumi"``): PostgreSQL estimates ``<->`` as if the words were
independent (~800 rows instead of ~20 000 at a million releases), so it takes
the GIN bitmap and re-checks every match of the words, reading each row's
``search_vector`` from TOAST (~150 ms per query for a 2 % phrase).
``newest_phrase_matches`` walks the newest rows of the filtered list instead,
checking the phrase on each and stopping at the page's last row, inside a
bounded window (``PHRASE_WINDOW`` rows); when the window does not hold the page
the caller falls back to the indexed query, so a phrase always matches
exactly the same rows (adjacent words only) either way.
"""

from __future__ import annotations

import html
import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Expression, F, Q, QuerySet, Subquery, TextField, Value
from django.db.models.expressions import Col
from django.db.models.functions import Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

RANK_CANDIDATES = 300
# Rows of the filtered list a phrase page may examine newest first (each one a
# TOAST read of search_vector, ~7 µs warm) before falling back to the index.
PHRASE_WINDOW = 3000
_PHRASE = re.compile(r'"[^"]*\w\W+\w')
# ts_headline marks matches with control characters, so the snippet can be
# stripped of the body's HTML and escaped before the marks become <mark>.
_START, _STOP = "\x02", "\x03"

_SEARCH_VECTOR = SearchVectorField()
_SEARCH_VECTOR.set_attributes_from_name("search_vector")


def full_text_available() -> bool:
    return connection.vendor == "postgresql"


class StoredSearchVector(Expression):
    """``<article table alias>.search_vector``, a column the model does not declare.

    Resolves to a column reference on the query's base table, so it keeps
    working when Django relabels the table inside a subquery.
    """

    output_field = SearchVectorField()

    def resolve_expression(self, query=None, *args, **kwargs):
        _SEARCH_VECTOR.model = query.model  # Django reads target.model in some paths
        return Col(query.get_initial_alias(), _SEARCH_VECTOR, output_field=SearchVectorField())


def parse_query(query: str) -> SearchQuery:
    return SearchQuery(query, config="indonesian", search_type="websearch") | SearchQuery(
        query, config="simple", search_type="websearch"
    )


def search_articles(queryset: QuerySet, query: str) -> QuerySet:
    """Releases matching ``query``; order is left to the caller."""
    if full_text_available():
        return queryset.alias(search_vector=StoredSearchVector()).filter(
            search_vector=parse_query(query)
        )
    return _substring_search(queryset, query)


def has_phrase(query: str) -> bool:
    """Whether ``query`` quotes two or more words (websearch makes that a ``<->`` phrase)."""
    return bool(_PHRASE.search(query))


def newest_phrase_matches(unsearched: QuerySet, query: str, *, limit: int) -> list[int] | None:
    """Ids of the newest ``limit`` matches of ``query`` in ``unsearched`` (newest first),
    looking at the newest ``PHRASE_WINDOW`` rows only; ``None`` when that window holds
    fewer than ``limit`` matches (then only the indexed query can say what is older).

    The window is a subquery with its own LIMIT, which PostgreSQL never pushes the
    outer match into: it reads the partial index newest first and stops as soon as
    ``limit`` rows have matched.
    """
    if not full_text_available():
        return None
    window = (
        unsearched.order_by("-published_at", "-id")
        .annotate(phrase_vector=StoredSearchVector())
        .values("id", "published_at", "phrase_vector")[:PHRASE_WINDOW]
    )
    window_sql, params = window.query.sql_with_params()
    sql = (
        f"SELECT w.id FROM ({window_sql}) AS w "  # noqa: S608 (Django's SQL, user input as params)
        "WHERE w.phrase_vector @@ (websearch_to_tsquery('indonesian'::regconfig, %s) "
        "|| websearch_to_tsquery('simple'::regconfig, %s)) "
        "ORDER BY w.published_at DESC, w.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, query, query, limit])
        ids = [row[0] for row in cursor.fetchall()]
    return ids if len(ids) == limit else None


def _substring_search(queryset: QuerySet, query: str) -> QuerySet:
    alternatives: list[Q] = []
    for group in query.replace('"', " ").split(" or "):
        condition = Q()
        for word in group.split():
            word = word.strip("'")
            if word.lower() == "or" or word in ("", "-"):
                continue
            exclude = word.startswith("-")
            word = word.lstrip("-")
            match = Q(title__icontains=word) | Q(lead__icontains=word) | Q(body__icontains=word)
            condition &= ~match if exclude else match
        alternatives.append(condition)
    combined = Q()
    for condition in alternatives:
        combined |= condition
    return queryset.filter(combined)


def rank_candidates(queryset: QuerySet, query: str) -> QuerySet:
    """The newest ``RANK_CANDIDATES`` matches of ``queryset``, most relevant first.

    ``queryset`` is already filtered (search included). Approximation,
    documented: a highly relevant but old release of a very common word may
    fall outside the candidate set; for rarer words (fewer matches than the
    bound) the ranking is exact.
    """
    newest = queryset.order_by("-published_at", "-id").values("pk")[:RANK_CANDIDATES]
    ranked = queryset.filter(pk__in=Subquery(newest))
    if not full_text_available():
        return ranked.order_by("-published_at", "-id")
    return ranked.annotate(rank=SearchRank(StoredSearchVector(), parse_query(query))).order_by(
        "-rank", "-published_at", "-id"
    )


def headlines(model, ids: list[int], query: str) -> dict[int, SafeString]:
    """``{id: snippet}`` with the matched words in ``<mark>``, for the given rows only."""
    if not ids or not full_text_available():
        return {}
    rows = (
        model.objects.filter(pk__in=ids)
        .annotate(
            snippet=SearchHeadline(
                Concat(F("lead"), Value(" "), F("body"), output_field=TextField()),
                parse_query(query),
                config="indonesian",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .values_list("pk", "snippet")
    )
    return {pk: _mark(snippet) for pk, snippet in rows}


def _mark(snippet: str) -> SafeString:
    text = escape(html.unescape(strip_tags(snippet.replace("<", " <"))))
    text = " ".join(text.split())
    # Safe: the text was escaped above; only the two marks become tags.
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))
