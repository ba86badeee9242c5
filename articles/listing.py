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

Bad paging parameters raise ``PagingError`` naming the parameter (→ 400).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
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


def list_page(
    *,
    queryset: QuerySet,
    sort: str,
    query: str,
    paging: Paging,
    matches: QuerySet | None = None,
    unsearched: QuerySet | None = None,
    count: int | None = None,
    phrase_ids: list[int] | None = None,
) -> ListPage:
    """The rows of one page of ``queryset`` (filtered and ordered by ``ArticleFilter``).

    ``matches``: the same set unranked (``ArticleFilter.matches``), counted
    instead of ``queryset`` so a relevance sort does not rank to count.
    ``count``: the capped count when the caller has it (the view caches it).
    ``phrase_ids`` (a quoted phrase): the newest ``count_cap + 1`` matches, from
    ``search.phrase_match_ids``; rows then come from them or from another walk of
    ``unsearched`` (the same filters without the words), never from the indexed
    phrase query (see search.py). May raise ``search.PhraseTooCostly``.
    """
    size = settings.ARTICLES_PER_PAGE
    cap = count_cap(query)
    if count is None:
        count = capped_count(matches if matches is not None else queryset, cap)
    exact = count <= cap
    # A relevance sort ranks a bounded candidate set; pages end with it.
    reachable = RANK_CANDIDATES if sort == Sort.RELEVANCE else cap
    rows_qs = queryset
    offset = 0
    if paging.cursor:
        rows_qs = after_cursor(rows_qs, paging.cursor, sort)
    else:
        offset = (paging.page - 1) * size
        if paging.page > 1 and offset >= min(count, cap, reachable):
            raise PagingError(
                "page", _("There is no page %(page)d of these results.") % {"page": paging.page}
            )
    if phrase_ids is not None and unsearched is not None:
        rows = phrase_rows(
            unsearched,
            query,
            sort,
            offset=offset,
            count=size + 1,
            cursor=paging.cursor,
            newest_ids=phrase_ids,
        )
    else:
        rows = _page_rows(rows_qs, sort, offset, size + 1)
    if paging.cursor and not rows:
        raise PagingError("cursor", _("There are no more results after this position."))
    has_next = len(rows) > size
    rows = rows[:size]
    if query and rows:
        snippets = headlines(Article, [row.pk for row in rows], query)
        for row in rows:
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


def _page_rows(rows_qs: QuerySet, sort: str, offset: int, count: int) -> list[Article]:
    """``rows_qs[offset : offset + count]``, choosing the rows before joining their names.

    Asked for the page at once, PostgreSQL joins every match's region and publisher before
    sorting when the matches come from a semi-join (an event's 500 releases: 9 ms instead
    of 3 at a million releases); with the page's ids chosen in a subquery it joins 21 rows.
    A relevance page keeps its single query (the order is an annotation).
    """
    if sort == Sort.RELEVANCE:
        return list(rows_qs[offset : offset + count])
    page_ids = rows_qs.values("pk")[offset : offset + count]
    rows = (
        Article.objects.for_listing()
        .using(rows_qs.db)
        .filter(pk__in=Subquery(page_ids))
        .order_by(*rows_qs.query.order_by)
    )
    return list(rows)


def phrase_rows(
    unsearched: QuerySet,
    query: str,
    sort: str,
    *,
    offset: int,
    count: int,
    cursor: tuple[datetime.datetime, int] | None = None,
    newest_ids: list[int] | None = None,
) -> list[Article]:
    """Rows ``offset`` to ``offset + count`` of a phrase search in ``sort`` order (past
    ``cursor`` if given), found by ``search.phrase_match_ids`` over ``unsearched`` (the
    same filters without the words), never by PostgreSQL's own phrase plan.

    ``newest_ids``: the newest matches when the caller already has them (the list
    caches the newest ``count_cap + 1``). May raise ``search.PhraseTooCostly``.
    """
    wanted = offset + count
    if sort == Sort.RELEVANCE:
        if newest_ids is None:
            newest_ids = phrase_match_ids(unsearched, query, limit=RANK_CANDIDATES)
        ranked = rank_ids(unsearched, newest_ids[:RANK_CANDIDATES], query)
        return list(ranked[offset:wanted])
    oldest = sort == Sort.OLDEST
    if cursor:
        ids = phrase_match_ids(
            after_cursor(unsearched, cursor, sort), query, limit=count, oldest=oldest
        )
    elif newest_ids is not None and not oldest:
        ids = newest_ids[offset:wanted]
    else:
        ids = phrase_match_ids(unsearched, query, limit=wanted, oldest=oldest)[offset:]
    return list(unsearched.filter(pk__in=ids).order_by(*date_order(oldest=oldest)))
