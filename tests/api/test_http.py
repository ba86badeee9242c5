"""HTTP behaviour of the API: conditional GETs, CORS, throttling, methods, schema, docs."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings
from django.utils.http import http_date

from tests.factories import ArticleFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_etag_and_if_none_match_answer_304(api):
    ArticleFactory()
    first = api.get("/api/v1/articles/")
    etag = first["ETag"]
    assert first.status_code == 200 and etag
    again = api.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    # A new release changes the list, so the old ETag no longer matches.
    ArticleFactory()
    changed = api.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_release_has_last_modified_and_honours_if_modified_since(api):
    article = ArticleFactory()
    response = api.get(f"/api/v1/articles/{article.slug}/")
    last_modified = response["Last-Modified"]
    assert last_modified == http_date(max(article.updated_at, article.published_at).timestamp())
    assert (
        api.get(
            f"/api/v1/articles/{article.slug}/", HTTP_IF_MODIFIED_SINCE=last_modified
        ).status_code
        == 304
    )
    article.title = "Judul yang diperbaiki"
    article.save()
    article.refresh_from_db()
    later = http_date(article.updated_at.timestamp() + 5)
    assert (
        api.get(f"/api/v1/articles/{article.slug}/", HTTP_IF_MODIFIED_SINCE=later).status_code
        == 304
    )
    earlier = http_date(article.updated_at.timestamp() - 5)
    assert (
        api.get(f"/api/v1/articles/{article.slug}/", HTTP_IF_MODIFIED_SINCE=earlier).status_code
        == 200
    )


def test_entities_have_etags_too(api):
    topic = TopicFactory()
    response = api.get(f"/api/v1/topics/{topic.slug}/")
    assert (
        api.get(f"/api/v1/topics/{topic.slug}/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code
        == 304
    )


def test_cors_allows_reads_from_any_origin_on_the_api_only(api):
    response = api.get("/api/v1/topics/", HTTP_ORIGIN="https://data.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = api.options(
        "/api/v1/articles/",
        HTTP_ORIGIN="https://data.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    allowed = {m.strip() for m in preflight["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}
    headers = {h.strip() for h in preflight["Access-Control-Allow-Headers"].split(",")}
    assert {"if-none-match", "if-modified-since"} <= headers  # conditional polling
    page = api.get("/", HTTP_ORIGIN="https://data.example.org")
    assert "Access-Control-Allow-Origin" not in page


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(api, method):
    article = ArticleFactory()
    response = getattr(api, method)(f"/api/v1/articles/{article.slug}/")
    assert response.status_code in (403, 405)
    assert response["Content-Type"] == "application/json"
    assert api.get(f"/api/v1/articles/{article.slug}/").status_code == 200


def test_anonymous_clients_are_throttled_with_retry_after(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon_burst": "3/min", "anon_sustained": "1000/day"},
    }
    for _ in range(3):
        assert api.get("/api/v1/topics/").status_code == 200
    response = api.get("/api/v1/topics/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert 0 < int(response["Retry-After"]) <= 60
    assert "detail" in response.json()
    # Another client address has its own allowance.
    assert api.get("/api/v1/topics/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_the_daily_allowance_is_enforced_too(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon_burst": "100/min", "anon_sustained": "2/day"},
    }
    api.get("/api/v1/topics/")
    api.get("/api/v1/topics/")
    response = api.get("/api/v1/topics/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 60


def test_the_default_limits_are_the_documented_ones(settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert rates == {"anon_burst": "120/min", "anon_sustained": "5000/day"}
    with open(settings.BASE_DIR / "docs" / "api.md", encoding="utf-8") as docs:
        text = " ".join(docs.read().split())
    assert "120 requests per minute" in text and "5,000 requests per day" in text


def test_the_schema_is_openapi_3_and_lists_every_endpoint(api):
    response = api.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for name, lookup in [
        ("articles", "slug"),
        ("regions", "code"),
        ("agencies", "slug"),
        ("officials", "slug"),
        ("events", "slug"),
        ("topics", "slug"),
    ]:
        assert f"/api/v1/{name}/" in paths
        assert f"/api/v1/{name}/{{{lookup}}}/" in paths
    params = {p["name"] for p in schema["paths"]["/api/v1/articles/"]["get"]["parameters"]}
    assert params >= {
        "q",
        "region",
        "agency",
        "official",
        "event",
        "topic",
        "date_from",
        "date_to",
        "sort",
        "cursor",
        "page_size",
    }


@override_settings(DEBUG=False)
def test_the_docs_page_uses_only_assets_served_by_the_project(api):
    response = api.get("/api/docs/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    for source in sources:
        assert source.startswith("/"), source  # nothing from another host
        path = source.split("?")[0]
        if path.startswith("/static/"):
            assert finders.find(path.removeprefix("/static/")), source
    assert "swagger-ui-bundle.js" in html
    script = api.get("/api/docs/?script=", HTTP_ACCEPT="*/*")  # as a browser asks
    assert script.status_code == 200
    assert b"/api/schema/" in script.content
    assert b"http://" not in script.content and b"https://" not in script.content


def test_the_schema_is_generated_without_warnings_and_is_valid_openapi(tmp_path):
    # Warnings here are drf_spectacular.W001 in `check --deploy --fail-level WARNING`.
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(target))
    assert "/api/v1/articles/" in target.read_text()


def test_the_slug_filters_are_typed_and_described_in_the_schema(api):
    schema = api.get("/api/schema/?format=json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/articles/"]["get"]["parameters"]}
    for name, listing in [
        ("agency", "agencies"),
        ("official", "officials"),
        ("event", "events"),
        ("topic", "topics"),
    ]:
        assert params[name]["schema"]["type"] == "string"
        assert f"/api/v1/{listing}/" in params[name]["description"]


def test_head_carries_the_same_etag_and_answers_304_too(api):
    ArticleFactory()
    etag = api.get("/api/v1/articles/")["ETag"]
    head = api.head("/api/v1/articles/")
    assert head.status_code == 200
    assert head["ETag"] == etag
    assert api.head("/api/v1/articles/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_index_links_every_endpoint_the_schema_and_the_docs(api):
    assert api.get("/api/")["Location"] == "/api/v1/"
    response = api.get("/api/v1/")
    assert response.status_code == 200
    links = response.json()
    assert set(links) == {
        "articles",
        "regions",
        "agencies",
        "officials",
        "events",
        "topics",
        "schema",
        "docs",
    }
    for name, url in links.items():
        assert url.startswith("http://testserver/api/")
        expected = {"docs": "text/html", "schema": "application/vnd.oai.openapi"}.get(
            name, "application/json"
        )
        followed = api.get(url, HTTP_ACCEPT="text/html,*/*;q=0.8")
        assert followed.status_code == 200, name
        assert followed["Content-Type"].startswith(expected), name


def test_a_browser_opening_an_api_address_gets_json(api):
    # What a browser sends when someone clicks an `articles_url` link.
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = api.get("/api/v1/topics/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
