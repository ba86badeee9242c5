"""The release page: facts, officials with the role held that day, related
releases, JSON-LD, Open Graph, canonical link, a pinned number of queries."""

import datetime
import json
import re
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation

from agencies.models import Appointment
from articles.models import (
    Article,
    ArticleChangeNote,
    ArticleImage,
    ArticleOfficial,
    Event,
    Status,
    Topic,
)
from articles.templatetags.newsroom import iso_datetime, long_date
from tests.factories import (
    AgencyFactory,
    AppointmentFactory,
    ArticleFactory,
    EventFactory,
    TopicFactory,
)

from .factories import topic_with_releases

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


class HeadParser(HTMLParser):
    """Collects JSON-LD scripts, meta properties and the canonical link."""

    def __init__(self):
        super().__init__()
        self.json_ld: list[str] = []
        self.json_ld_nonces: list[str | None] = []
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")
            self.json_ld_nonces.append(attrs.get("nonce"))
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


def release_naming_bahtiar_as_acting_dirjen() -> Article:
    """A release from a day when Bahtiar was acting (Plt.) Dirjen Polpum, per the seed data."""
    appointment = Appointment.objects.get(
        official__slug="bahtiar",
        acting="plt",
        title="Direktur Jenderal Politik dan Pemerintahan Umum",
    )
    article = ArticleFactory(
        published_at=datetime.datetime.combine(
            appointment.start_date, datetime.time(10), tzinfo=JAKARTA
        ),
        byline="Tim Humas Uji",
        venue="Ruang Rapat Sekda",
        source_name="PPID Uji",
        source_url="https://ppid.example.go.id/rilis",
    )
    ArticleOfficial.objects.create(
        article=article, official=appointment.official, appointment=appointment
    )
    event, topic = Event.objects.first(), Topic.objects.first()
    article.events.add(event)
    article.topics.add(topic)
    return article


def test_article_page_shows_the_release_and_the_role_held_that_day(client):
    article = release_naming_bahtiar_as_acting_dirjen()
    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    text = re.sub(r"<[^>]+>", "", html)
    assert article.title in html
    assert long_date(timezone.localtime(article.published_at)) in text
    assert article.region.name in text and article.publisher.name in text
    for fact in ("Tim Humas Uji", "Ruang Rapat Sekda", "https://ppid.example.go.id/rilis"):
        assert fact in html
    assert "Bahtiar, Plt. Direktur Jenderal Politik dan Pemerintahan Umum" in text
    for linked in (*article.events.all(), *article.topics.all()):
        assert linked.get_absolute_url() in html


def test_long_date_is_written_the_indonesian_way(client):
    article = ArticleFactory(published_at=datetime.datetime(2023, 7, 21, 9, 0, tzinfo=JAKARTA))
    response = client.get(article.get_absolute_url())
    assert "Jumat, 21 Juli 2023" in response.content.decode()


@pytest.mark.parametrize("language", ["id", "en"])
def test_dates_are_written_as_django_s_date_filter_writes_them(language):
    moments = [
        datetime.datetime(2023, 7, 21, 9, 0, tzinfo=JAKARTA),
        datetime.datetime(2024, 2, 13, 20, 30, 5, 120, tzinfo=datetime.UTC),  # 14 Feb in Jakarta
        datetime.datetime(2020, 6, 10, 23, 59, 59, tzinfo=datetime.UTC),
    ]
    with translation.override(language), timezone.override("Asia/Jakarta"):
        for moment in moments:
            local = timezone.localtime(moment)
            assert long_date(moment) == date_filter(local, "l, j F Y")
            assert iso_datetime(moment) == date_filter(local, "c")
        for day in (datetime.date(2023, 7, 21), datetime.date(999, 1, 4)):
            assert long_date(day) == date_filter(day, "l, j F Y")
    with translation.override("id"):
        assert long_date(moments[1]) == "Rabu, 14 Februari 2024"
    assert long_date(None) == iso_datetime(None) == ""


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


def test_json_ld_carries_the_nonce_the_content_security_policy_allows(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())

    (nonce,) = parse(response).json_ld_nonces
    assert nonce
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert f"'nonce-{nonce}'" in directives["script-src"].split()
    # Nothing else inline: no other script, no style attribute.
    html = response.content.decode()
    assert html.count("<script") == 1
    assert "style=" not in html


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


def release_with_links(n: int) -> Article:
    """A public release naming ``n`` officials (each with the appointment held that
    day), ``n`` events, topics and agencies, with ``n`` change notes and ``n``
    related releases."""
    article = ArticleFactory()
    for _ in range(n):
        appointment = AppointmentFactory(start_date=datetime.date(2020, 1, 1))
        ArticleOfficial.objects.create(
            article=article, official=appointment.official, appointment=appointment
        )
        event, topic = EventFactory(), TopicFactory()
        article.events.add(event)
        article.topics.add(topic)
        article.agencies.add(AgencyFactory())
        ArticleChangeNote.objects.create(article=article, text="Judul diperbaiki.")
        ArticleImage.objects.create(
            article=article, file="articles/2023/07/foto.png", alt="Peserta rapat koordinasi"
        )
        ArticleFactory().topics.add(topic)
    return article


def test_article_page_query_count_is_pinned(client, django_assert_num_queries):
    # The release (with region, province, publisher and its parent), then one query
    # each for: officials with the appointment held that day, events, topics,
    # agencies, images, change notes, related releases. The same for 1 link of each
    # kind as for many: no query per row.
    for n in (1, 6):
        article = release_with_links(n)
        with django_assert_num_queries(8):
            response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count("Judul diperbaiki.") == n
        assert html.count('alt="Peserta rapat koordinasi"') == n
        assert len(response.context["related"]) == min(n, 5)
        assert len(response.context["article"].official_links.all()) == n


def test_change_notes_are_shown_oldest_first(client):
    article = ArticleFactory()
    for day, text in ((3, "Catatan kedua."), (1, "Catatan pertama.")):
        ArticleChangeNote.objects.create(
            article=article,
            text=text,
            noted_at=datetime.datetime(2024, 2, day, 9, tzinfo=JAKARTA),
        )
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index("Catatan pertama.") < html.index("Catatan kedua.")
    assert "1 Februari 2024" in html


def test_retracted_release_is_410_gone(client, django_assert_max_num_queries):
    article = ArticleFactory(status=Status.RETRACTED)
    with django_assert_max_num_queries(2):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 410
    assert article.title not in response.content.decode()
