"""With JavaScript disabled the public pages still do their job: search from the
home page, open a release, follow a province to its regencies, switch the
interface to English. (One test: loading the live server's data is the slow part.)"""

from articles.models import Article


def test_public_pages_work_without_javascript(browser, live_server, seeded_transactional_db):
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    release = Article.objects.published().get(published_at__year=2020, published_at__month=6)

    # Search from the home page and open a release.
    page.goto("/")
    page.locator("#home-q").fill("Bengkalis")
    page.locator("form.home-search button").click()
    page.wait_for_url("**/articles/?q=Bengkalis")
    page.get_by_role("link", name=release.title).first.click()
    page.wait_for_url(f"**{release.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == release.title

    # A province lists its regencies with counts; they link to their own pages.
    page.goto("/regions/32/")
    regencies = page.locator(".region-children li").all_inner_texts()
    assert any(text.startswith("Kabupaten Indramayu (1)") for text in regencies)
    page.locator(".region-children").get_by_role("link", name="Kabupaten Indramayu").click()
    page.wait_for_url("**/regions/32.12/")

    # The language form posts to /i18n/setlang/ and comes back to the same page.
    page.goto("/officials/bahtiar/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert "Rabu, 10 Juni 2020" in page.locator("main").inner_text()
    page.locator("#language-select").select_option("en")
    page.locator("form.language-form button").click()
    page.wait_for_url("**/officials/bahtiar/")
    assert page.locator("html").get_attribute("lang") == "en"
    main = page.locator("main").inner_text()
    assert "Wednesday, 10 June 2020" in main
    assert "Plt. Direktur Jenderal Politik dan Pemerintahan Umum" in main
    context.close()
