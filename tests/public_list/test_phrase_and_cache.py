"""The phrase fast path (articles.search.newest_phrase_matches) and the shared cache of
the list's results (ArticleListView: rendered results and capped count, ops.cache)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

import articles.search
from articles.models import Status
from articles.services import article_publish
from tests.editorial.factories import draft, editor, office
from tests.factories import AgencyFactory

from .factories import jakarta, release

pytestmark = pytest.mark.django_db

TOGETHER = "Pembangkit listrik panas bumi di Dieng diresmikan."
APART = "Cuaca panas melanda seluruh bumi pertiwi."


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content[:500]
    return re.findall(r'class="article-row-title"><a href="/articles/([^/]+)/"', response.text)


def walked_window(queries) -> bool:
    return any(") AS w WHERE" in query["sql"] for query in queries)


@pytest.fixture
def interleaved():
    """Six releases of one agency, newest first: the phrase, the words apart, in turn."""
    agency = AgencyFactory()
    made = [
        release(
            publisher=agency,
            lead=TOGETHER if day % 2 else APART,
            published_at=jakarta(2024, 1, day),
        )
        for day in range(6, 0, -1)
    ]
    together = [article.slug for article in made if article.lead == TOGETHER]
    return agency, together


@override_settings(ARTICLES_PER_PAGE=2)
def test_the_fast_path_matches_adjacent_words_only(client, interleaved):
    agency, together = interleaved
    with CaptureQueriesContext(connection) as queries:
        found = slugs(client.get("/articles/", {"q": '"panas bumi"', "agency": agency.slug}))
    assert walked_window(queries)  # the newest rows held the page: no GIN recheck
    assert found == together[:2]  # the words apart are newer than each hit, yet not shown


@override_settings(ARTICLES_PER_PAGE=2)
def test_a_page_the_window_cannot_fill_falls_back_to_the_index(client, interleaved, monkeypatch):
    agency, together = interleaved
    # Page 2 needs 5 matches, the archive has 3: the walk gives up, the index answers.
    found = slugs(
        client.get("/articles/", {"q": '"panas bumi"', "agency": agency.slug, "page": "2"})
    )
    assert found == together[2:]
    # A window of 3 rows holds only 2 matches of the 3 page 1 needs: same answer as the walk.
    monkeypatch.setattr(articles.search, "PHRASE_WINDOW", 3)
    with CaptureQueriesContext(connection) as queries:
        found = slugs(
            client.get("/articles/", {"q": '"panas bumi"', "agency": agency.slug, "sort": "newest"})
        )
    assert walked_window(queries)
    assert found == together[:2]


def test_words_without_quotes_do_not_take_the_phrase_path(client, interleaved):
    agency, _ = interleaved
    with CaptureQueriesContext(connection) as queries:
        found = slugs(client.get("/articles/", {"q": "panas bumi", "agency": agency.slug}))
    assert not walked_window(queries)
    assert len(found) == 6


REGENCY = "32.12"  # Indramayu


def test_the_cached_results_are_dropped_when_a_release_is_published(
    client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    newsroom_office = office("Diskominfo Uji Daftar", REGENCY)
    publisher = editor("redaktur-daftar", "Redaktur", newsroom_office)
    first = release(publisher=newsroom_office, code=REGENCY)
    params = {"agency": newsroom_office.slug}
    assert slugs(client.get("/articles/", params)) == [first.slug]
    # The same query string again: the page body (form, count, rows, facets) comes from
    # the cache, validated when it was stored; not one query.
    with django_assert_num_queries(0):
        again = client.get("/articles/", params)
    assert slugs(again) == [first.slug]

    # A release written behind the services' back is not seen while the cache holds …
    behind = release(publisher=newsroom_office, code=REGENCY)
    assert slugs(client.get("/articles/", params)) == [first.slug]
    # … publishing one through the service (archive_changed on commit) drops the cached
    # results and count: both releases show, with the count that goes with them.
    submitted = draft(newsroom_office, REGENCY, status=Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = article_publish(article=submitted, by=publisher)
    response = client.get("/articles/", params)
    assert set(slugs(response)) == {first.slug, behind.slug, submitted.slug}
    assert re.search(r'id="result-count"[^>]*>\s*3\b', response.text)


def test_a_bad_request_is_never_served_from_the_cache(client):
    agency = AgencyFactory()
    made = release(publisher=agency)
    for _ in range(2):  # not stored: the second answer is computed (and refused) again
        response = client.get("/articles/", {"agency": agency.slug, "page": "abc"})
        assert response.status_code == 400
        assert 'id="e-page"' in response.text
    # The valid query string next to it is cached on its own key.
    assert slugs(client.get("/articles/", {"agency": agency.slug})) == [made.slug]
