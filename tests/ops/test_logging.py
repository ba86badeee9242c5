"""Request ids, JSON log lines and slow-query logging."""

import io
import json
import logging
import re

import pytest
from django.db import connection

from ops.logging import JsonFormatter, RequestIdFilter
from ops.slow_queries import SlowQueryLogger

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log():
    """The JSON lines that the project's LOGGING config would write for ``ops``."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("ops")
    logger.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logger.removeHandler(handler)


def test_a_request_id_is_generated_and_echoed(client):
    first = client.get("/")["X-Request-ID"]
    second = client.get("/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", second)
    assert first != second


def test_the_proxys_request_id_is_kept(client):
    response = client.get("/", HTTP_X_REQUEST_ID="lb-7f3a.91:2")
    assert response["X-Request-ID"] == "lb-7f3a.91:2"


@pytest.mark.parametrize(
    "hostile", ["two words", "x" * 129, "id\r\nSet-Cookie: a=b", '"}{"level":"CRITICAL', ""]
)
def test_a_hostile_request_id_is_replaced(client, hostile):
    response = client.get("/", HTTP_X_REQUEST_ID=hostile)
    assert response.status_code == 200
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_slow_queries_are_logged_as_json_with_the_request_id(client, settings, json_log):
    settings.SLOW_QUERY_MS = 0  # every statement of this request counts as slow
    response = client.get("/", HTTP_X_REQUEST_ID="probe-42")
    assert response.status_code == 200
    entries = json_log()
    assert entries, "no slow query was logged"
    for entry in entries:
        assert entry["logger"] == "ops.slow_query"
        assert entry["level"] == "WARNING"
        assert entry["request_id"] == "probe-42"
        assert entry["db"] == "default"
        assert entry["sql"].startswith("SELECT")
        assert isinstance(entry["duration_ms"], float)


def test_only_statements_over_the_threshold_are_logged(settings, json_log):
    settings.SLOW_QUERY_MS = 100
    with connection.execute_wrapper(SlowQueryLogger("default")), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.execute("SELECT pg_sleep(0.15)")
    entries = json_log()
    assert len(entries) == 1
    assert "pg_sleep" in entries[0]["sql"]
    assert entries[0]["duration_ms"] >= 150
    assert entries[0]["request_id"] == "-"  # outside a request


def test_json_lines_escape_hostile_messages():
    record = logging.LogRecord("ops", logging.ERROR, __file__, 1, 'a "quoted"\nline', (), None)
    RequestIdFilter().filter(record)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert json.loads(line)["message"] == 'a "quoted"\nline'


def test_django_request_logs_carry_the_request_id(client):
    """Django logs a 404 after the middleware has returned; the id still appears."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/articles/no-such-release/", HTTP_X_REQUEST_ID="probe-404")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert entry["status_code"] == 404
    assert entry["request_id"] == "probe-404"
