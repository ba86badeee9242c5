"""The /articles/ page itself: 400s, count, chips, facets, paging, query counts."""

import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from articles.listing import MAX_PAGES
from tests.factories import AgencyFactory, EventFactory, TopicFactory

from .factories import jakarta, release

pytestmark = pytest.mark.django_db


def error_for(response) -> dict[str, str]:
    return dict(re.findall(r'<p class="error" id="e-(\w+)">(.*?)</p>', response.text, re.S))


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"region": "99.99"}, "region"),
        ({"agency": "no-such-agency"}, "agency"),
        ({"official": "no-such-person"}, "official"),
        ({"event": "no-such-event"}, "event"),
        ({"topic": "no-such-topic"}, "topic"),
        ({"date_from": "2023-02-30"}, "date_from"),
        ({"date_to": "21/07/2023"}, "date_to"),
        ({"date_from": "2023-07-22", "date_to": "2023-07-21"}, "date_to"),
        ({"sort": "popular"}, "sort"),
        ({"sort": "relevance"}, "sort"),
        ({"q": "a" * 201}, "q"),
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "²"}, "page"),  # a digit to str.isdigit(), not to int()
        ({"page": "1" * 30}, "page"),
        ({"q": "rapat\x00"}, "q"),
        ({"page": str(MAX_PAGES + 1)}, "page"),
        ({"page": "40"}, "page"),  # beyond the end of the few test releases
        ({"cursor": "yesterday"}, "cursor"),
        ({"cursor": "1_1"}, "cursor"),  # nothing before 1970
        ({"cursor": "99999999999999999_1", "sort": "relevance", "q": "rapat"}, "cursor"),
    ],
)
def test_each_bad_parameter_answers_400_naming_it_and_keeps_the_form(client, params, parameter):
    release()
    # Alongside the bad one, a good parameter the 400 page must keep filled in.
    keep = "q" not in params and params.get("sort") != "relevance"
    response = client.get("/articles/", {"q": "rapat", **params} if keep else params)
    assert response.status_code == 400
    assert f"<code>{parameter}</code>" in response.text
    if parameter in ("page", "cursor"):
        assert "page" in error_for(response)
    else:
        assert parameter in error_for(response)
    # The rest of the form keeps what was typed.
    if keep:
        assert 'name="q" type="search" value="rapat"' in response.text


def test_count_is_announced_and_chips_remove_one_filter_each(client):
    agency = AgencyFactory()
    topic = TopicFactory()
    for _ in range(3):
        release(publisher=agency, topics=[topic])
    response = client.get("/articles/", {"agency": agency.slug, "topic": topic.slug})
    assert response.status_code == 200
    count = re.search(
        r'<p class="count" id="result-count" role="status" aria-live="polite">\s*(.*?)\s*</p>',
        response.text,
        re.S,
    )
    assert count.group(1).startswith("3 ")
    removes = re.findall(r'class="chip-remove" href="([^"]+)" data-param="(\w+)"', response.text)
    assert dict((param, href) for href, param in removes) == {
        "agency": f"/articles/?topic={topic.slug}",
        "topic": f"/articles/?agency={agency.slug}",
    }
    assert 'class="clear-all" href="/articles/"' in response.text
    # Exactly one robots tag (base.html's), not one per template level.
    assert re.findall(r'<meta name="robots"[^>]*>', response.text) == [
        '<meta name="robots" content="noindex, follow">'
    ]
    assert f'href="/articles/feed/?agency={agency.slug}&amp;topic={topic.slug}"' in response.text


def test_the_plain_list_is_indexable(client):
    response = client.get("/articles/")
    assert response.status_code == 200
    assert 'name="robots"' not in response.text


def test_facets_count_the_current_result_set(client):
    agency = AgencyFactory()
    event = EventFactory()
    release(publisher=agency, code="32.12", events=[event])
    release(publisher=agency, code="32.12")
    release(publisher=agency, code="33.01", events=[event])
    response = client.get("/articles/", {"agency": agency.slug})
    facet = dict(
        re.findall(
            r'data-facet="region">([^<]+)</a> <span class="facet-count">\((\d+)\)', response.text
        )
    )
    assert facet == {"Jawa Barat": "2", "Jawa Tengah": "1"}
    events = re.findall(
        r'data-facet="event">([^<]+)</a> <span class="facet-count">\((\d+)\)', response.text
    )
    assert events == [(event.name, "2")]
    # Inside a province the region facet lists its regencies and cities.
    inside = client.get("/articles/", {"agency": agency.slug, "region": "32"})
    assert re.findall(
        r'data-facet="region">([^<]+)</a> <span class="facet-count">\((\d+)\)', inside.text
    ) == [("Kabupaten Indramayu", "2")]


@override_settings(ARTICLES_PER_PAGE=2)
def test_numbered_pages_and_keyset_cursor_walk_the_whole_list_once(client):
    agency = AgencyFactory()
    made = [release(publisher=agency, published_at=jakarta(2023, 1, day, 9)) for day in range(1, 8)]
    expected = [a.slug for a in sorted(made, key=lambda a: a.published_at, reverse=True)]

    seen = []
    url = f"/articles/?agency={agency.slug}"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen += re.findall(r'class="article-row-title"><a href="/articles/([^/]+)/"', response.text)
        nxt = re.search(r'<a rel="next" href="([^"]+)"', response.text)
        url = nxt.group(1).replace("&amp;", "&") if nxt else None
    assert seen == expected

    cursor_page = client.get(f"/articles/?agency={agency.slug}&cursor=" + _cursor(made[3]))
    assert re.findall(
        r'class="article-row-title"><a href="/articles/([^/]+)/"', cursor_page.text
    ) == [
        made[2].slug,
        made[1].slug,
    ]


def _cursor(article):
    from articles.listing import encode_cursor

    return encode_cursor(article)


@pytest.mark.parametrize("per_page", [2, 10])
def test_query_count_does_not_grow_with_page_size(client, django_assert_num_queries, per_page):
    agency = AgencyFactory()
    event = EventFactory()
    for _ in range(12):
        release(publisher=agency, events=[event])
    with override_settings(ARTICLES_PER_PAGE=per_page):
        # provinces for the form, agency lookup, its descendants, the newest matches with
        # their count, the rows, the facets.
        with django_assert_num_queries(6):
            response = client.get("/articles/", {"agency": agency.slug})
        assert response.status_code == 200
        # With a search: plus the snippets of the displayed rows only.
        with django_assert_num_queries(7):
            response = client.get("/articles/", {"agency": agency.slug, "q": "siaran"})
        assert response.status_code == 200


def test_the_extreme_dates_are_valid_bounds_not_errors(client):
    agency = AgencyFactory()
    made = release(publisher=agency)
    for bounds in (
        {"date_to": "9999-12-31"},  # no next day to stop before
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
    ):
        response = client.get("/articles/", {"agency": agency.slug, **bounds})
        assert response.status_code == 200
        assert f'href="/articles/{made.slug}/"' in response.text


@override_settings(ARTICLES_PER_PAGE=2)
def test_snippets_are_computed_for_the_displayed_rows_only(client):
    agency = AgencyFactory()
    made = [
        release(
            publisher=agency, lead="Rapat koordinasi irigasi.", published_at=jakarta(2023, 3, d)
        )
        for d in range(1, 6)
    ]
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/articles/", {"agency": agency.slug, "q": "irigasi"})
    assert response.status_code == 200
    headline_queries = [q["sql"] for q in queries if "ts_headline" in q["sql"]]
    assert len(headline_queries) == 1
    # The one ts_headline query names the two displayed ids and no other release.
    shown = {made[4].pk, made[3].pk}
    # The ids travel as one array parameter: ``"id" = ANY('{5,4}'::…)``.
    listed = re.search(r"\"id\" = ANY\('\{([^}]*)\}'", headline_queries[0])[1]
    ids = {int(i) for i in listed.split(",")}
    assert ids == shown
    assert response.text.count('<p class="snippet">') == 2
    assert not any("ts_rank" in q["sql"] for q in queries)  # no ranking without sort=relevance


@pytest.mark.parametrize("per_page", [2, 10])
def test_query_count_of_relevance_and_keyset_pages_does_not_grow(
    client, django_assert_num_queries, per_page
):
    agency = AgencyFactory()
    made = [
        release(publisher=agency, title="Rapat irigasi", published_at=jakarta(2023, 4, d))
        for d in range(1, 14)
    ]
    with override_settings(ARTICLES_PER_PAGE=per_page):
        # provinces, agency, its descendants, newest matches, ranked rows, snippets, facets.
        with django_assert_num_queries(7):
            response = client.get(
                "/articles/", {"agency": agency.slug, "q": "irigasi", "sort": "relevance"}
            )
        assert response.status_code == 200
        # provinces, agency, its descendants, newest matches, rows after the cursor, facets.
        with django_assert_num_queries(6):
            response = client.get(
                "/articles/", {"agency": agency.slug, "cursor": _cursor(made[-1])}
            )
        assert response.status_code == 200


@override_settings(ARTICLES_PER_PAGE=2)
def test_relevance_counts_every_match_but_pages_end_with_the_ranked_candidates(client, monkeypatch):
    monkeypatch.setattr("articles.search.RANK_CANDIDATES", 3)
    monkeypatch.setattr("articles.listing.RANK_CANDIDATES", 3)
    agency = AgencyFactory()
    for day in range(1, 6):
        release(publisher=agency, title="Rapat irigasi", published_at=jakarta(2023, 5, day))
    params = {"agency": agency.slug, "q": "irigasi", "sort": "relevance"}
    first = client.get("/articles/", params)
    assert re.search(r'id="result-count"[^>]*>\s*5 ', first.text)
    second = client.get("/articles/", {**params, "page": "2"})
    assert second.status_code == 200
    assert len(re.findall(r'class="article-row-title"', second.text)) == 1
    assert '<a rel="next"' not in second.text
    assert client.get("/articles/", {**params, "page": "3"}).status_code == 400
