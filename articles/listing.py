"""One page of the public list of releases: counting, paging, snippets.

Counting is capped: ``COUNT_CAP + 1`` rows at most are counted
(``SEARCH_COUNT_CAP + 1`` for a search; an exact COUNT over half the archive
is ~0.5 s at a million rows); above the cap the page says "more than 10 000"
("more than 1 000" for a search).

Paging has two forms, both cheap at any depth:

* ``page=N`` numbers the first ``MAX_PAGES`` pages (OFFSET ≤ 980 rows);
* ``cursor=<microseconds>_<id>`` (keyset on ``(published_at, id)``, newest
  or oldest sort) continues from any row; the "Older"/"Newer" links past the
  numbered pages carry it. A keyset page reads the partial index
  ``article_public_published_at`` from the cursor on, so the 10 000th page
  costs what the first does.

The newest ``newest_ids_limit()`` (1 001) matches are found once per filter set
(``newest_matches``, with the capped count in the same statement); the numbered
pages, the relevance candidates and the facets are read from those ids.

Bad paging parameters raise ``PagingError`` naming the parameter (→ 400).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from .filters import Sort
from .models import Article
from .search import RANK_CANDIDATES, date_order, headlines, phrase_match_ids, rank_ids

COUNT_CAP = 10_000
# A search evaluates the match on every row it counts (the tsvector is read
# from TOAST), so searches count less far.
SEARCH_COUNT_CAP = 1_000
MAX_PAGES = 50
PAGE_PATTERN = re.compile(r"^[0-9]{1,9}$")
CURSOR_PATTERN = re.compile(r"^(\d{1,18})_(\d{1,18})$")
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class PagingError(ValueError):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass
class Paging:
    page: int = 1
    cursor: tuple[datetime.datetime, int] | None = None


@dataclass
class ListPage:
    articles: list[Article]
    count: int
    count_is_exact: bool
    page: int
    page_size: int
    has_next: bool
    next_page: int | None = None
    previous_page: int | None = None
    next_cursor: str | None = None
    page_numbers: list[int] = field(default_factory=list)
    keyset: bool = False


def encode_cursor(article: Article) -> str:
    micros = (article.published_at - EPOCH) // datetime.timedelta(microseconds=1)
    return f"{micros}_{article.pk}"


def parse_paging(params, *, sort: str) -> Paging:
    """``page`` and ``cursor`` from the query string, or ``PagingError``."""
    paging = Paging()
    raw_page = params.get("page", "").strip()
    if raw_page:
        # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
        if not PAGE_PATTERN.match(raw_page) or int(raw_page) < 1:
            raise PagingError("page", _("The page must be a whole number from 1."))
        paging.page = int(raw_page)
        if paging.page > MAX_PAGES:
            raise PagingError(
                "page",
                _(
                    "Only the first %(max)d pages are numbered; "
                    "follow the “Older” link to go further back."
                )
                % {"max": MAX_PAGES},
            )
    raw_cursor = params.get("cursor", "").strip()
    if raw_cursor:
        match = CURSOR_PATTERN.match(raw_cursor)
        if not match:
            raise PagingError("cursor", _("This position in the list is not valid."))
        if sort == Sort.RELEVANCE:
            raise PagingError(
                "cursor", _("A position in the list works with newest or oldest sorting only.")
            )
        if raw_page:
            raise PagingError("page", _("Use either a page number or a position, not both."))
        try:
            when = EPOCH + datetime.timedelta(microseconds=int(match[1]))
        except OverflowError:
            raise PagingError("cursor", _("This position in the list is not valid.")) from None
        paging.cursor = (when, int(match[2]))
    return paging


def count_cap(query: str) -> int:
    return SEARCH_COUNT_CAP if query else COUNT_CAP


def capped_count(queryset: QuerySet, cap: int) -> int:
    """At most ``cap + 1``: the count of the newest ``cap + 1`` matches.

    Ordered like the list on purpose: without an order the planner may pick a
    sequential scan that reads tens of thousands of rows (evaluating the search
    on each) before it has seen ``cap + 1`` matches of a search inside a
    province; walking the same index as the page stops after ``cap + 1``.
    """
    return queryset.order_by("-published_at", "-id").values("pk")[: cap + 1].count()


def after_cursor(queryset: QuerySet, cursor: tuple[datetime.datetime, int], sort: str) -> QuerySet:
    """The rows of ``queryset`` past the keyset position ``cursor`` in ``sort`` order."""
    when, pk = cursor
    if sort == Sort.OLDEST:
        after = Q(published_at__gt=when) | Q(published_at=when, pk__gt=pk)
        return queryset.filter(after, published_at__gte=when)
    before = Q(published_at__lt=when) | Q(published_at=when, pk__lt=pk)
    return queryset.filter(before, published_at__lte=when)


def newest_ids_limit() -> int:
    """How many of the newest matches a list reads once per filter set: enough for every
    numbered page, a search's capped count, the relevance candidates and the facets."""
    return max(MAX_PAGES * settings.ARTICLES_PER_PAGE, SEARCH_COUNT_CAP, RANK_CANDIDATES) + 1


@dataclass
class NewestMatches:
    """The newest ``newest_ids_limit()`` matches of a filter set, and its capped count."""

    ids: list[int]
    count: int


def newest_matches(
    *, matches: QuerySet, unsearched: QuerySet, query: str, phrase: bool
) -> NewestMatches:
    """The ids of the newest matches, newest first (all when fewer), and the capped count.

    Found once per filter set; the count, the numbered pages, the relevance candidates
    and the facets are then taken from these ids instead of each re-reading the
    matches (an event's 500 releases were read three times per page). A search counts
    no further than the ids; a list without words that fills them is counted up to
    ``COUNT_CAP + 1`` in the same statement. A quoted phrase is found by
    ``search.phrase_match_ids`` (may raise ``search.PhraseTooCostly``), never by
    PostgreSQL's own phrase plan.
    """
    limit = newest_ids_limit()
    if phrase:
        ids = phrase_match_ids(unsearched, query, limit=limit)
        return NewestMatches(ids=ids, count=len(ids))
    newest = matches.order_by(*date_order()).values("pk")
    database = connections[matches.db]
    if database.vendor != "postgresql":
        ids = [row["pk"] for row in newest[:limit]]
        counted = len(ids) < limit or query
        return NewestMatches(
            ids=ids, count=len(ids) if counted else capped_count(matches, COUNT_CAP)
        )
    try:
        ids_sql, ids_params = newest[:limit].query.sql_with_params()
        count_sql, count_params = newest[: COUNT_CAP + 1].query.sql_with_params()
    except EmptyResultSet:  # a filter Django knows matches nothing
        return NewestMatches(ids=[], count=0)
    # One round trip, the ids as one array, made once (MATERIALIZED: inlined, the array
    # would be built for each of its three mentions). The count's subquery is an
    # InitPlan, which PostgreSQL runs only when the CASE reaches it: when the ids fill
    # the limit. S608: Django's own compiled SQL; user input only ever as parameters.
    count_expression = (
        "cardinality(s.ids)"
        if query
        else f"CASE WHEN cardinality(s.ids) < %s THEN cardinality(s.ids) "  # noqa: S608
        f"ELSE (SELECT COUNT(*) FROM ({count_sql}) AS c) END"
    )
    sql = (
        f"WITH s AS MATERIALIZED (SELECT ARRAY({ids_sql}) AS ids) "  # noqa: S608
        f"SELECT s.ids, {count_expression} FROM s"
    )
    params = [*ids_params] if query else [*ids_params, limit, *count_params]
    with database.cursor() as cursor:
        cursor.execute(sql, params)
        ids, count = cursor.fetchone()
    return NewestMatches(ids=ids, count=count)


def list_page(
    *,
    queryset: QuerySet,
    unsearched: QuerySet,
    sort: str,
    query: str,
    paging: Paging,
    newest: NewestMatches,
    phrase: bool = False,
) -> ListPage:
    """The rows of one page of ``queryset`` (filtered and ordered by ``ArticleFilter``).

    ``unsearched``: the same filters without the words. ``newest``: from
    ``newest_matches`` for these filters. May raise ``search.PhraseTooCostly`` (a
    phrase's rows past the newest ids).
    """
    size = settings.ARTICLES_PER_PAGE
    cap = count_cap(query)
    count = newest.count
    exact = count <= cap
    # A relevance sort ranks a bounded candidate set; pages end with it.
    reachable = RANK_CANDIDATES if sort == Sort.RELEVANCE else cap
    offset = 0
    if paging.cursor is None:
        offset = (paging.page - 1) * size
        if paging.page > 1 and offset >= min(count, cap, reachable):
            raise PagingError(
                "page", _("There is no page %(page)d of these results.") % {"page": paging.page}
            )
    rows = _page_rows(
        queryset=queryset,
        unsearched=unsearched,
        sort=sort,
        query=query,
        newest_ids=newest.ids,
        offset=offset,
        count=size + 1,
        cursor=paging.cursor,
        phrase=phrase,
    )
    if paging.cursor and not rows:
        raise PagingError("cursor", _("There are no more results after this position."))
    has_next = len(rows) > size
    rows = rows[:size]
    snippets = headlines(Article, [row.pk for row in rows], query) if query else {}
    for row in rows:
        # Always set: the template's {% if article.snippet %} on a missing attribute
        # costs a dir() of the model instance per row.
        row.snippet = snippets.get(row.pk)
    page = ListPage(
        articles=rows,
        count=min(count, cap),
        count_is_exact=exact,
        page=paging.page,
        page_size=size,
        has_next=has_next,
        keyset=paging.cursor is not None,
    )
    if paging.cursor is None:
        last_numbered = min(MAX_PAGES, max(1, -(-min(page.count, reachable) // size)))
        page.page_numbers = list(
            range(max(1, page.page - 3), min(last_numbered, page.page + 3) + 1)
        )
        page.previous_page = page.page - 1 if page.page > 1 else None
        if has_next and page.page < last_numbered:
            page.next_page = page.page + 1
    if has_next and page.next_page is None and sort != Sort.RELEVANCE:
        page.next_cursor = encode_cursor(rows[-1])
    return page


def _page_rows(
    *,
    queryset: QuerySet,
    unsearched: QuerySet,
    sort: str,
    query: str,
    newest_ids: list[int],
    offset: int,
    count: int,
    cursor: tuple[datetime.datetime, int] | None,
    phrase: bool,
) -> list[Article]:
    """Rows ``offset`` to ``offset + count`` in ``sort`` order (past ``cursor`` if given)."""
    wanted = offset + count
    if cursor is None:
        if sort == Sort.RELEVANCE:
            ranked = rank_ids(unsearched, newest_ids[:RANK_CANDIDATES], query)
            return list(ranked[offset:wanted])
        if sort != Sort.OLDEST:
            return rows_by_id(newest_ids[offset:wanted], using=unsearched.db)
        if len(newest_ids) < newest_ids_limit():  # every match is among them
            ids = newest_ids[::-1][offset:wanted]
            return rows_by_id(ids, using=unsearched.db, oldest=True)
    if phrase:
        return phrase_rows(unsearched, query, sort, offset=offset, count=count, cursor=cursor)
    rows_qs = after_cursor(queryset, cursor, sort) if cursor else queryset
    # Asked for the page at once, PostgreSQL joins every match's region and publisher
    # before sorting when the matches come from a semi-join (an event's 500 releases:
    # 9 ms instead of 3 at a million releases); with the page's ids chosen in a
    # subquery it joins ``count`` rows.
    page_ids = rows_qs.values("pk")[offset:wanted]
    rows = (
        Article.objects.for_listing()
        .using(rows_qs.db)
        .filter(pk__in=Subquery(page_ids))
        .order_by(*rows_qs.query.order_by)
    )
    return list(rows)


def rows_by_id(ids: list[int], *, using: str, oldest: bool = False) -> list[Article]:
    """The public releases ``ids``, by date, read from the database ``using``.

    The ids were found through the list's filters, so only ``published()`` is checked
    again (the filters' joins and semi-joins cost more to build than the rows to read).
    """
    rows = Article.objects.published().for_listing().using(using)
    return list(rows.filter(pk__in_array=ids).order_by(*date_order(oldest=oldest)))


def phrase_rows(
    unsearched: QuerySet,
    query: str,
    sort: str,
    *,
    offset: int,
    count: int,
    cursor: tuple[datetime.datetime, int] | None = None,
) -> list[Article]:
    """Rows ``offset`` to ``offset + count`` of a phrase search in ``sort`` order (past
    ``cursor`` if given), found by ``search.phrase_match_ids`` over ``unsearched`` (the
    same filters without the words), never by PostgreSQL's own phrase plan.

    May raise ``search.PhraseTooCostly``.
    """
    wanted = offset + count
    if sort == Sort.RELEVANCE:
        candidates = phrase_match_ids(unsearched, query, limit=RANK_CANDIDATES)
        return list(rank_ids(unsearched, candidates, query)[offset:wanted])
    oldest = sort == Sort.OLDEST
    if cursor:
        ids = phrase_match_ids(
            after_cursor(unsearched, cursor, sort), query, limit=count, oldest=oldest
        )
    else:
        ids = phrase_match_ids(unsearched, query, limit=wanted, oldest=oldest)[offset:]
    return rows_by_id(ids, using=unsearched.db, oldest=oldest)
