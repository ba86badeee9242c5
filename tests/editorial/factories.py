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


def ensure_editorial_groups() -> None:
    """The groups of ``accounts/migrations/0002`` and ``0003``, again: a transactional
    (live-server) test starts after another one has flushed the database."""
    import importlib

    from django.contrib.auth.models import Permission

    groups = importlib.import_module("accounts.migrations.0002_editorial_groups")
    importer = importlib.import_module("accounts.migrations.0003_importer_permissions")

    def permissions(entries):
        return [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in groups.permission_names(entries)
        ]

    Group.objects.get_or_create(name="Kontributor")[0].permissions.set(
        permissions(groups.KONTRIBUTOR)
    )
    redaktur = Group.objects.get_or_create(name="Redaktur")[0]
    redaktur.permissions.set(permissions(groups.REDAKTUR))
    redaktur.permissions.add(*Permission.objects.filter(codename__in=importer.REDAKTUR_IMPORTER))
    Group.objects.get_or_create(name="Administrator")[0].permissions.set(
        Permission.objects.filter(content_type__app_label__in=importer.ADMINISTRATOR_APPS)
    )
