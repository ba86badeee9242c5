"""Read-only endpoints of the open data API. Reads live in ``api.selectors``;
these classes only wire querysets, serializers, filters and pagination."""

from __future__ import annotations

from django.middleware.http import ConditionalGetMiddleware
from django.urls import reverse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.decorators import decorator_from_middleware
from django.utils.http import http_date, parse_http_date_safe
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import viewsets
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from articles.search import PhraseTooCostly, full_text_available, has_phrase, phrase_time_limit

from . import selectors, serializers
from .filters import ApiArticleFilter
from .pagination import ArticleCursorPagination


class ConditionalGetAndHead(ConditionalGetMiddleware):
    """Django's ConditionalGetMiddleware, for HEAD as well as GET: a client polling
    with HEAD sees the same ETag a GET would carry."""

    def process_response(self, request, response):
        if request.method not in ("GET", "HEAD"):
            return response
        if self.needs_etag(response) and not response.has_header("ETag"):
            set_response_etag(response)
        etag = response.get("ETag")
        last_modified = response.get("Last-Modified")
        last_modified = last_modified and parse_http_date_safe(last_modified)
        if etag or last_modified:
            return get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
        return response


# An ETag over the rendered body on every GET and HEAD, and a 304 when it matches
# If-None-Match: clients poll for the price of a hash comparison on the wire.
conditional_get = decorator_from_middleware(ConditionalGetAndHead)

SLUG_PATTERN = r"[-a-zA-Z0-9_]+"
REGION_CODE_PATTERN = r"[0-9][0-9.]*"


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    @classmethod
    def as_view(cls, *args, **kwargs):
        return conditional_get(super().as_view(*args, **kwargs))


class PublishedCountMixin:
    """Entities whose serialisation carries ``article_count``."""

    count_lookup: str

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        selectors.attach_published_counts(page, lookup=self.count_lookup)
        return page

    def get_object(self):
        obj = super().get_object()
        selectors.attach_published_counts([obj], lookup=self.count_lookup)
        return obj


@extend_schema_view(
    list=extend_schema(
        summary="Public press releases",
        description=(
            "Newest first by default. Takes the same filters as the public list. "
            "Pages with a cursor: follow `next` (stable while new releases arrive). "
            "`sort=relevance` (needs `q`) answers a single page of the best matches."
        ),
    ),
    retrieve=extend_schema(summary="One public press release, by slug"),
)
class ArticleViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ArticleSerializer
    filterset_class = ApiArticleFilter
    pagination_class = ArticleCursorPagination

    def get_queryset(self):
        return selectors.api_article_queryset()

    def list(self, request, *args, **kwargs):
        query = request.query_params.get("q", "")
        if not (has_phrase(query) and full_text_available()):
            return super().list(request, *args, **kwargs)
        # PostgreSQL may check a phrase on every release holding its words
        # (articles/search.py): bounded in time, and past it a 400 as on /articles/.
        try:
            with phrase_time_limit(self.get_queryset().db):
                return super().list(request, *args, **kwargs)
        except PhraseTooCostly:
            raise ValidationError({"q": [str(PhraseTooCostly.message)]}) from None

    def retrieve(self, request, *args, **kwargs):
        article = self.get_object()
        response = Response(self.get_serializer(article).data)
        # A release changes only when it is saved, so its own times are an
        # honest Last-Modified for If-Modified-Since clients.
        changed = max(article.updated_at, article.published_at)
        response["Last-Modified"] = http_date(changed.timestamp())
        return response


@extend_schema_view(
    list=extend_schema(summary="Provinces, regencies and cities"),
    retrieve=extend_schema(summary="One region, by Kemendagri code (e.g. 32 or 32.12)"),
)
class RegionViewSet(ReadOnlyViewSet):
    serializer_class = serializers.RegionSerializer
    lookup_field = "code"
    lookup_value_regex = REGION_CODE_PATTERN

    def get_queryset(self):
        return selectors.api_region_queryset()


@extend_schema_view(
    list=extend_schema(summary="Agencies, with parent and sub-agencies"),
    retrieve=extend_schema(summary="One agency, by slug"),
)
class AgencyViewSet(ReadOnlyViewSet):
    serializer_class = serializers.AgencySerializer

    def get_queryset(self):
        return selectors.api_agency_queryset()


@extend_schema_view(
    list=extend_schema(summary="Officials, with their appointments"),
    retrieve=extend_schema(summary="One official, by slug"),
)
class OfficialViewSet(PublishedCountMixin, ReadOnlyViewSet):
    serializer_class = serializers.OfficialSerializer
    count_lookup = "official_links__official"

    def get_queryset(self):
        return selectors.api_official_queryset()


@extend_schema_view(
    list=extend_schema(summary="Events and campaigns, with key dates"),
    retrieve=extend_schema(summary="One event or campaign, by slug"),
)
class EventViewSet(ReadOnlyViewSet):
    serializer_class = serializers.EventSerializer

    def get_queryset(self):
        return selectors.api_event_queryset()


@extend_schema_view(
    list=extend_schema(summary="Topics"),
    retrieve=extend_schema(summary="One topic, by slug"),
)
class TopicViewSet(PublishedCountMixin, ReadOnlyViewSet):
    serializer_class = serializers.TopicSerializer
    count_lookup = "topics"

    def get_queryset(self):
        return selectors.api_topic_queryset()


# Endpoint → the router's basename of its list route.
ENDPOINTS = {
    "articles": "article",
    "regions": "region",
    "agencies": "agency",
    "officials": "official",
    "events": "event",
    "topics": "topic",
}


@extend_schema(exclude=True)
@api_view(["GET", "HEAD"])
@permission_classes([AllowAny])
def api_index(request):
    """``/api/v1/``: where everything is, for a client (or a person) starting there."""
    links = {name: reverse(f"api:{basename}-list") for name, basename in ENDPOINTS.items()}
    links |= {"schema": reverse("api:schema"), "docs": reverse("api:docs")}
    return Response({name: request.build_absolute_uri(url) for name, url in links.items()})


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar's files, served by the project; its page
    template nonces its inline style for the Content-Security-Policy."""

    template_name = "api/swagger_ui.html"


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
@throttle_classes([])
def not_found(request, *args, **kwargs):
    """Any other address under /api/ answers 404 in JSON, not an HTML page."""
    raise NotFound
