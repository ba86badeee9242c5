"""What an editor may see and touch: the one definition used by the admin,
reports and exports."""

from __future__ import annotations

from django.db.models import QuerySet

from agencies.models import Agency, descendant_ids
from articles.models import Article

ADMINISTRATOR_GROUP = "Administrator"


def is_archive_administrator(user) -> bool:
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=ADMINISTRATOR_GROUP).exists()
    )


def scope_agency_ids(user) -> set[int]:
    """The editor's agencies and every agency below them."""
    roots = list(Agency.objects.filter(editors__user=user).values_list("pk", flat=True))
    return descendant_ids(Agency, roots) if roots else set()


def articles_in_scope(user, queryset: QuerySet | None = None) -> QuerySet:
    """Releases ``user`` may see in the admin, reports and exports."""
    queryset = Article.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if is_archive_administrator(user):
        return queryset
    return queryset.filter(publisher_id__in=scope_agency_ids(user))
