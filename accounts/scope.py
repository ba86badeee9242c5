"""What an editor may see and touch: the one definition used by the admin,
reports and exports.

An editor is attached to agencies through ``EditorProfile``. Their scope is

* every release published by one of those agencies or an agency below them, and
* every release about the regions of those agencies (an agency of a province
  covers the province's regencies and cities too), whoever published it:
  a regional communication office curates what the archive says about its region.

Archive administrators (superusers and the Administrator group) see everything;
anyone else without a profile sees nothing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from agencies.models import Agency, Region, descendant_ids
from articles.models import Article

ADMINISTRATOR_GROUP = "Administrator"
KONTRIBUTOR_GROUP = "Kontributor"
REDAKTUR_GROUP = "Redaktur"


def is_archive_administrator(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: the admin asks several times per request.
    cached = getattr(user, "_newsroom_is_administrator", None)
    if cached is None:
        cached = user.groups.filter(name=ADMINISTRATOR_GROUP).exists()
        user._newsroom_is_administrator = cached
    return cached


def scope_agency_ids(user) -> set[int]:
    """The editor's agencies and every agency below them."""
    cached = getattr(user, "_newsroom_scope_agency_ids", None)
    if cached is None:
        roots = list(Agency.objects.filter(editors__user=user).values_list("pk", flat=True))
        cached = descendant_ids(Agency, roots) if roots else set()
        user._newsroom_scope_agency_ids = cached
    return cached


def scope_region_ids(user) -> set[int]:
    """Regions of the editor's own agencies; a province brings its regencies."""
    cached = getattr(user, "_newsroom_scope_region_ids", None)
    if cached is None:
        own = list(
            Agency.objects.filter(editors__user=user, region__isnull=False).values_list(
                "region_id", flat=True
            )
        )
        cached = (
            set(
                Region.objects.filter(Q(pk__in=own) | Q(parent__in=own)).values_list(
                    "pk", flat=True
                )
            )
            if own
            else set()
        )
        user._newsroom_scope_region_ids = cached
    return cached


def articles_in_scope(user, queryset: QuerySet | None = None) -> QuerySet:
    """Releases ``user`` may see in the admin, reports and exports."""
    queryset = Article.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if is_archive_administrator(user):
        return queryset
    agency_ids = scope_agency_ids(user)
    region_ids = scope_region_ids(user)
    if not agency_ids and not region_ids:
        return queryset.none()
    return queryset.filter(Q(publisher_id__in=agency_ids) | Q(region_id__in=region_ids))


def agencies_in_scope(user, queryset: QuerySet | None = None) -> QuerySet:
    """Agencies ``user`` may publish for (the publisher choices of a release)."""
    queryset = Agency.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if is_archive_administrator(user):
        return queryset
    return queryset.filter(pk__in=scope_agency_ids(user))


def article_in_scope(user, article: Article) -> bool:
    """The same rule as ``articles_in_scope`` for one release already loaded."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_archive_administrator(user):
        return True
    return article.publisher_id in scope_agency_ids(user) or article.region_id in scope_region_ids(
        user
    )


class NotFoundOutsideScopeMixin:
    """For a ModelAdmin whose ``get_queryset`` is scoped: an object outside it is a
    404, also by direct URL (Django's admin would redirect with "doesn't exist")."""

    def get_object(self, request, object_id, from_field=None):
        from django.http import Http404

        obj = super().get_object(request, object_id, from_field)
        if obj is None and object_id is not None:
            raise Http404
        return obj
