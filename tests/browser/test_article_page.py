"""A reader opens releases from the home page and from the list, in a real browser."""

from articles.models import Article


def test_open_releases_from_the_home_page_and_from_the_list(page):
    newest = Article.objects.published().order_by("-published_at", "-id").first()
    page.goto("/")
    page.get_by_role("link", name=newest.title).first.click()
    page.wait_for_url(f"**{newest.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == newest.title
    # Its structured data is there for search engines.
    assert page.locator('script[type="application/ld+json"]').count() == 1

    # The seed release from Bengkalis, 10 June 2020, from the list: Bahtiar was then
    # acting (Plt.) Director General, which the page says next to his name.
    june_2020 = Article.objects.published().get(published_at__year=2020, published_at__month=6)
    page.locator('.main-nav a[href="/articles/"]').click()
    page.wait_for_url("**/articles/")
    page.get_by_role("link", name=june_2020.title).first.click()
    page.wait_for_url(f"**{june_2020.get_absolute_url()}")
    officials = page.locator('section[aria-labelledby="officials-heading"] li')
    role = "Bahtiar, Plt. Direktur Jenderal Politik dan Pemerintahan Umum"
    assert any(text.startswith(role) for text in officials.all_inner_texts())
