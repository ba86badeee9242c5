"""The list page in a real browser (Playwright + Debian's chromium), no JavaScript needed."""

import re

import pytest

from articles.models import Article
from tests.factories import TopicFactory

from .factories import release

pytestmark = pytest.mark.django_db(transaction=True)


def count_text(page) -> str:
    return page.locator("#result-count").inner_text().strip()


def expected_count(**filters) -> int:
    return Article.objects.published().filter(**filters).count()


def test_filter_by_a_province_changes_the_announced_count(page):
    release(code="32.12")
    release(code="32")
    release(code="33.01")
    page.goto("/articles/")
    assert count_text(page).startswith(f"{expected_count()} ")
    assert page.locator("#result-count").get_attribute("aria-live") == "polite"

    page.select_option("#f-region", "32")
    page.get_by_role("button", name=re.compile("Cari|Search")).click()
    page.wait_for_url(re.compile(r"region=32"))
    in_jabar = expected_count(province__code="32")
    assert in_jabar < expected_count()
    assert count_text(page).startswith(f"{in_jabar} ")
    assert page.locator(".chip-remove").count() == 1


def test_removing_a_chip_keeps_the_other_filters(page):
    topic = TopicFactory()
    release(code="32.12", topics=[topic])
    release(code="32.12")
    page.goto(f"/articles/?region=32&topic={topic.slug}")
    assert count_text(page).startswith("1 ")
    page.locator('.chip-remove[data-param="topic"]').click()
    page.wait_for_url(re.compile(r"/articles/\?region=32$"))
    assert count_text(page).startswith(f"{expected_count(province__code='32')} ")
    assert page.locator('.chip-remove[data-param="region"]').count() == 1
    page.locator(".clear-all").click()
    page.wait_for_url(re.compile(r"/articles/$"))
    assert page.locator(".chip-remove").count() == 0


def test_search_shows_highlighted_matches(page):
    hit = release(
        title="Peresmian bendungan Cipanas oleh wali kota",
        lead="Wali kota meresmikan bendungan yang mengairi 300 hektare sawah.",
    )
    release(title="Rapat koordinasi ketahanan pangan")
    page.goto("/articles/")
    page.fill("#f-q", "bendungan")
    page.press("#f-q", "Enter")
    page.wait_for_url(re.compile(r"q=bendungan"))
    assert count_text(page).startswith("1 ")
    titles = page.locator(".article-row-title a")
    assert titles.count() == 1
    assert titles.first.inner_text() == hit.title
    assert page.locator(".snippet mark").first.inner_text().lower() == "bendungan"
