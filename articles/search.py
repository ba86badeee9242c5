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

Phrases (``"panas bumi"``): the GIN index cannot check adjacency, so every
release holding all the words is re-read from TOAST (~8 µs each) and its
positions checked; PostgreSQL estimates ``<->`` as if the words were
independent and plans for a few hundred rows. ``phrase_match_ids`` answers a
phrase in one of two bounded ways, fastest first, and returns the same ids
either way (adjacent words only):

1. it walks the newest (or oldest) ``PHRASE_WINDOW`` rows of the filtered list,
   checking the phrase on each, which is enough for a common phrase;
2. otherwise it lets the GIN index find the releases holding all the words (a
   query with ``&`` for ``<->``, which needs no re-check, so no TOAST read),
   sorts them by date and checks the phrase on them in order until it has
   enough (a 2 % phrase: 20 000 heap rows, ~100 ms instead of ~350 ms).

Words common on their own but rarely side by side (``"kepada masyarakat"``:
half the archive holds both, two releases the phrase) would still mean
checking half a million rows, ~15 s; that step runs under
``PHRASE_TIMEOUT_MS`` and gives up with ``PhraseTooCostly``, which the list
answers with a 400 asking to narrow the search.
"""

from __future__ import annotations

import html
import re
from contextlib import contextmanager

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.core.exceptions import EmptyResultSet
from django.db import OperationalError, connection, connections, transaction
from django.db.models import BooleanField, Expression, F, Q, QuerySet, Subquery, TextField, Value
from django.db.models.expressions import Col
from django.db.models.functions import Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

RANK_CANDIDATES = 300
# Rows of the filtered list a phrase examines in date order first (each one a
# TOAST read of search_vector, ~8 µs warm), and the most a walk may go on when
# that window's share of matches says it will find enough (~300 ms).
PHRASE_WINDOW = 1000
PHRASE_WALK_LIMIT = 40_000
# The most the indexed step of a phrase may take before the search is refused.
PHRASE_TIMEOUT_MS = 2000
# websearch_to_tsquery's phrase operators (<->, <2>, …); as "&" they keep every
# release holding the words anywhere, which GIN answers without a re-check.
_PHRASE_OPERATOR = r"<(-|[0-9]+)>"
_QUERY_SQL = (
    "(websearch_to_tsquery('indonesian'::regconfig, %s) "
    "|| websearch_to_tsquery('simple'::regconfig, %s))"
)
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


class PhraseTooCostly(Exception):
    """Checking the phrase's words side by side would take longer than ``PHRASE_TIMEOUT_MS``."""

    message = gettext_lazy(
        "These words are in too many releases to check where they stand side by side "
        "across the whole archive. Narrow the search (a region, an agency, dates) or "
        "search for the words without quotes."
    )


@contextmanager
def phrase_time_limit(database: str):
    """Run the queries inside under ``PHRASE_TIMEOUT_MS`` (PostgreSQL's statement_timeout,
    local to a transaction), turning a cancelled query into ``PhraseTooCostly``."""
    try:
        with transaction.atomic(using=database), connections[database].cursor() as cursor:
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, true)", [str(PHRASE_TIMEOUT_MS)]
            )
            yield
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) == "57014":  # query_canceled
            raise PhraseTooCostly from error
        raise


class AllWordsMatch(Expression):
    """``search_vector @@ <the query with every phrase loosened to "all these words">``."""

    output_field = BooleanField()

    def __init__(self, query: str):
        super().__init__()
        self.query = query

    def resolve_expression(self, query=None, *args, **kwargs):
        resolved = self.copy()
        resolved.vector = StoredSearchVector().resolve_expression(query, *args, **kwargs)
        return resolved

    def as_sql(self, compiler, connection):
        vector_sql, vector_params = compiler.compile(self.vector)
        # A negated phrase ("-\"a b\"") loosened would lose matches, so a query with
        # "!" is kept as it is (GIN then re-checks; still under the time limit).
        loosened = (
            f"CASE WHEN strpos({_QUERY_SQL}::text, '!') > 0 THEN {_QUERY_SQL} "
            f"ELSE regexp_replace({_QUERY_SQL}::text, %s, '&', 'g')::tsquery END"
        )
        return (
            f"{vector_sql} @@ {loosened}",
            [*vector_params, *[self.query] * 6, _PHRASE_OPERATOR],
        )


def phrase_match_ids(
    unsearched: QuerySet, query: str, *, limit: int, oldest: bool = False
) -> list[int]:
    """Ids of the first ``limit`` releases of ``unsearched`` matching ``query`` (which
    quotes a phrase), newest first (``oldest``: oldest first); all of them when fewer.

    ``unsearched`` is the filtered list without the words. Raises ``PhraseTooCostly``
    when the indexed step runs out of time (see the module's docstring).
    """
    rows = unsearched.order_by(*date_order(oldest=oldest)).annotate(
        phrase_vector=StoredSearchVector()
    )
    try:
        ids, examined = _walk(rows, query, limit=limit, window=PHRASE_WINDOW, count=True)
    except EmptyResultSet:  # a filter Django knows matches nothing (``pk__in=[]``)
        return []
    if len(ids) >= limit or examined < PHRASE_WINDOW:
        return ids
    # The window's share of matches says how far a walk would go to find ``limit``.
    if len(ids) * PHRASE_WALK_LIMIT >= limit * PHRASE_WINDOW:
        ids, _ = _walk(rows, query, limit=limit, window=PHRASE_WALK_LIMIT, count=False)
        if len(ids) >= limit:
            return ids
    return _all_words_then_phrase(rows, query, limit=limit)


_COLUMNS = ("id", "published_at", "phrase_vector")


def date_order(*, oldest: bool = False) -> tuple[str, str]:
    """The list's order by date (ties by id): newest first, or oldest first."""
    return ("published_at", "id") if oldest else ("-published_at", "-id")


def _direction(rows: QuerySet) -> str:
    return "DESC" if rows.query.order_by[0].startswith("-") else "ASC"


def _walk(rows: QuerySet, query: str, *, limit: int, window: int, count: bool):
    """The first ``limit`` matches among the first ``window`` rows, and (``count``) how
    many rows the window held."""
    direction = _direction(rows)
    window_sql, params = rows.values(*_COLUMNS)[:window].query.sql_with_params()
    # The window is a subquery with its own LIMIT, so PostgreSQL never pushes the
    # phrase into it: it reads the list's index in order and stops at ``limit`` hits.
    # S608: Django's own SQL and this module's constants; user input only as params.
    sql = (
        f"SELECT ARRAY(SELECT w.id FROM ({window_sql}) AS w "  # noqa: S608
        f"WHERE w.phrase_vector @@ {_QUERY_SQL} "
        f"ORDER BY w.published_at {direction}, w.id {direction} LIMIT %s), "
        + (f"(SELECT COUNT(*) FROM ({window_sql}) AS c)" if count else "NULL")  # noqa: S608
    )
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, [*params, query, query, limit, *(params if count else [])])
        ids, examined = cursor.fetchone()
    return list(ids), examined


def _all_words_then_phrase(rows: QuerySet, query: str, *, limit: int) -> list[int]:
    direction = _direction(rows)
    candidates = rows.filter(AllWordsMatch(query)).values(*_COLUMNS)
    candidates_sql, params = candidates.query.sql_with_params()
    # OFFSET 0 keeps the phrase out of the subquery: the index answers "all the words"
    # alone, and the phrase is checked on the sorted candidates until ``limit`` match.
    sql = (
        f"SELECT w.id FROM ({candidates_sql} OFFSET 0) AS w "  # noqa: S608
        f"WHERE w.phrase_vector @@ {_QUERY_SQL} "
        f"ORDER BY w.published_at {direction}, w.id {direction} LIMIT %s"
    )
    database = rows.db  # a replica when the router sends public reads there
    with phrase_time_limit(database), connections[database].cursor() as cursor:
        cursor.execute(sql, [*params, query, query, limit])
        return [row[0] for row in cursor.fetchall()]


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
    return rank_ids(queryset, Subquery(newest), query)


def rank_ids(queryset: QuerySet, ids, query: str) -> QuerySet:
    """The rows of ``queryset`` among ``ids`` (a list or a subquery), most relevant first."""
    ranked = (
        queryset.filter(pk__in=ids)
        if isinstance(ids, Subquery)
        else queryset.filter(pk__in_array=ids)
    )
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
        model.objects.filter(pk__in_array=ids)
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
