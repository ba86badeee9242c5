"""The articles endpoint filters with ``articles.filters.ArticleFilter``, the
same definition as the public pages, feeds and exports.

django-filter's DRF backend already answers an invalid filterset with a 400
naming each parameter; this backend adds one guard the form fields cannot give
everywhere: text with a NUL character never reaches PostgreSQL (which refuses
it with an error, not an empty result).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError


class NewsroomFilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        bad = sorted(
            key
            for key, values in request.query_params.lists()
            if "\x00" in key or any("\x00" in value for value in values)
        )
        if bad:
            raise ValidationError({key: [_("Null characters are not allowed.")] for key in bad})
        return super().filter_queryset(request, queryset, view)
