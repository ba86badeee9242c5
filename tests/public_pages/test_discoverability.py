"""Sitemap (published releases only, paginated sections), robots.txt, canonical links."""

import datetime
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from articles.models import Article, Event, Status
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def all_sitemap_urls(client) -> list[str]:
    urls = []
    for section in locations(client, "/sitemap.xml"):
        parts = urlsplit(section)
        urls += locations(client, f"{parts.path}?{parts.query}" if parts.query else parts.path)
    return urls


def test_sitemap_lists_published_releases_only(client):
    published = ArticleFactory()
    withdrawn = ArticleFactory(status=Status.WITHDRAWN, withdrawal_reason="Salah data")
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    future = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=2))
    retracted = ArticleFactory(status=Status.RETRACTED)

    urls = all_sitemap_urls(client)

    article_urls = {url for url in urls if "/articles/" in url}
    expected = {f"http://testserver{a.get_absolute_url()}" for a in Article.objects.published()}
    assert article_urls == expected
    assert f"http://testserver{published.get_absolute_url()}" in article_urls
    assert f"http://testserver{withdrawn.get_absolute_url()}" in article_urls
    for hidden in (draft, future, retracted):
        assert f"http://testserver{hidden.get_absolute_url()}" not in article_urls


def test_sitemap_includes_entity_pages(client):
    urls = all_sitemap_urls(client)
    assert "http://testserver/" in urls
    assert "http://testserver/regions/32/" in urls
    assert "http://testserver/officials/bahtiar/" in urls
    assert any("/events/" in url for url in urls)
    assert any("/agencies/" in url for url in urls)


def test_sitemap_sections_are_paginated(client, settings):
    from newsroom.sitemaps import ArticleSitemap

    ArticleFactory.create_batch(3)
    count = Article.objects.published().count()
    original = ArticleSitemap.limit
    ArticleSitemap.limit = 2
    try:
        sections = [urlsplit(url) for url in locations(client, "/sitemap.xml")]
        article_pages = [s for s in sections if s.path == "/sitemap-articles.xml"]
        assert len(article_pages) == (count + 1) // 2
        seen = []
        for page in article_pages:
            seen += locations(client, f"{page.path}?{page.query}" if page.query else page.path)
        assert len(seen) == len(set(seen)) == count
    finally:
        ArticleSitemap.limit = original
    assert client.get("/sitemap-articles.xml", {"p": "999"}).status_code == 404


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_admin_and_searches(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /articles/?" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_favicon_is_linked_and_favicon_ico_redirects_to_it(client):
    page = client.get("/").content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
    assert icon, "every page links its icon"
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == icon.group(1)
    served = client.get(icon.group(1))
    assert served.status_code == 200
    assert b"<svg" in b"".join(served.streaming_content)


@pytest.mark.parametrize("url", ["/", "/regions/32/", "/officials/bahtiar/", "/regions/32.12/"])
def test_every_public_page_has_a_canonical_link(client, url):
    response = client.get(url, {"page": "1"} if url != "/" else {})
    assert f'<link rel="canonical" href="http://testserver{url}">' in response.content.decode()


def test_home_shows_latest_events_and_provinces_with_counts(client, django_assert_num_queries):
    article = ArticleFactory(title="Rilis terbaru untuk beranda")
    # latest releases, events running today (and, when none is, the most recent
    # ones), province counts (one GROUP BY), provinces
    running = Event.objects.current().filter(parent__isnull=True).exists()
    with django_assert_num_queries(4 if running else 5):
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert article.title in html
    provinces = {p.code: p for p in response.context["provinces"]}
    assert (
        provinces["32"].article_count
        == Article.objects.published().filter(province__code="32").count()
    )
    assert 'href="/regions/32/"' in html
    assert response.context["events"]
