"""Fuzz every public URL pattern with random and hostile paths and query strings:
never a server error, only the statuses a public page may answer."""

import os

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings

from agencies.models import Agency, Official, Region
from articles.models import Article, Event, Topic

from .fuzzing import ALLOWED_STATUSES, public_routes, query_strings, request_paths

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))


def known_values():
    """Real identifiers, so the fuzzer also reaches pages that exist."""
    slugs = [
        *Agency.objects.values_list("slug", flat=True)[:20],
        *Official.objects.values_list("slug", flat=True)[:20],
        *Event.objects.values_list("slug", flat=True)[:20],
        *Topic.objects.values_list("slug", flat=True)[:20],
        *Article.objects.values_list("slug", flat=True)[:20],
    ]
    return {"slug": slugs, "code": list(Region.objects.values_list("code", flat=True)[:40])}


def test_the_fuzzer_finds_every_public_page():
    names = {route.name for route in public_routes()}
    assert {"articles:home", "articles:article_detail", "agencies:region_detail"} <= names
    assert {"ops:healthz", "ops:readyz"} <= names
    assert not any(name.startswith("admin:") for name in names)


@pytest.mark.django_db(databases=["default", "replica_1"])
def test_hostile_requests_never_cause_a_server_error():
    routes = public_routes()
    values = known_values()
    client = Client(raise_request_exception=True)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=os.environ.get("FUZZ_RANDOM") is None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(target=request_paths(routes, values), query=query_strings)
    def check(target, query):
        route, path = target
        response = client.get(f"{path}?{query}" if query else path)
        assert response.status_code in ALLOWED_STATUSES, (
            f"{route}: GET {path}?{query} answered {response.status_code}"
        )

    check()


@pytest.mark.django_db
def test_a_nul_byte_in_any_path_parameter_is_a_bad_request(client):
    """Found by the long fuzz run (bench/fuzz.py): /regions/a%00b/ was a server error,
    PostgreSQL text cannot hold NUL. Every route with a parameter is tried."""
    routes = [route for route in public_routes() if route.converters]
    assert len(routes) > 10
    for route in routes:
        path = "/" + "".join("a%00b" if part.startswith("<") else part for part in route.parts)
        response = client.get(path)
        assert response.status_code in {400, 404}, f"{route}: {path} → {response.status_code}"
    assert client.get("/regions/a%00b/").status_code == 400
