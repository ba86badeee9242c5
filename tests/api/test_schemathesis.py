"""Property-based run of schemathesis against /api/schema/: whatever parameters the
schema allows (and some it does not), the API answers no 5xx and nothing that
breaks its own description."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from newsroom.wsgi import application
from tests.factories import AgencyFactory, ArticleFactory, EventFactory, TopicFactory

from .factories import ArticleOfficialFactory

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


# The schema is fetched from the running Django WSGI application itself (that
# needs no database). schemathesis.pytest.from_fixture would be the lazier way,
# but the installed schemathesis 4.32 does not run under pytest 9.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def api_data(db, settings):
    # Hundreds of requests in one test: lift the anonymous limits for it.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon_burst": None, "anon_sustained": None},
    }
    # Something to find, so response bodies are not all empty lists.
    article = ArticleFactory(publisher=AgencyFactory())
    article.events.add(EventFactory())
    article.topics.add(TopicFactory())
    ArticleOfficialFactory(article=article)
    # Django closes "old" connections around each request; inside the test's
    # transaction that would close it for good. Django's test client does the same.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield article
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_schema(case, api_data):
    case.call_and_validate(checks=CHECKS)
