"""``/articles/``: the filtered, searchable list of public releases.

Filtering is ``ArticleFilter``; counting, paging and snippets are
``articles.listing``; facets are ``articles.facets``. Any invalid parameter
answers 400 with the form still filled in and the message next to the field.
"""

from __future__ import annotations

from django.http import QueryDict
from django.views.generic import TemplateView

from agencies.models import Region
from ops.cache import cached_for_archive

from ..facets import FACET_SCAN_LIMIT, facets_for
from ..filters import ArticleFilter, Sort, error_messages
from ..listing import PagingError, list_page, parse_paging
from ..models import Article

FILTER_PARAMETERS = ["q", "region", "agency", "official", "event", "topic", "date_from", "date_to"]
PAGING_PARAMETERS = ["page", "cursor"]
# Bounds how late a release scheduled for later (published_at in the future, no
# archive_changed when its time comes) shows up in the counts.
FACETS_CACHE_SECONDS = 300


def querystring(params: QueryDict, *, drop=(), **changes) -> str:
    """``params`` without paging, without ``drop``, with ``changes``; "" when empty."""
    kept = params.copy()
    for key in [*PAGING_PARAMETERS, *drop]:
        kept.pop(key, None)
    for key, value in changes.items():
        kept[key] = value
    for key in list(kept):
        if not kept.get(key):
            kept.pop(key)
    encoded = kept.urlencode()
    return f"?{encoded}" if encoded else ""


class ArticleListView(TemplateView):
    template_name = "articles/article_list.html"

    def get(self, request, *args, **kwargs):
        params = request.GET
        filterset = ArticleFilter(params, queryset=Article.objects.published().for_listing())
        context = {
            "params": params,
            "values": {key: params.get(key, "") for key in [*FILTER_PARAMETERS, "sort"]},
            "sort_choices": Sort.CHOICES,
            "provinces": Region.objects.provinces().only("code", "name"),
            "noindex": bool(params),
            "feed_query": querystring(params, drop=["sort"]),
        }
        if not filterset.is_valid():
            return self.bad_request(context, error_messages(filterset))
        sort = filterset.form.cleaned_data.get("sort") or Sort.NEWEST
        try:
            paging = parse_paging(params, sort=sort)
            queryset = filterset.qs
            page = list_page(
                queryset=queryset,
                sort=sort,
                query=filterset.form.cleaned_data.get("q") or "",
                paging=paging,
                matches=filterset.matches,
            )
        except PagingError as error:
            return self.bad_request(context, {error.parameter: [error.message]})
        region = filterset.form.cleaned_data.get("region")
        by_region = bool(region and region.is_province)
        # Shared cache (ops.cache): the same filters give the same counts on every app
        # server until a release is published, edited or withdrawn (archive_changed).
        facets = cached_for_archive(
            "facets",
            [*((key, params.getlist(key)) for key in FILTER_PARAMETERS), by_region],
            lambda: facets_for(filterset.matches, by_region=by_region),
            timeout=FACETS_CACHE_SECONDS,
        )
        context.update(
            page=page,
            facets=facets,
            facet_scan_limit=FACET_SCAN_LIMIT,
            chips=self.chips(params, filterset),
            facet_links=self.facet_links(params, facets),
            next_query=querystring(
                params, page=page.next_page or "", cursor=page.next_cursor or ""
            ),
            previous_query=querystring(params, page=page.previous_page or ""),
            page_links=[
                (n, querystring(params, page=n if n > 1 else "")) for n in page.page_numbers
            ],
        )
        return self.render_to_response(self.get_context_data(**context))

    def bad_request(self, context, errors: dict[str, list[str]]):
        context.update(errors=errors, page=None)
        return self.render_to_response(self.get_context_data(**context), status=400)

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
