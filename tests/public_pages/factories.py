"""Helpers for the public-pages tests: a fresh topic with ``n`` public releases."""

from articles.models import Article, Topic
from tests.factories import ArticleFactory, TopicFactory


def topic_with_releases(n: int, **article_fields) -> tuple[Topic, list[Article]]:
    topic = TopicFactory()
    articles = ArticleFactory.create_batch(n, **article_fields)
    for article in articles:
        article.topics.add(topic)
    return topic, articles
