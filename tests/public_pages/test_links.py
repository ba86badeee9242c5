"""``newsroom.links.link``: what ``reverse`` answers, reversed once per route."""

import pytest
from django.urls import reverse, set_script_prefix

from newsroom.links import link


@pytest.mark.parametrize(
    ("viewname", "kwargs"),
    [
        ("articles:article_detail", {"slug": "rapat-koordinasi-pemilu-2024"}),
        ("articles:event_detail", {"slug": "pemilu-serentak-2024"}),
        ("articles:topic_detail", {"slug": "politik"}),
        ("agencies:agency_detail", {"slug": "ditjen-polpum"}),
        ("agencies:official_detail", {"slug": "bahtiar"}),
        ("agencies:region_detail", {"code": "32"}),
        ("agencies:region_detail", {"code": "32.12.01.2001"}),
        ("agencies:region_feed", {"code": "14.03"}),
    ],
)
def test_link_is_reverse(viewname, kwargs):
    assert link(viewname, **kwargs) == reverse(viewname, kwargs=kwargs)


def test_link_follows_the_script_prefix():
    try:
        set_script_prefix("/arsip/")
        assert link("articles:article_detail", slug="rilis") == "/arsip/articles/rilis/"
        assert link("articles:article_detail", slug="rilis") == reverse(
            "articles:article_detail", kwargs={"slug": "rilis"}
        )
    finally:
        set_script_prefix("/")
    assert link("articles:article_detail", slug="rilis") == "/articles/rilis/"


def test_a_value_cannot_leave_its_path_segment():
    assert link("articles:article_detail", slug="../admin/?x=1") == (
        "/articles/..%2Fadmin%2F%3Fx%3D1/"
    )
