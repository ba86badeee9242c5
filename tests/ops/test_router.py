"""Public reads go to the replicas, writes and the reads of a client that just wrote go
to the primary. Two real aliases: ``replica_1`` is a second connection to the same
test database (what TEST MIRROR does), so the queries of each alias can be counted."""

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from agencies.models import Region
from ops import context
from ops.router import PrimaryReplicaRouter


@pytest.fixture
def replica(settings):
    # newsroom.settings.test defines replica_1 as a TEST MIRROR of default.
    assert settings.DATABASES["replica_1"]["TEST"]["MIRROR"] == "default"
    settings.DATABASE_REPLICAS = ["replica_1"]
    return "replica_1"


def test_without_a_request_everything_uses_the_primary(replica):
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Region) == "default"
    assert router.db_for_write(Region) == "default"


def test_replicas_never_migrate():
    router = PrimaryReplicaRouter()
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica_1", "articles")


@pytest.mark.django_db(transaction=True, databases=["default", "replica_1"])
def test_a_public_read_inside_a_primary_transaction_stays_on_the_primary(replica):
    router = PrimaryReplicaRouter()
    token = context.replica_reads_allowed.set(True)
    try:
        assert router.db_for_read(Region) == replica
        with transaction.atomic():
            assert router.db_for_read(Region) == "default"
    finally:
        context.replica_reads_allowed.reset(token)


def queries_per_alias(client_call, aliases=("default", "replica_1")):
    captures = {alias: CaptureQueriesContext(connections[alias]) for alias in aliases}
    for capture in captures.values():
        capture.__enter__()
    try:
        response = client_call()
    finally:
        for capture in captures.values():
            capture.__exit__(None, None, None)
    return response, {alias: len(capture) for alias, capture in captures.items()}


@pytest.mark.django_db(transaction=True, databases=["default", "replica_1"])
def test_public_pages_read_from_the_replica_until_the_client_writes(client, replica, settings):
    province = Region.objects.create(code="99", name="Provinsi Uji", kind="province")

    response, queries = queries_per_alias(lambda: client.get(f"/regions/{province.code}/"))
    assert response.status_code == 200
    assert "Provinsi Uji" in response.text
    assert queries["replica_1"] > 0
    assert queries["default"] == 0

    # A write (changing the language is a POST that stores a cookie) marks the client.
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    cookie = response.cookies[settings.RECENT_WRITE_COOKIE]
    assert cookie["max-age"] == settings.REPLICA_LAG_SECONDS
    assert cookie["httponly"]

    # Its next reads use the primary, so it never sees a replica that lags behind.
    response, queries = queries_per_alias(lambda: client.get(f"/regions/{province.code}/"))
    assert response.status_code == 200
    assert queries["default"] > 0
    assert queries["replica_1"] == 0

    # Another client, which has not written, still reads from the replica.
    client.cookies.clear()
    _, queries = queries_per_alias(lambda: client.get(f"/regions/{province.code}/"))
    assert queries["replica_1"] > 0
    assert queries["default"] == 0


@pytest.mark.django_db(transaction=True, databases=["default", "replica_1"])
def test_the_admin_always_reads_from_the_primary(admin_client, replica, settings):
    response, queries = queries_per_alias(lambda: admin_client.get("/" + settings.ADMIN_URL))
    assert response.status_code == 200
    assert queries["default"] > 0
    assert queries["replica_1"] == 0
