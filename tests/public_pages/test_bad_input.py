"""Hostile or malformed input on the entity pages and feeds: a clear 4xx, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/regions/%00/",
        "/regions/32%00/",
        "/regions/%00/feed/",
        "/regions/" + "9" * 300 + "/",
        "/regions/32/?page=%00",
        "/regions/32/?page=" + "9" * 400,
        "/officials/bahtiar/?page=%00",
        "/articles/feed/?region=%00",
        "/articles/feed/?q=%00",
        "/articles/feed/?topic=%00",
        "/articles/feed/?date_from=%00",
    ],
)
def test_malformed_input_is_a_client_error(client, url):
    response = client.get(url)
    assert 400 <= response.status_code < 500, (url, response.status_code)
