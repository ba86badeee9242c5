"""Atom feeds: the list feed takes the list's parameters (ArticleFilter), entity
pages have their own; invalid parameters are 400, unknown entities 404."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from agencies.models import Official, Region
from articles.models import Article, Event, Status
from tests.factories import ArticleFactory

from .factories import topic_with_releases

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def atom(response) -> ET.Element:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    return root


def entry_links(root: ET.Element) -> list[str]:
    links = []
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None
        links.append(entry.find(f"{ATOM}link").get("href"))
    return links


def test_list_feed_filters_by_the_list_parameters_and_names_them_in_its_title(client):
    event = Event.objects.get(name="Pemilu Serentak 2024")
    response = client.get("/articles/feed/", {"region": "32", "event": event.slug})

    root = atom(response)
    title = root.find(f"{ATOM}title").text
    assert title.endswith(": Jawa Barat, Pemilu Serentak 2024")
    expected = (
        Article.objects.published().in_region(Region.objects.get(code="32")).about_event(event)
    )
    assert expected.exists()
    assert sorted(entry_links(root)) == sorted(
        f"http://testserver{article.get_absolute_url()}" for article in expected
    )


def test_unfiltered_feed_lists_public_releases_newest_first_only(client):
    newest = ArticleFactory(published_at=timezone.now() - datetime.timedelta(seconds=5))
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    future = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=1))

    links = entry_links(atom(client.get("/articles/feed/")))

    assert links[0] == f"http://testserver{newest.get_absolute_url()}"
    assert f"http://testserver{draft.get_absolute_url()}" not in links
    assert f"http://testserver{future.get_absolute_url()}" not in links


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"region": "99.99"}, "region"),
        ({"agency": "no-such-agency"}, "agency"),
        ({"date_from": "2023-13-01"}, "date_from"),
        ({"date_from": "2024-01-02", "date_to": "2024-01-01"}, "date_to"),
        ({"sort": "sideways"}, "sort"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_feed_with_a_bad_parameter_is_400_naming_it(client, params, parameter):
    response = client.get("/articles/feed/", params)
    assert response.status_code == 400
    assert f"<code>{parameter}</code>" in response.content.decode()


def test_entity_feeds(client):
    topic, articles = topic_with_releases(2)
    bahtiar = Official.objects.get(slug="bahtiar")
    event = Event.objects.get(name="Pemilu Serentak 2024")
    publisher = articles[0].publisher

    cases = {
        "/regions/32/feed/": Article.objects.published().filter(province__code="32"),
        f"/agencies/{publisher.slug}/feed/": Article.objects.published().by_agency(publisher),
        "/officials/bahtiar/feed/": Article.objects.published().filter(
            official_links__official=bahtiar
        ),
        f"/events/{event.slug}/feed/": Article.objects.published().about_event(event),
        f"/topics/{topic.slug}/feed/": Article.objects.published().filter(topics=topic),
    }
    for url, expected in cases.items():
        root = atom(client.get(url))
        assert expected.exists(), url
        assert sorted(entry_links(root)) == sorted(
            f"http://testserver{article.get_absolute_url()}" for article in expected
        ), url
    assert (
        atom(client.get("/officials/bahtiar/feed/")).find(f"{ATOM}title").text.endswith(": Bahtiar")
    )


@pytest.mark.parametrize(
    "url",
    [
        "/regions/99/feed/",
        "/agencies/nope/feed/",
        "/officials/nope/feed/",
        "/events/nope/feed/",
        "/topics/nope/feed/",
    ],
)
def test_entity_feed_for_an_unknown_entity_is_404(client, url):
    assert client.get(url).status_code == 404


def test_feed_query_count_does_not_grow_with_entries(client, django_assert_num_queries):
    topic, _ = topic_with_releases(35)
    # topic lookup by the filter, entries (with region and publisher)
    with django_assert_num_queries(2):
        assert client.get("/articles/feed/", {"topic": topic.slug}).status_code == 200


def test_feed_is_linked_from_entity_pages(client):
    response = client.get("/regions/32/")
    assert 'type="application/atom+xml"' in response.content.decode()
    assert 'href="/regions/32/feed/"' in response.content.decode()
