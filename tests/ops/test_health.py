"""/healthz and /readyz: what a load balancer sees."""

import pytest

pytestmark = pytest.mark.django_db(databases=["default", "replica_1"])


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_probes_answer_a_load_balancer_probing_by_ip_over_http(client, settings):
    # Not in ALLOWED_HOSTS, plain HTTP while the site redirects everything to HTTPS.
    settings.SECURE_SSL_REDIRECT = True
    for path in ("/healthz", "/readyz"):
        response = client.get(path, HTTP_HOST="10.0.3.7:8000")
        assert response.status_code == 200, path
    # Every other page is still redirected to HTTPS and refuses unknown hosts.
    assert client.get("/").status_code == 301
    assert client.get("/", HTTP_HOST="10.0.3.7:8000", secure=True).status_code == 400


def test_readyz_reports_database_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database:default": "ok", "database:replica_1": "ok", "cache": "ok"},
    }


def test_readyz_is_503_when_the_cache_does_not_answer(client, settings):
    # A real Redis client aimed at a port nobody listens on.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database:default"] == "ok"
    assert checks["cache"] == "error"


@pytest.fixture
def unreachable_database(database_alias):
    """A second database alias (like a replica) on a port nobody listens on."""
    with database_alias(
        "unreachable", HOST="127.0.0.1", PORT="1", OPTIONS={"connect_timeout": 1}, CONN_MAX_AGE=0
    ) as alias:
        yield alias


def test_readyz_is_503_when_a_database_does_not_answer(client, unreachable_database):
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database:default"] == "ok"
    assert checks[f"database:{unreachable_database}"] == "error"
