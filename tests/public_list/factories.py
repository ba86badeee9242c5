"""Rows for the list-page tests, built on the shared factories."""

import datetime
from zoneinfo import ZoneInfo

from articles.models import ArticleEvent, ArticleOfficial, OfficialRole
from tests.factories import ArticleFactory, region


def jakarta(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Asia/Jakarta"))


def release(**kwargs):
    """A published release; ``code`` sets the region by Kemendagri code."""
    code = kwargs.pop("code", None)
    if code:
        kwargs["region"] = region(code)
    events = kwargs.pop("events", [])
    officials = kwargs.pop("officials", [])
    topics = kwargs.pop("topics", [])
    article = ArticleFactory(**kwargs)
    for event in events:
        ArticleEvent.objects.create(article=article, event=event)
    for official in officials:
        ArticleOfficial.objects.create(
            article=article, official=official, role=OfficialRole.SPEAKER
        )
    if topics:
        article.topics.set(topics)
    return article
