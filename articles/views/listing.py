"""``/articles/``: the filtered, searchable list of public releases.

Filtering is ``ArticleFilter``; counting, paging and snippets are
``articles.listing``; facets are ``articles.facets``. Any invalid parameter
answers 400 with the form still filled in and the message next to the field.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.generic import TemplateView

from agencies.models import Region
from ops.cache import cached_for_archive

from ..facets import FACET_SCAN_LIMIT, facets_for
from ..filters import ArticleFilter, Sort, error_messages
from ..listing import NewestMatches, PagingError, list_page, newest_matches, parse_paging
from ..models import Article
from ..search import PhraseTooCostly

FILTER_PARAMETERS = ["q", "region", "agency", "official", "event", "topic", "date_from", "date_to"]
PAGING_PARAMETERS = ["page", "cursor"]
# Bounds how late a release scheduled for later (published_at in the future, no
# archive_changed when its time comes) shows up in a list (its newest matches, count
# and facets, and the rendered page).
FACETS_CACHE_SECONDS = 300


def querystring(params: QueryDict, *, drop=(), **changes) -> str:
    """``params`` without paging, without ``drop``, with ``changes``; "" when empty."""
    # Pairs, not QueryDict.copy(): that deep-copies, and a list page builds ~60 of these.
    skipped = {*PAGING_PARAMETERS, *drop}
    pairs = []
    for key, values in params.lists():
        if key in skipped:
            continue
        for value in [changes.pop(key)] if key in changes else values:
            if value:
                pairs.append((key, value))
    pairs.extend((key, value) for key, value in changes.items() if value)
    return f"?{urlencode(pairs)}" if pairs else ""


class BadListRequest(Exception):
    """An invalid parameter: answered 400 with the messages next to the fields."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


class ArticleListView(TemplateView):
    template_name = "articles/article_list.html"

    def get(self, request, *args, **kwargs):
        params = request.GET
        context = {
            "values": {key: params.get(key, "") for key in [*FILTER_PARAMETERS, "sort"]},
            "noindex": bool(params),
            "feed_query": querystring(params, drop=["sort"]),
        }
        try:
            # The body (form, count, rows, snippets, paging, facets) is the same for every
            # visitor asking the same query string in the same language until the archive
            # changes (archive_changed) or FACETS_CACHE_SECONDS pass, so it is rendered once
            # and shared (ops.cache). A bad request raises before anything is stored, so
            # only valid query strings are ever cached.
            content = cached_for_archive(
                "list-page",
                [get_language(), *sorted(params.lists())],
                lambda: self.render_content(params, context["values"]),
                timeout=FACETS_CACHE_SECONDS,
            )
        except BadListRequest as bad:
            context["content"] = render_to_string(
                "articles/_list_content.html",
                {**self.form_context(context["values"]), "errors": bad.errors},
            )
            return self.render_to_response(self.get_context_data(**context), status=400)
        context["content"] = content
        return self.render_to_response(self.get_context_data(**context))

    @staticmethod
    def form_context(values: dict[str, str]) -> dict:
        return {
            "values": values,
            "sort_choices": Sort.CHOICES,
            "provinces": Region.objects.provinces().only("code", "name"),
        }

    def render_content(self, params: QueryDict, values: dict[str, str]) -> str:
        filterset = ArticleFilter(params, queryset=Article.objects.published().for_listing())
        if not filterset.is_valid():
            raise BadListRequest(error_messages(filterset))
        sort = filterset.form.cleaned_data.get("sort") or Sort.NEWEST
        query = filterset.form.cleaned_data.get("q") or ""
        filter_parts = [(key, params.getlist(key)) for key in FILTER_PARAMETERS]
        try:
            paging = parse_paging(params, sort=sort)
            results = self.render_results(params, filterset, sort, query, paging, filter_parts)
        except PagingError as error:
            raise BadListRequest({error.parameter: [error.message]}) from None
        except PhraseTooCostly:
            raise BadListRequest({"q": [str(PhraseTooCostly.message)]}) from None
        return render_to_string(
            "articles/_list_content.html", {**self.form_context(values), "results": results}
        )

    def render_results(self, params, filterset, sort, query, paging, filter_parts) -> str:
        queryset = filterset.qs  # runs the filters (and sets matches, unsearched)
        phrase = bool(filterset.phrase)

        def find_newest() -> NewestMatches | None:
            try:
                return newest_matches(
                    matches=filterset.matches,
                    unsearched=filterset.unsearched,
                    query=query,
                    phrase=phrase,
                )
            except PhraseTooCostly:
                return None  # remembered as such for a while, like any answer

        # The newest matches and the capped count, found once per filter set (every
        # page and sort of it): the numbered pages and the facets are taken from them.
        newest = cached_for_archive(
            "newest-matches", filter_parts, find_newest, timeout=FACETS_CACHE_SECONDS
        )
        if newest is None:
            raise PhraseTooCostly(query)
        page = list_page(
            queryset=queryset,
            unsearched=filterset.unsearched,
            sort=sort,
            query=query,
            paging=paging,
            newest=newest,
            phrase=phrase,
        )
        matches = Article.objects.filter(pk__in_array=newest.ids[: FACET_SCAN_LIMIT + 1])
        region = filterset.form.cleaned_data.get("region")
        by_region = bool(region and region.is_province)
        facets = cached_for_archive(
            "facets",
            [*filter_parts, by_region],
            lambda: facets_for(matches, by_region=by_region),
            timeout=FACETS_CACHE_SECONDS,
        )
        return render_to_string(
            "articles/_list_results.html",
            {
                "page": page,
                "facets": facets,
                "facet_scan_limit": FACET_SCAN_LIMIT,
                "chips": self.chips(params, filterset),
                "facet_links": self.facet_links(params, facets),
                "next_query": querystring(
                    params, page=page.next_page or "", cursor=page.next_cursor or ""
                ),
                "previous_query": querystring(params, page=page.previous_page or ""),
                "page_links": [
                    (n, querystring(params, page=n if n > 1 else "")) for n in page.page_numbers
                ],
            },
        )

    @staticmethod
    def chips(params: QueryDict, filterset: ArticleFilter) -> list[dict]:
        active = filterset.active_filters
        return [
            {
                "key": key,
                "label": filterset.form.fields[key].label,
                "value": active[key],
                "remove": querystring(params, drop=[key]) or "?",
            }
            for key in FILTER_PARAMETERS
            if key in active
        ]

    @staticmethod
    def facet_links(params: QueryDict, facets) -> list[tuple[str, list[tuple]]]:
        return [
            (
                key,
                [(value, querystring(params, **{key: value.key})) for value in values],
            )
            for key, values in facets.as_list()
        ]
