"""Releases in months the seed data leaves empty (2019), so every figure is known."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts.models import EditorProfile
from accounts.scope import ADMINISTRATOR_GROUP
from agencies.models import Acting, AgencyLevel
from articles.models import ArticleOfficial, OfficialRole, Status
from tests.factories import (
    AgencyFactory,
    AppointmentFactory,
    ArticleFactory,
    EventFactory,
    OfficialFactory,
    TopicFactory,
    UserFactory,
    region,
)

PASSWORD = "a-long-test-password"


def jakarta(year, month, day, hour=10, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=timezone.get_default_timezone())


def release(*, when, region_code="32.12", publisher, events=(), topics=(), officials=(), **kw):
    article = ArticleFactory(
        published_at=when, region=region(region_code), publisher=publisher, **kw
    )
    article.events.set(events)
    article.topics.set(topics)
    for order, (official, appointment) in enumerate(officials):
        ArticleOfficial.objects.create(
            article=article,
            official=official,
            appointment=appointment,
            role=OfficialRole.SPEAKER,
            order=order,
        )
    return article


class World:
    """Two offices in two provinces and the releases of March 2019 around them."""

    def __init__(self):
        # Each office sits in its own region: an editor's scope is their offices'
        # releases AND every release about their regions (accounts.scope), so an
        # office left in the factory's default region would widen the scope.
        self.bandung_office = AgencyFactory(
            name="Diskominfo Kota Bandung", slug="dk-bandung", region=region("32.73")
        )
        self.riau_office = AgencyFactory(
            name="Diskominfo Provinsi Riau",
            slug="dk-riau",
            region=region("14"),
            level=AgencyLevel.PROVINCE,
        )
        self.election = EventFactory(name="Pemilu Serentak 2019", slug="pemilu-2019")
        self.campaign = EventFactory(name="Gerakan Bersih Sungai", slug="bersih-sungai")
        self.health = TopicFactory(name="Kesehatan", slug="kesehatan-uji")
        self.roads = TopicFactory(name="Jalan", slug="jalan-uji")
        self.mayor = OfficialFactory(name="Walikota Uji", slug="walikota-uji")
        self.mayor_role = AppointmentFactory(
            official=self.mayor,
            agency=self.bandung_office,
            title="Wali Kota Bandung",
            acting=Acting.PLT,
            start_date=datetime.date(2018, 1, 1),
        )
        self.head = OfficialFactory(name="Kadis Uji", slug="kadis-uji")
        self.head_role = AppointmentFactory(
            official=self.head,
            agency=self.riau_office,
            title="Kepala Dinas Kominfo",
            start_date=datetime.date(2018, 1, 1),
        )
        # March 2019: 3 from Bandung (32.73, Jawa Barat), 1 from Riau province (14).
        self.march = [
            release(
                when=jakarta(2019, 3, 1, 0, 30),  # just after midnight in Jakarta
                region_code="32.73",
                publisher=self.bandung_office,
                events=[self.election],
                topics=[self.health, self.roads],
                officials=[(self.mayor, self.mayor_role)],
                title="Pemkot Bandung sosialisasi pemilu",
            ),
            release(
                when=jakarta(2019, 3, 5),
                region_code="32.73",
                publisher=self.bandung_office,
                events=[self.election, self.campaign],
                topics=[self.health],
                officials=[(self.mayor, self.mayor_role), (self.head, self.head_role)],
                title="Bandung dan Riau bersih sungai",
            ),
            release(
                when=jakarta(2019, 3, 5, 15),
                region_code="32.73",
                publisher=self.bandung_office,
                title="Jalan baru di Bandung",
                topics=[self.roads],
            ),
            release(
                when=jakarta(2019, 3, 31, 23, 30),  # just before midnight in Jakarta
                region_code="14",
                publisher=self.riau_office,
                events=[self.election],
                officials=[(self.head, self.head_role)],
                title="Riau siap pemilu",
            ),
        ]
        # Not counted in March 2019: other months, drafts, retracted, scheduled.
        self.february = [
            release(when=jakarta(2019, 2, 28, 23, 59), publisher=self.bandung_office),
            release(when=jakarta(2019, 2, 10), publisher=self.riau_office, region_code="14"),
        ]
        self.year_before = [
            release(when=jakarta(2018, 3, 15), publisher=self.bandung_office),
        ]
        self.april = [release(when=jakarta(2019, 4, 1, 0, 0), publisher=self.bandung_office)]
        self.hidden = [
            release(when=jakarta(2019, 3, 10), publisher=self.bandung_office, status=Status.DRAFT),
            release(
                when=jakarta(2019, 3, 11),
                publisher=self.bandung_office,
                status=Status.RETRACTED,
            ),
        ]


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def administrator(db):
    user = UserFactory(username="report-admin", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=ADMINISTRATOR_GROUP)[0])
    return user


def editor_of(*agencies, username="editor"):
    user = UserFactory(username=username, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles", codename__in=["view_article", "change_article"]
        )
    )
    profile = EditorProfile.objects.create(user=user)
    profile.agencies.set(agencies)
    return user


@pytest.fixture
def staff_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(username="report-superuser", is_staff=True, is_superuser=True))
    return client


@pytest.fixture(autouse=True)
def fresh_report_cache(settings):
    """Figures are computed afresh unless a test turns the cache on, and no
    cached figure leaks from one test into another."""
    from django.core.cache import cache

    settings.REPORTS_CACHE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()
