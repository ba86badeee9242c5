"""The release page: facts, officials with the role held that day, related
releases, JSON-LD, Open Graph, canonical link, a pinned number of queries."""

import datetime
import json
import re
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from agencies.models import Official
from articles.models import Article, Status
from tests.factories import ArticleFactory

from .factories import topic_with_releases

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """Collects JSON-LD scripts, meta properties and the canonical link."""

    def __init__(self):
        super().__init__()
        self.json_ld: list[str] = []
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")
        elif tag == "meta" and "property" in attrs:
            self.meta.setdefault(attrs["property"], []).append(attrs.get("content"))
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data


def parse(response) -> HeadParser:
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def bahtiar_acting_release() -> Article:
    """The 2020 Bengkalis release, when Bahtiar was acting Dirjen Polpum."""
    bahtiar = Official.objects.get(slug="bahtiar")
    return Article.objects.published().get(
        official_links__official=bahtiar, official_links__appointment__acting="plt"
    )


def test_article_page_shows_the_release_and_the_role_held_that_day(client):
    article = bahtiar_acting_release()
    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    text = re.sub(r"<[^>]+>", "", html)
    assert article.title in html
    assert "Juni 2020" in text  # the date written out in Indonesian
    assert article.region.name in text and article.publisher.name in text
    assert "Bahtiar, Plt. Direktur Jenderal Politik dan Pemerintahan Umum" in text
    for event in article.events.all():
        assert event.get_absolute_url() in html
    for topic in article.topics.all():
        assert topic.get_absolute_url() in html


def test_long_date_is_written_the_indonesian_way(client):
    article = ArticleFactory(
        published_at=datetime.datetime(2023, 7, 21, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    )
    response = client.get(article.get_absolute_url())
    assert "Jumat, 21 Juli 2023" in response.content.decode()


def test_json_ld_is_a_news_article_with_headline_and_date(client):
    article = ArticleFactory(title='Rilis </script><script>alert("x")</script> & "kutipan"')
    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert "<script>alert" not in html  # the title cannot break out of the JSON-LD block
    (raw,) = parse(response).json_ld
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert datetime.datetime.fromisoformat(data["datePublished"]) == article.published_at
    assert data["url"] == f"http://testserver{article.get_absolute_url()}"
    assert data["publisher"]["name"] == article.publisher.name


def test_open_graph_and_canonical_link(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url(), {"utm_source": "x"})
    head = parse(response)
    url = f"http://testserver{article.get_absolute_url()}"
    assert head.canonical == [url]
    assert head.meta["og:type"] == ["article"]
    assert head.meta["og:title"] == [article.title]
    assert head.meta["og:url"] == [url]
    assert head.meta["article:published_time"] == [
        timezone.localtime(article.published_at).isoformat()
    ]


def test_related_releases_share_an_event_or_topic_and_are_public(client):
    topic, (article, sibling, *_) = topic_with_releases(3)
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    draft.topics.add(topic)
    unrelated = ArticleFactory()

    response = client.get(article.get_absolute_url())

    related = list(response.context["related"])
    assert sibling in related
    assert article not in related
    assert draft not in related and unrelated not in related


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED])
def test_unpublished_release_is_404(client, status):
    article = ArticleFactory(status=status, published_at=None)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_future_release_is_404(client):
    article = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_withdrawn_release_shows_its_notice(client):
    article = ArticleFactory(
        status=Status.WITHDRAWN, withdrawal_reason="Data jumlah bendera keliru"
    )
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Data jumlah bendera keliru" in response.content.decode()


def test_article_page_query_count_is_pinned(client, django_assert_num_queries):
    article = bahtiar_acting_release()
    # release (with region, province, publisher), officials with appointments,
    # events, topics, agencies, related releases
    with django_assert_num_queries(6):
        assert client.get(article.get_absolute_url()).status_code == 200
