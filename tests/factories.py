"""factory_boy factories for rows the tests make themselves."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from agencies.models import Agency, AgencyKind, AgencyLevel, Appointment, Official, Region
from articles.models import Article, Event, EventKind, Status, Topic


def region(code: str) -> Region:
    return Region.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.go.id")
    # Hashed before the insert (no second save after a post-generation hook).
    password = factory.django.Password("a-long-test-password")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Dinas Uji Coba {n}")
    short_name = factory.Sequence(lambda n: f"Dinas {n}")
    slug = factory.Sequence(lambda n: f"dinas-uji-coba-{n}")
    kind = AgencyKind.REGIONAL_OFFICE
    level = AgencyLevel.REGENCY_CITY
    region = factory.LazyFunction(lambda: region("32.12"))


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    name = factory.Sequence(lambda n: f"Pejabat {n}")
    slug = factory.Sequence(lambda n: f"pejabat-{n}")


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    official = factory.SubFactory(OfficialFactory)
    agency = factory.SubFactory(AgencyFactory)
    title = "Kepala Dinas"
    start_date = datetime.date(2020, 1, 1)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topik {n}")
    slug = factory.Sequence(lambda n: f"topik-{n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Rapat Koordinasi {n}")
    slug = factory.Sequence(lambda n: f"rapat-koordinasi-{n}")
    kind = EventKind.MEETING
    start_date = datetime.date(2023, 5, 2)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Siaran pers uji coba nomor {n}")
    slug = factory.Sequence(lambda n: f"siaran-pers-uji-coba-{n}")
    lead = "Ringkasan siaran pers uji coba."
    body = "<p>Isi siaran pers uji coba.</p>"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    event_date = datetime.date(2023, 5, 2)
    region = factory.LazyFunction(lambda: region("32.12"))
    publisher = factory.SubFactory(AgencyFactory)
