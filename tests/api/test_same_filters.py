"""The API's releases list and the public list are the same list: with the real seed
releases, every filter of ``articles.filters.ArticleFilter`` (alone and combined, each
sort order) gives the same releases in the same order through both, and a parameter
the public list refuses is refused by the API too, under the same name."""

import re

import pytest
from django.http import QueryDict

from articles.filters import ArticleFilter, error_messages
from articles.models import Article

pytestmark = pytest.mark.django_db

ROW_LINK = re.compile(r'<h3 class="article-row-title"><a href="/articles/([^/"]+)/">')

QUERIES = [
    "region=32",  # a province: its regencies and cities too
    "region=16.03",
    "region=21",
    "agency=pemkab-indramayu",  # a parent agency: its sub-agencies' releases too
    "agency=diskominfo-kepri",
    "official=bahtiar",
    "official=joko-widodo",
    "event=pemilu-serentak-2024",  # sub-events included
    "event=rakornas-bidang-ekososbud-2023",
    "topic=pemilu",
    "topic=komunikasi-publik",
    "q=pemilu",
    "q=Bahtiar",
    'q="gerakan pembagian"',
    "q=pemilu -webinar",
    "date_from=2023-01-03",
    "date_to=2023-01-03",  # inclusive: a release at 17:00 WIB that day
    "date_from=2023-01-01&date_to=2023-04-30",
    "sort=oldest",
    "sort=newest",
    "q=pemilu&sort=relevance",
    "official=bahtiar&topic=pemilu&sort=oldest",
    "event=pemilu-serentak-2024&date_from=2023-01-10&region=21",
]


def public_list_slugs(client, query: str) -> list[str]:
    response = client.get(f"/articles/?{query}")
    assert response.status_code == 200, query
    return ROW_LINK.findall(response.content.decode())


def api_slugs(api, query: str) -> list[str]:
    response = api.get(f"/api/v1/articles/?{query}&page_size=100")
    assert response.status_code == 200, (query, response.content)
    return [row["slug"] for row in response.json()["results"]]


def test_the_seed_releases_are_all_public_and_listed_alike(api, client):
    public = list(Article.objects.published().values_list("slug", flat=True))
    assert len(public) >= 5
    assert api_slugs(api, "") == public_list_slugs(client, "")
    assert sorted(api_slugs(api, "")) == sorted(public)


@pytest.mark.parametrize("query", QUERIES)
def test_every_filter_gives_the_same_releases_in_the_same_order(api, client, query):
    everything = api_slugs(api, "")
    expected = public_list_slugs(client, query)
    assert api_slugs(api, query) == expected
    # The seed data makes each of these a real test: something found.
    assert expected, query
    if not query.startswith("sort="):
        assert set(expected) < set(everything) or query.startswith("q=")


@pytest.mark.parametrize(
    "query",
    [
        "region=99.99",
        "region=",
        "agency=pemkab-atlantis",
        "official=nobody-at-all",
        "event=no-such-event",
        "topic=no-such-topic",
        "date_from=2023-13-01",
        "date_from=21-07-2023",
        "date_from=2023-07-22&date_to=2023-07-21",
        "sort=random",
        "sort=relevance",
        "q=" + "x" * 201,
        "agency=nope&topic=nope&date_to=yesterday",
    ],
)
def test_a_parameter_the_public_list_refuses_the_api_refuses_by_the_same_name(api, client, query):
    filterset = ArticleFilter(QueryDict(query), queryset=Article.objects.published())
    expected = error_messages(filterset)
    if not expected:  # an empty value is no filter at all, in both
        assert client.get(f"/articles/?{query}").status_code == 200
        assert api.get(f"/api/v1/articles/?{query}").status_code == 200
        return
    assert client.get(f"/articles/?{query}").status_code == 400
    response = api.get(f"/api/v1/articles/?{query}")
    assert response.status_code == 400
    assert response.json() == expected
