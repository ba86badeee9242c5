"""Factories for the API tests (links between releases and the entities)."""

import datetime

import factory

from articles.models import ArticleOfficial, EventKeyDate, OfficialRole
from tests.factories import AppointmentFactory, ArticleFactory, OfficialFactory


class ArticleOfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleOfficial

    article = factory.SubFactory(ArticleFactory)
    official = factory.SubFactory(OfficialFactory)
    appointment = None
    role = OfficialRole.SPEAKER


class EventKeyDateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventKeyDate

    date = datetime.date(2024, 2, 14)
    label = "Hari pemungutan suara"


__all__ = ["AppointmentFactory", "ArticleOfficialFactory", "EventKeyDateFactory"]
