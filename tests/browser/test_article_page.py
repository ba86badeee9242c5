"""A reader opens a release from the home page, in a real browser."""

from articles.models import Article


def test_open_a_release_from_the_home_page(page):
    newest = Article.objects.published().order_by("-published_at", "-id").first()
    page.goto("/")

    page.get_by_role("link", name=newest.title).first.click()

    page.wait_for_url(f"**{newest.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == newest.title
    # Its structured data is there for search engines.
    assert page.locator('script[type="application/ld+json"]').count() == 1
