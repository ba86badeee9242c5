"""Pagination of the API.

Releases page with a cursor over ``published_at`` (ties broken by an offset
inside the cursor, so equal times never duplicate or skip): a client following
``next`` sees neither duplicates nor gaps while new releases arrive, because
the cursor marks a position in time, not a page number. ``sort=oldest`` pages
the other way. ``sort=relevance`` has no position to resume from, so it
answers one page of the best matches and no ``next`` link.

Reference entities (regions, agencies, …) change rarely and are paged by
number, with a total count.
"""

from __future__ import annotations

import datetime

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination, PageNumberPagination
from rest_framework.response import Response

from articles.filters import Sort

MAX_PAGE_SIZE = 100


def _page_size_from(request, param: str, default: int, maximum: int) -> int:
    raw = request.query_params.get(param)
    if raw is None or raw == "":
        return default
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if size < 1 or size > maximum:
        raise ValidationError(
            {param: [_("Enter a whole number from 1 to %(max)d.") % {"max": maximum}]}
        )
    return size


def _page_size_parameter(name: str, default: int, maximum: int) -> dict:
    return {
        "name": name,
        "required": False,
        "in": "query",
        "description": f"Number of results per page (default {default}, at most {maximum}).",
        "schema": {"type": "integer", "minimum": 1, "maximum": maximum},
    }


class ArticleCursorPagination(CursorPagination):
    page_size = 20
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    ordering = ("-published_at", "-id")
    template = None

    def get_page_size(self, request) -> int:
        return _page_size_from(request, self.page_size_query_param, 20, self.max_page_size)

    def get_ordering(self, request, queryset, view) -> tuple[str, ...]:
        if request.query_params.get("sort") == Sort.OLDEST:
            return ("published_at", "id")
        return ("-published_at", "-id")

    def paginate_queryset(self, queryset, request, view=None):
        if request.query_params.get("sort") == Sort.RELEVANCE:
            # The filter has already ordered by relevance; there is no position
            # in a ranking to resume from, so only the first page is served.
            self.relevance_only = True
            self.page_size = self.get_page_size(request)
            if request.query_params.get(self.cursor_query_param) is not None:
                raise ValidationError(
                    {self.cursor_query_param: [_("Relevance results have a single page.")]}
                )
            return list(queryset[: self.page_size])
        self.relevance_only = False
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data) -> Response:
        if self.relevance_only:
            return Response({"next": None, "previous": None, "results": data})
        return super().get_paginated_response(data)

    def decode_cursor(self, request) -> Cursor | None:
        invalid = ValidationError({self.cursor_query_param: [_("Invalid cursor.")]})
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise invalid from None
        except (UnicodeError, ValueError):
            raise invalid from None
        if cursor is None or cursor.position is None:
            return cursor
        # The position is client-supplied text that becomes a query argument:
        # it must be the aware datetime this class itself wrote there.
        try:
            position = parse_datetime(cursor.position)
            if position is None or position.tzinfo is None:
                raise invalid
            position.astimezone(datetime.UTC)
        except (ValueError, OverflowError):
            raise invalid from None
        return cursor

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Opaque position: follow the `next` and `previous` links.",
                "schema": {"type": "string"},
            },
            _page_size_parameter(self.page_size_query_param, 20, self.max_page_size),
        ]


class EntityPagination(PageNumberPagination):
    page_size = 100
    max_page_size = 500
    page_size_query_param = "page_size"

    def get_page_size(self, request) -> int:
        return _page_size_from(request, self.page_size_query_param, 100, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and not (raw.isascii() and raw.isdigit() and int(raw) >= 1):
            raise ValidationError({self.page_query_param: [_("Enter a page number from 1.")]})
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1.",
                "schema": {"type": "integer", "minimum": 1},
            },
            _page_size_parameter(self.page_size_query_param, 100, self.max_page_size),
        ]
