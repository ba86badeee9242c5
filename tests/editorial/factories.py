"""Editors, offices and releases for the editorial tests."""

from __future__ import annotations

from django.contrib.auth.models import Group

from accounts.models import EditorProfile
from agencies.models import Agency, AgencyKind, AgencyLevel
from articles.models import Status
from tests.factories import AgencyFactory, ArticleFactory, UserFactory, region

PASSWORD = "a-long-test-password"


def office(name: str, region_code: str) -> Agency:
    """A regional communication office (Diskominfo) of a regency."""
    return AgencyFactory(
        name=name,
        short_name=name,
        kind=AgencyKind.REGIONAL_OFFICE,
        level=AgencyLevel.REGENCY_CITY,
        region=region(region_code),
    )


def editor(username: str, group: str, *agencies: Agency, **extra):
    user = UserFactory(username=username, is_staff=True, **extra)
    user.groups.add(Group.objects.get(name=group))
    profile = EditorProfile.objects.create(user=user)
    profile.agencies.set(agencies)
    return user


def draft(publisher: Agency, region_code: str, **fields):
    return ArticleFactory(
        publisher=publisher,
        region=region(region_code),
        status=fields.pop("status", Status.DRAFT),
        published_at=fields.pop("published_at", None),
        **fields,
    )
