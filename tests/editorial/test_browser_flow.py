"""The key editor flow in real chromium, under the site's strict CSP: a Kontributor
of Diskominfo Indramayu writes a release (slug made from the title, region and
publisher chosen with the keyboard in the autocompletes) and submits it; a
Redaktur of the same office publishes it; readers see it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from agencies.models import Agency
from articles.models import Article, Status

from .factories import PASSWORD, editor, ensure_editorial_groups

TITLE = "Diskominfo Indramayu Gelar Pelatihan Jurnalistik Warga"


def log_in(tab, user):
    tab.goto(reverse("admin:login"))
    tab.fill("#id_username", user.username)
    tab.fill("#id_password", PASSWORD)
    tab.click("input[type=submit]")
    expect(tab.locator("#user-tools")).to_be_visible()


def choose(tab, field: str, term: str, expected: str):
    """Open an admin autocomplete, type, and take the highlighted choice with Enter."""
    combobox = tab.locator(f"[aria-labelledby='select2-id_{field}-container']")
    combobox.focus()
    tab.keyboard.press("Enter")  # opens it from the keyboard
    # Type only once the dropdown's search box has the focus: keys pressed while it is
    # still opening are lost (seen on a busy machine: the list stayed unfiltered).
    search = tab.locator(".select2-container--open .select2-search__field")
    expect(search).to_be_focused(timeout=20_000)
    search.press_sequentially(term)
    # The autocomplete asks the server after a pause; a busy CI machine may take a while.
    expect(tab.locator(".select2-results__option--highlighted")).to_contain_text(
        expected, timeout=20_000
    )
    tab.keyboard.press("Enter")
    expect(tab.locator(f"#select2-id_{field}-container")).to_contain_text(expected)


@pytest.mark.django_db(transaction=True)
def test_kontributor_writes_and_submits_redaktur_publishes(page, browser, live_server):
    ensure_editorial_groups()
    office = Agency.objects.get(slug="diskominfo-indramayu")
    kontributor = editor("kontributor-browser", "Kontributor", office)
    redaktur = editor("redaktur-browser", "Redaktur", office)
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    log_in(page, kontributor)
    page.goto(reverse("admin:articles_article_add"))
    page.locator("#id_title").press_sequentially(TITLE)
    # The slug is made from the title by the admin's own script (allowed by the CSP).
    assert blocked == []
    expect(page.locator("#id_slug")).to_have_value(
        "diskominfo-indramayu-gelar-pelatihan-jurnalistik-warga"
    )
    page.fill("#id_lead", "Pelatihan jurnalistik warga diikuti 40 peserta.")
    page.fill("#id_body", "<p>Pelatihan jurnalistik warga diikuti 40 peserta.</p>")
    choose(page, "region", "Indramayu", "Indramayu")
    choose(page, "publisher", "Indramayu", "Diskominfo Indramayu")
    # An official named: the role autocomplete then offers only that official's roles.
    choose(page, "official_links-0-official", "Bahtiar", "Bahtiar")
    page.locator("[aria-labelledby='select2-id_official_links-0-appointment-container']").focus()
    page.keyboard.press("Enter")
    options = page.locator(".select2-results__option:not(.loading-results)")
    expect(options.first).to_contain_text("Bahtiar", timeout=20_000)
    roles = options.all_inner_texts()
    assert len(roles) >= 2
    assert all("Bahtiar" in role for role in roles), roles
    page.keyboard.press("Escape")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_be_visible()

    article = Article.objects.get(title=TITLE)
    assert article.status == Status.DRAFT
    page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    page.get_by_role("link", name=re.compile("Submit for review|Ajukan", re.I)).click()
    page.click("#content-main input[type=submit]")
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    # The Kontributor has no publish button.
    expect(page.locator("a[href$='/transition/publish/']")).to_have_count(0)

    assert page.goto(article.get_absolute_url()).status == 404  # not public yet

    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    reviewer = context.new_page()
    log_in(reviewer, redaktur)
    reviewer.goto(reverse("admin:articles_article_changelist"))
    # What waits for review comes first.
    expect(reviewer.locator("#result_list tbody tr").first).to_contain_text(TITLE)
    reviewer.goto(reverse("admin:articles_article_change", args=[article.pk]))
    reviewer.click("a[href$='/transition/publish/']")
    reviewer.click("#content-main input[type=submit]")
    context.close()

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.reviewed_by == redaktur
    public = page.goto(article.get_absolute_url())
    assert public.status == 200
    expect(page.locator("h1")).to_contain_text(TITLE)
    assert blocked == []
