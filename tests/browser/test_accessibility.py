"""axe-core (axe-playwright-python, bundled axe.min.js) finds no violations on the
public pages. Adding a page is one line in PAGES."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from articles.models import Article, Event

AXE = Axe()


def first_release_url() -> str:
    return Article.objects.published().order_by("-published_at").first().get_absolute_url()


def event_url() -> str:
    return Event.objects.get(name="Pemilu Serentak 2024").get_absolute_url()


def topic_url() -> str:
    return (
        Article.objects.published()
        .filter(topics__isnull=False)
        .first()
        .topics.first()
        .get_absolute_url()
    )


def agency_url() -> str:
    return Article.objects.published().first().publisher.get_absolute_url()


# Paths, or functions giving a path once the live server's data is loaded.
PAGES = [
    "/",
    first_release_url,
    "/officials/bahtiar/",
    event_url,
    "/regions/32/",
    "/regions/32.12/",
    agency_url,
    topic_url,
]


@pytest.mark.parametrize("target", PAGES, ids=lambda t: t if isinstance(t, str) else t.__name__)
def test_no_accessibility_violations(page, target):
    path = target if isinstance(target, str) else target()
    response = page.goto(path)
    assert response.status == 200
    results = AXE.run(page)
    assert results.violations_count == 0, results.generate_report()
