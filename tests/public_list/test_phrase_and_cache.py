"""The phrase paths (articles.search.phrase_match_ids) and the shared cache of
the list's results (ArticleListView: rendered results and capped count, ops.cache)."""

import re

import pytest
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.test.utils import CaptureQueriesContext, override_settings

import articles.filters
import articles.search
from articles.listing import encode_cursor
from articles.models import Article, Status
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


def walked(queries) -> bool:
    return any("SELECT ARRAY(SELECT w.id FROM (" in query["sql"] for query in queries)


def asked_the_index(queries) -> bool:
    return any(" OFFSET 0) AS w WHERE" in query["sql"] for query in queries)


def phrase_search_queries(queries) -> list[str]:
    """Queries that evaluate the phrase against every match (PostgreSQL's own plan)."""
    return [
        query["sql"]
        for query in queries
        if "@@" in query["sql"]
        and "AS w" not in query["sql"]
        and "ts_headline" not in query["sql"]
        and "ts_rank" not in query["sql"]
    ]


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


def the_definition(agency, *, oldest=False) -> list[int]:
    """The phrase's matches the plain way (PostgreSQL's own plan), in list order."""
    order = ("published_at", "id") if oldest else ("-published_at", "-id")
    matches = articles.search.search_articles(
        Article.objects.published().filter(publisher=agency), '"panas bumi"'
    )
    return list(matches.order_by(*order).values_list("pk", flat=True))


@override_settings(ARTICLES_PER_PAGE=2)
def test_the_walk_matches_adjacent_words_only(client, interleaved):
    agency, together = interleaved
    with CaptureQueriesContext(connection) as queries:
        found = slugs(client.get("/articles/", {"q": '"panas bumi"', "agency": agency.slug}))
    assert walked(queries)  # the list held fewer rows than the window: no index needed
    assert not asked_the_index(queries)
    assert phrase_search_queries(queries) == []  # count, facets and rows from the walk
    assert found == together[:2]  # the words apart are newer than each hit, yet not shown
    assert re.search(
        r'id="result-count"[^>]*>\s*3\b',
        client.get("/articles/", {"q": '"panas bumi"', "agency": agency.slug}).text,
    )


@pytest.mark.parametrize("oldest", [False, True])
@pytest.mark.parametrize(
    ("window", "walk_limit", "path"),
    [
        (100, 100, ("window", "window")),  # the window holds the whole list
        (2, 6, ("walk", "walk")),  # a window of 2 holds 1 match: dense enough to walk on
        (2, 3, ("index", "index")),  # too sparse for a walk of 3: the index finds the words
        # The newest row is not a match (nothing to go on); the oldest is.
        (1, 100, ("index", "walk")),
    ],
)
def test_every_path_finds_what_the_definition_finds(
    interleaved, monkeypatch, window, walk_limit, path, oldest
):
    agency, _ = interleaved
    path = path[oldest]
    monkeypatch.setattr(articles.search, "PHRASE_WINDOW", window)
    monkeypatch.setattr(articles.search, "PHRASE_WALK_LIMIT", walk_limit)
    unsearched = Article.objects.published().filter(publisher=agency)
    expected = the_definition(agency, oldest=oldest)
    assert len(expected) == 3
    for limit in (1, 2, 3, 4):
        with CaptureQueriesContext(connection) as queries:
            found = articles.search.phrase_match_ids(
                unsearched, '"panas bumi"', limit=limit, oldest=oldest
            )
        assert found == expected[:limit], (limit, found)
        if limit == 3:  # enough matches for every path to finish where it is meant to
            assert asked_the_index(queries) == (path == "index")
            assert len([q for q in queries if "SELECT ARRAY" in q["sql"]]) == (
                2 if path == "walk" else 1
            )


def test_a_negated_phrase_is_not_loosened(interleaved, monkeypatch):
    agency, _ = interleaved
    monkeypatch.setattr(articles.search, "PHRASE_WINDOW", 1)
    unsearched = Article.objects.published().filter(publisher=agency)
    query = 'panas -"panas bumi"'
    expected = list(
        articles.search.search_articles(unsearched, query)
        .order_by("-published_at", "-id")
        .values_list("pk", flat=True)
    )
    assert len(expected) == 3  # the releases with the words apart
    assert articles.search.phrase_match_ids(unsearched, query, limit=10) == expected


@override_settings(ARTICLES_PER_PAGE=2)
def test_pages_sorts_and_positions_of_a_phrase(client, interleaved, monkeypatch):
    agency, together = interleaved
    monkeypatch.setattr(articles.search, "PHRASE_WINDOW", 1)  # every answer from the index
    base = {"q": '"panas bumi"', "agency": agency.slug}
    assert slugs(client.get("/articles/", {**base, "page": "2"})) == together[2:]
    assert slugs(client.get("/articles/", {**base, "sort": "oldest"})) == together[::-1][:2]
    ranked = slugs(client.get("/articles/", {**base, "sort": "relevance"}))
    assert len(ranked) == 2 and set(ranked) <= set(together)  # ranked among the matches
    # Past a position (the keyset cursor of the pages after the numbered ones).
    newest = Article.objects.get(slug=together[0])
    response = client.get("/articles/", {**base, "cursor": encode_cursor(newest)})
    assert slugs(response) == together[1:3]
    assert client.get("/articles/", {**base, "page": "3"}).status_code == 400


def test_a_phrase_too_costly_to_check_answers_400_and_is_remembered(
    client, interleaved, slow_phrase_plan
):
    agency, _ = interleaved
    params = {"q": '"panas bumi"', "agency": agency.slug, "date_from": "2024-01-01"}
    response = client.get("/articles/", params)
    assert response.status_code == 400
    assert 'id="e-q"' in response.text
    assert "tanpa tanda kutip" in response.text  # Indonesian by default
    assert 'value="2024-01-01"' in response.text  # the rest of the form is kept
    # The verdict is kept like a count: asking again does not run the slow query again.
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/articles/", params).status_code == 400
    assert not asked_the_index(queries)
    # The same words without quotes are an ordinary search.
    assert len(slugs(client.get("/articles/", {"q": "panas bumi", "agency": agency.slug}))) == 6


def test_words_without_quotes_do_not_take_the_phrase_path(client, interleaved):
    agency, _ = interleaved
    with CaptureQueriesContext(connection) as queries:
        found = slugs(client.get("/articles/", {"q": "panas bumi", "agency": agency.slug}))
    assert not walked(queries)
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


@pytest.fixture
def slow_phrase_plan(monkeypatch):
    """Every release takes 50 ms to search (a stand-in for a phrase PostgreSQL checks on
    half a million releases) against a 20 ms limit, in the API's plan and in the lists'
    indexed step (the lists' window is one row, so they reach that step)."""
    monkeypatch.setattr(articles.search, "PHRASE_TIMEOUT_MS", 20)
    monkeypatch.setattr(articles.search, "PHRASE_WINDOW", 1)
    sleeping = RawSQL("pg_sleep(0.05) IS NOT NULL", [], output_field=BooleanField())
    search = articles.filters.search_articles
    monkeypatch.setattr(
        articles.filters,
        "search_articles",
        lambda queryset, query: search(queryset, query).filter(sleeping),
    )
    loosened_sql = articles.search.AllWordsMatch.as_sql

    def slow(self, compiler, connection):
        sql, params = loosened_sql(self, compiler, connection)
        return f"({sql} AND pg_sleep(0.05) IS NOT NULL)", params

    monkeypatch.setattr(articles.search.AllWordsMatch, "as_sql", slow)


def test_the_feed_of_a_phrase_too_costly_answers_400(
    client, interleaved, slow_phrase_plan, monkeypatch
):
    agency, together = interleaved
    params = {"q": '"panas bumi"', "agency": agency.slug}
    response = client.get("/articles/feed/", params)
    assert response.status_code == 400
    assert "tanpa tanda kutip" in response.text
    # When the walk finds the matches, the slow plan is never asked: newest first.
    monkeypatch.setattr(articles.search, "PHRASE_WINDOW", 100)
    response = client.get("/articles/feed/", params)
    assert response.status_code == 200
    assert re.findall(r"/articles/([^/]+)/</id>", response.text) == together


def test_the_api_bounds_a_phrase_too(client, interleaved, slow_phrase_plan):
    response = client.get("/api/v1/articles/", {"q": '"panas bumi"'})
    assert response.status_code == 400
    assert list(response.json()) == ["q"]
    assert "tanpa tanda kutip" in response.json()["q"][0]
    # Other searches are not limited.
    assert client.get("/api/v1/articles/", {"q": "panas bumi"}).status_code == 200


@pytest.mark.parametrize("window", [100, 1])  # the walk, and the index
def test_a_phrase_nothing_matches_is_an_empty_answer_everywhere(
    client, interleaved, monkeypatch, window
):
    agency, _ = interleaved
    monkeypatch.setattr(articles.search, "PHRASE_WINDOW", window)
    params = {"q": '"bumi panas"', "agency": agency.slug}  # both words, never in this order
    response = client.get("/articles/", params)
    assert slugs(response) == []
    assert re.search(r'id="result-count"[^>]*>\s*0\b', response.text)
    feed = client.get("/articles/feed/", params)
    assert feed.status_code == 200 and "<entry>" not in feed.text
    api = client.get("/api/v1/articles/", params)
    assert api.status_code == 200 and api.json()["results"] == []
