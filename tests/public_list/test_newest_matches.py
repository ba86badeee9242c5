"""The list's newest matches, read once per filter set: count, pages and facets from them.

The limits are shrunk so a few releases cross them: with two rows a page, three
numbered pages, a search counted to four and the relevance candidates at three, the
list reads the newest seven matches (``listing.newest_ids_limit``) and counts a list
without words to nine.
"""

import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from articles import listing
from articles.models import Article
from tests.factories import AgencyFactory

from .factories import jakarta, release

pytestmark = pytest.mark.django_db

ROW = re.compile(r'class="article-row-title"><a href="/articles/([^/]+)/"')


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(listing, "MAX_PAGES", 3)
    monkeypatch.setattr(listing, "SEARCH_COUNT_CAP", 4)
    monkeypatch.setattr(listing, "RANK_CANDIDATES", 3)
    monkeypatch.setattr(listing, "COUNT_CAP", 9)
    with override_settings(ARTICLES_PER_PAGE=2):
        assert listing.newest_ids_limit() == 7
        yield


def walk(client, params: dict) -> tuple[list[str], str]:
    """Every row the list shows following its "Older" links, and the first page's count."""
    response = client.get("/articles/", params)
    assert response.status_code == 200
    count = re.search(r'id="result-count"[^>]*>\s*([^<]*?)\s*</p>', response.text)[1]
    seen = []
    while True:
        seen += ROW.findall(response.text)
        older = re.search(r'<a rel="next" href="([^"]+)"', response.text)
        if not older:
            return seen, count
        response = client.get(older[1].replace("&amp;", "&"))
        assert response.status_code == 200


def made_by(agency, count: int, **kwargs) -> list[Article]:
    return [
        release(publisher=agency, published_at=jakarta(2023, 1, day, 9), **kwargs)
        for day in range(1, count + 1)
    ]


def newest_first(articles: list[Article]) -> list[str]:
    return [a.slug for a in sorted(articles, key=lambda a: (a.published_at, a.pk), reverse=True)]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize("releases", [5, 7, 12])
def test_every_release_once_in_order_and_the_count_either_side_of_the_limits(
    client, small_limits, sort, releases
):
    agency = AgencyFactory()
    expected = newest_first(made_by(agency, releases))
    if sort == "oldest":
        expected.reverse()
    seen, count = walk(client, {"agency": agency.slug, "sort": sort})
    assert seen == expected
    if releases <= 9:
        assert re.match(rf"^{releases}\b", count)  # exact
    else:
        assert re.search(r"\b9\b", count)  # "more than 9", never 12
        assert "12" not in count


@pytest.mark.parametrize("sort", ["newest", "oldest", "relevance"])
def test_a_search_past_its_count_still_walks_in_order(client, small_limits, sort):
    agency = AgencyFactory()
    made = made_by(agency, 9, title="Rapat irigasi desa")
    release(publisher=agency, title="Rapat anggaran")  # not a match
    seen, count = walk(client, {"agency": agency.slug, "q": "irigasi", "sort": sort})
    assert re.search(r"\b4\b", count)  # more than the search's count of 4
    if sort == "relevance":
        # The three newest matches are the candidates, ranked (equal here, so by date).
        assert seen == newest_first(made)[:3]
    else:
        expected = newest_first(made)
        assert seen == (expected if sort == "newest" else expected[::-1])


def test_pages_of_a_list_inside_the_newest_ids_are_read_by_id(client, small_limits):
    agency = AgencyFactory()
    made = made_by(agency, 5)
    client.get("/articles/", {"agency": agency.slug})  # the newest ids are now cached
    for sort in ("newest", "oldest"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/articles/", {"agency": agency.slug, "sort": sort, "page": 2})
        assert response.status_code == 200
        rows = [q["sql"] for q in queries if 'FROM "articles_article"' in q["sql"]]
        # One query for the rows, by id: the agency's list is not walked again.
        assert len(rows) == 1
        assert '"articles_article"."id" = ANY(' in rows[0]
        expected = newest_first(made)
        if sort == "oldest":
            expected.reverse()
        assert ROW.findall(response.text) == expected[2:4]


def test_facets_count_the_newest_matches(client):
    agency = AgencyFactory()
    made_by(agency, 3, code="32.12")
    made_by(agency, 2, code="33.01")
    response = client.get("/articles/", {"agency": agency.slug})
    assert re.findall(
        r'data-facet="region">([^<]+)</a> <span class="facet-count">\((\d+)\)', response.text
    ) == [("Jawa Barat", "3"), ("Jawa Tengah", "2")]


def test_in_array_is_in_with_one_parameter(django_assert_num_queries):
    agency = AgencyFactory()
    first, second, third = made_by(agency, 3)
    with CaptureQueriesContext(connection) as queries:
        found = set(Article.objects.filter(pk__in_array=[first.pk, third.pk]))
    assert found == {first, third}
    assert "= ANY(" in queries[0]["sql"]
    assert Article.objects.filter(pk__in_array=[str(second.pk)]).get() == second
    with django_assert_num_queries(0):  # nothing to look for: no query at all
        assert list(Article.objects.filter(pk__in_array=[])) == []
