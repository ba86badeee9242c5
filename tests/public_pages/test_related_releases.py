"""Related releases on the article page: the releases sharing an event or a topic, public,
within a year either side, newest first, at most five, each once. The PostgreSQL query
reads each relation its own way (a small event from its links, a large one while walking
the date window, a topic by probing each row); every path must give the same answer as
the plain definition below."""

import datetime
import random

import pytest
from django.utils import timezone

from articles import selectors
from articles.models import ArticleEvent, Status
from articles.selectors import RELATED_WINDOW, article_detail_queryset, related_articles
from tests.factories import ArticleFactory, EventFactory, TopicFactory

pytestmark = pytest.mark.django_db


def expected_related(article, candidates, *, limit=5):
    """The definition, in Python: share an event or a topic, public now, inside the
    window, not the release itself; newest first."""
    events = set(article.events.values_list("pk", flat=True))
    topics = set(article.topics.values_list("pk", flat=True))
    now = timezone.now()
    found = [
        other
        for other in candidates
        if other.pk != article.pk
        and other.status in (Status.PUBLISHED, Status.WITHDRAWN)
        and other.published_at is not None
        and other.published_at <= now
        and abs(other.published_at - article.published_at) <= RELATED_WINDOW
        and (
            events & set(other.events.values_list("pk", flat=True))
            or topics & set(other.topics.values_list("pk", flat=True))
        )
    ]
    found.sort(key=lambda other: (other.published_at, other.pk), reverse=True)
    return [other.pk for other in found[:limit]]


@pytest.fixture
def archive():
    """Forty releases over three years, sharing two events and two topics at random,
    with drafts, retracted, withdrawn and scheduled ones among them."""
    rng = random.Random(20261123)
    events = [EventFactory(), EventFactory()]
    topics = [TopicFactory(), TopicFactory()]
    now = timezone.now()
    statuses = [Status.PUBLISHED] * 6 + [Status.WITHDRAWN, Status.RETRACTED, Status.DRAFT]
    releases = []
    for _ in range(40):
        status = rng.choice(statuses)
        published_at = now - datetime.timedelta(days=rng.randint(0, 3 * 365), hours=1)
        if rng.random() < 0.1:
            published_at = now + datetime.timedelta(days=3)  # scheduled
        release = ArticleFactory(
            status=status,
            published_at=None if status == Status.DRAFT else published_at,
            withdrawn_at=published_at if status == Status.WITHDRAWN else None,
            withdrawal_reason="Data diperbaiki." if status == Status.WITHDRAWN else "",
        )
        for event in events:
            if rng.random() < 0.4:
                ArticleEvent.objects.create(article=release, event=event)
        release.topics.set([topic for topic in topics if rng.random() < 0.3])
        releases.append(release)
    return releases


@pytest.mark.parametrize("probe_limit", [2000, 1], ids=["small events", "large events"])
def test_every_path_gives_the_definitions_answer(archive, monkeypatch, probe_limit):
    # probe_limit=1 sends every event through the "large event" path.
    monkeypatch.setattr(selectors, "RELATED_EVENT_PROBE_LIMIT", probe_limit)
    public = [r for r in archive if r.status != Status.DRAFT and r.status != Status.RETRACTED]
    checked = 0
    for release in public:
        article = article_detail_queryset().filter(pk=release.pk).first()
        if article is None:  # scheduled: not public yet
            continue
        got = [other.pk for other in related_articles(article)]
        assert got == expected_related(article, archive), article.slug
        checked += 1
    assert checked >= 15


def test_a_release_sharing_an_event_and_a_topic_is_listed_once():
    event, topic = EventFactory(), TopicFactory()
    article, sibling = ArticleFactory(), ArticleFactory()
    for release in (article, sibling):
        ArticleEvent.objects.create(article=release, event=event)
        release.topics.add(topic)
    article = article_detail_queryset().get(pk=article.pk)
    assert [other.pk for other in related_articles(article)] == [sibling.pk]


def test_only_topics_or_only_events_or_neither():
    event, topic = EventFactory(), TopicFactory()
    by_event, by_topic, lonely = ArticleFactory(), ArticleFactory(), ArticleFactory()
    other_event, other_topic = ArticleFactory(), ArticleFactory()
    ArticleEvent.objects.create(article=by_event, event=event)
    ArticleEvent.objects.create(article=other_event, event=event)
    by_topic.topics.add(topic)
    other_topic.topics.add(topic)

    def related(release):
        return [r.pk for r in related_articles(article_detail_queryset().get(pk=release.pk))]

    assert related(by_event) == [other_event.pk]
    assert related(by_topic) == [other_topic.pk]
    assert related(lonely) == []


def test_related_releases_take_one_query(django_assert_num_queries):
    event, topic = EventFactory(), TopicFactory()
    releases = [ArticleFactory() for _ in range(8)]
    for release in releases:
        ArticleEvent.objects.create(article=release, event=event)
        release.topics.add(topic)
    article = article_detail_queryset().get(pk=releases[0].pk)
    with django_assert_num_queries(1):
        assert len(list(related_articles(article))) == 5
