import datetime

import pytest
from django.urls import reverse

from articles.models import Article, Status
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_home_lists_the_seed_releases(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for article in Article.objects.published():
        assert article.title in html
    assert "Jawa Barat" in html  # browse by province


def test_article_page_shows_the_release_with_its_officials_and_indonesian_date(client):
    article = Article.objects.get(event_date=datetime.date(2023, 7, 21))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert article.title in html
    assert "Jumat, 21 Juli 2023" in html
    assert "Kabupaten Muara Enim" in html
    assert "Bahtiar</a>, Direktur Jenderal Politik dan Pemerintahan Umum" in html
    assert "Aang Witarsa Rofik</a>, Plt. Direktur Ketahanan Ekonomi, Sosial dan Budaya" in html


def test_article_page_of_june_2020_names_the_acting_role(client):
    article = Article.objects.get(event_date=datetime.date(2020, 6, 10))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Bahtiar</a>, Plt. Direktur Jenderal Politik dan Pemerintahan Umum" in html
    assert "Rabu, 10 Juni 2020" in html


def test_unknown_article_is_404(client):
    assert client.get("/articles/tidak-ada-siaran-pers-ini/").status_code == 404


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.RETRACTED])
def test_unpublished_article_is_not_public(client, status):
    article = ArticleFactory(status=status)
    assert client.get(article.get_absolute_url()).status_code in (404, 410)


def test_scheduled_article_is_404_until_its_time(client):
    article = ArticleFactory(
        published_at=datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=1)
    )
    assert client.get(article.get_absolute_url()).status_code == 404


def test_article_page_query_count_does_not_grow_with_officials(
    client, django_assert_max_num_queries
):
    article = Article.objects.get(event_date=datetime.date(2023, 1, 3))
    assert article.official_links.count() >= 6
    with django_assert_max_num_queries(12):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_entity_pages_answer(client):
    article = Article.objects.get(event_date=datetime.date(2020, 6, 10))
    event = article.events.first()
    urls = [
        reverse("agencies:region_detail", kwargs={"code": "14"}),
        reverse("agencies:region_detail", kwargs={"code": "14.03"}),
        article.publisher.get_absolute_url(),
        reverse("agencies:official_detail", kwargs={"slug": "bahtiar"}),
        event.get_absolute_url(),
        article.topics.first().get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert article.title in response.content.decode(), url
    assert client.get("/regions/99.99/").status_code == 404
    assert client.get("/officials/nobody/").status_code == 404
