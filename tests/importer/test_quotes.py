"""Quotes are searchable and listed on the official's page."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse

from articles.models import Quote, Status
from importer.selectors import quote_search
from tests.factories import ArticleFactory, OfficialFactory

pytestmark = pytest.mark.django_db
URL = reverse("importer:quote_search")


@pytest.fixture
def quotes():
    speaker = OfficialFactory(name="Siti Rahmawati", slug="siti-rahmawati-uji")
    public = ArticleFactory(title="Rilis publik tentang bendera")
    draft = ArticleFactory(status=Status.DRAFT, published_at=None)
    return {
        "speaker": speaker,
        "flags": Quote.objects.create(
            article=public,
            speaker=speaker,
            text="Kami membagikan bendera merah putih kepada seluruh warga desa.",
            date=datetime.date(2023, 7, 21),
        ),
        "stunting": Quote.objects.create(
            article=public,
            speaker_name="Yunita Dyah Suminar",
            text="Tenaga gizi kami turunkan ke desa dengan angka stunting tertinggi.",
        ),
        "draft": Quote.objects.create(
            article=draft, speaker=speaker, text="Bendera ini rahasia dan belum terbit."
        ),
    }


def test_search_finds_public_quotes_by_word_stem_and_speaker(quotes):
    assert list(quote_search(query="bendera")) == [quotes["flags"]]
    assert list(quote_search(query="dibagikan")) == [quotes["flags"]]  # Indonesian stemming
    assert list(quote_search(query="Yunita")) == [quotes["stunting"]]
    assert list(quote_search(query="kapal selam")) == []


def test_quote_page_lists_speaker_and_release_link(client, quotes, django_assert_num_queries):
    with django_assert_num_queries(2):  # count + the page of quotes with speaker and release
        response = client.get(URL, {"q": "bendera"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kami membagikan bendera" in page
    assert quotes["flags"].article.get_absolute_url() in page
    assert quotes["speaker"].get_absolute_url() in page
    assert "rahasia" not in page  # a draft's quotes are not public


def test_quote_page_without_query_lists_all_public_quotes(client, quotes):
    page = client.get(URL).content.decode()
    assert "Kami membagikan bendera" in page and "Tenaga gizi" in page


def test_overlong_query_is_a_400_naming_the_parameter(client):
    response = client.get(URL, {"q": "a" * 201})
    assert response.status_code == 400
    assert "q" in response.content.decode()


def test_unknown_page_is_404_not_500(client, quotes):
    assert client.get(URL, {"page": "99"}).status_code == 404


def test_official_quotes_include(quotes):
    html = Template("{% load importer_tags %}{% official_quotes official %}").render(
        Context({"official": quotes["speaker"]})
    )
    assert "Kami membagikan bendera" in html
    assert "rahasia" not in html
    assert quotes["flags"].article.get_absolute_url() in html


def test_the_officials_public_page_shows_their_public_quotes(client, quotes):
    page = client.get(quotes["speaker"].get_absolute_url()).content.decode()
    assert "Kami membagikan bendera" in page
    assert "rahasia" not in page
