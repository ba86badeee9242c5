"""The strict Content-Security-Policy in a real browser: public pages and the Django
admin work under it without a single violation, and an injected inline script is
blocked."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.browser


@pytest.fixture
def csp_violations(page):
    """Every CSP violation the page reports (console errors and violation events)."""
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('Content Security Policy violation event: '"
        " + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


def test_public_page_has_no_violations_and_blocks_inline_script(page, csp_violations):
    response = page.goto("/")
    assert response.status == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert csp_violations == []
    # The stylesheet (same origin) applied: the policy does not break the layout.
    assert page.locator("link[rel=stylesheet]").count() == 1
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0

    ran = page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.injected = true';
                   document.body.appendChild(s); return window.injected === true; }"""
    )
    assert ran is False
    page.wait_for_timeout(200)
    assert any("script-src" in violation for violation in csp_violations)


def test_admin_works_under_the_policy(page, csp_violations):
    get_user_model().objects.create_superuser("chief", "chief@example.id", "a-long-password-1")
    page.goto(reverse("admin:login"))
    page.fill("#id_username", "chief")
    page.fill("#id_password", "a-long-password-1")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{reverse('admin:index')}")
    # The change form uses the admin's JavaScript the most (widgets, prepopulated slugs).
    for url in (reverse("admin:index"), reverse("admin:articles_article_add")):
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
    # The admin's own scripts ran: the prepopulated slug follows the title.
    page.fill("#id_title", "Rapat Koordinasi Pemilu")
    page.locator("#id_title").blur()
    assert page.input_value("#id_slug") == "rapat-koordinasi-pemilu"
    assert csp_violations == []
