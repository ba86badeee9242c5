"""The strict Content-Security-Policy breaks no page: a real browser (Debian's chromium)
visits every kind of page the site has — public pages, entity pages, feeds, the API
documentation, the report and importer pages, and the admin's login, list, add and change
pages of every registered model — and the browser reports no CSP violation, no script
error and no failed same-origin sub-resource on any of them.

A violation is caught twice: the ``securitypolicyviolation`` DOM event (registered before
any page script runs) and chromium's console message ("Refused to …"). The event is also
registered on the page's own document only, so the check in the middle of this file proves
the listener fires at all (an injected inline script must be reported).
"""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from agencies.models import Agency, Official, Region
from articles.models import Article, Event, Topic

pytestmark = pytest.mark.browser

PASSWORD = "a-long-password-for-the-sweep-1"

LISTEN_FOR_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations = window.__cspViolations || [];
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')
                              + ' at ' + e.sourceFile + ':' + e.lineNumber);
});
"""


class Sweep:
    """Visits pages in one tab and collects every problem the browser reports."""

    def __init__(self, page, live_server_url):
        self.page = page
        self.origin = live_server_url
        self.problems: list[str] = []
        self.current = ""
        page.add_init_script(LISTEN_FOR_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self._problem(f"script error: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _problem(self, text: str) -> None:
        self.problems.append(f"{self.current}: {text}")

    def _console(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text or "Refused to" in text:
            self._problem(f"console: {text}")

    def _request_failed(self, request) -> None:
        if request.url.startswith(self.origin):
            self._problem(f"request failed: {request.url} {request.failure}")

    def _response(self, response) -> None:
        # Sub-resources (stylesheets, scripts, images, fonts) must all load.
        if response.request.resource_type != "document" and response.status >= 400:
            self._problem(f"{response.status} for {response.url}")

    def visit(self, path: str, *, status: int = 200) -> None:
        self.current = path
        response = self.page.goto(path)
        assert response is not None, path
        assert response.status == status, f"{path} answered {response.status}"
        policy = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in policy, f"{path} has no CSP header"
        try:
            # Generous: the machine running the suite may be busy; CSP is what's checked.
            self.page.wait_for_load_state("networkidle", timeout=30_000)
        except PlaywrightTimeout:
            self._problem("still loading after 30 s")
        violations = self.page.evaluate("window.__cspViolations || []")
        self.problems.extend(f"{path}: violation {v}" for v in violations)


@pytest.fixture
def sweep(page, live_server):
    return Sweep(page, live_server.url)


def public_paths() -> list[str]:
    article = Article.objects.published().order_by("-published_at").first()
    region = Region.objects.get(code="32")
    agency = Agency.objects.filter(published_articles__isnull=False).first()
    official = Official.objects.order_by("pk").first()
    event = Event.objects.order_by("pk").first()
    topic = Topic.objects.order_by("pk").first()
    return [
        reverse("articles:home"),
        reverse("articles:article_list"),
        reverse("articles:article_list") + "?q=pemilu&sort=relevance",
        reverse("articles:article_list") + f"?region={region.code}&date_from=2023-01-01",
        reverse("articles:article_detail", args=[article.slug]),
        reverse("agencies:region_detail", args=[region.code]),
        reverse("agencies:agency_detail", args=[agency.slug]),
        reverse("agencies:official_detail", args=[official.slug]),
        reverse("articles:event_detail", args=[event.slug]),
        reverse("articles:topic_detail", args=[topic.slug]),
        reverse("articles:feed"),
        reverse("agencies:region_feed", args=[region.code]),
        reverse("articles:topic_feed", args=[topic.slug]),
        reverse("importer:quote_search") + "?q=pemilu",
        reverse("api:docs"),
        reverse("api:article-list"),
    ]


def admin_paths(user) -> list[str]:
    """The changelist, add and change page of every model registered in the admin, the
    admin's extra pages (importer upload, article preview and history) and the report."""
    request = RequestFactory().get("/")
    request.user = user
    paths = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        paths.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(request):
            paths.append(reverse("admin:{}_{}_add".format(*info)))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            paths.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    article = Article.objects.published().order_by("pk").first()
    paths += [
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:articles_article_preview", args=[article.pk]),
        reverse("admin:importer_importedsource_upload"),
        reverse("reports:monthly"),
        reverse("admin:password_change"),
    ]
    return paths


def test_the_violation_listener_reports_a_blocked_inline_script(sweep):
    # Without this, an empty list of violations could mean a deaf listener.
    sweep.visit(reverse("articles:home"))
    sweep.page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.injected = true';
                   document.body.appendChild(s); }"""
    )
    sweep.page.wait_for_timeout(300)
    assert sweep.page.evaluate("window.injected === true") is False
    reported = sweep.page.evaluate("window.__cspViolations || []")
    assert any(v.startswith("script-src") for v in reported), reported


def test_every_public_page_renders_under_the_policy(sweep):
    paths = public_paths()
    for path in paths:
        sweep.visit(path)
    assert not sweep.problems, "\n".join(sweep.problems)
    # The pages really rendered with their same-origin assets.
    sweep.visit(reverse("articles:home"))
    assert sweep.page.evaluate("document.styleSheets[0].cssRules.length") > 0
    # Swagger UI (drf-spectacular sidecar, no CDN) built the API documentation: its
    # initialisation script is a separate same-origin file, not an inline script.
    sweep.visit(reverse("api:docs"))
    sweep.page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert sweep.page.locator(".swagger-ui .opblock").count() > 5
    assert not sweep.problems, "\n".join(sweep.problems)


def test_every_admin_page_renders_under_the_policy(sweep):
    user = get_user_model().objects.create_superuser("sweeper", "sweeper@example.id", PASSWORD)
    sweep.visit(reverse("admin:login"))
    sweep.page.fill("#id_username", "sweeper")
    sweep.page.fill("#id_password", PASSWORD)
    sweep.page.click("input[type=submit]")
    sweep.page.wait_for_url(f"**{reverse('admin:index')}")
    paths = admin_paths(user)
    assert len(paths) > 20
    for path in paths:
        sweep.visit(path)
    assert not sweep.problems, "\n".join(sweep.problems)
    # The admin's scripts ran under the policy: the prepopulated slug follows the title,
    # and the changelist's "select all" checkbox (actions.js) ticks every row.
    sweep.visit(reverse("admin:articles_article_add"))
    sweep.page.fill("#id_title", "Rapat Koordinasi Sapu Jagat")
    sweep.page.locator("#id_title").blur()
    assert sweep.page.input_value("#id_slug") == "rapat-koordinasi-sapu-jagat"
    sweep.visit(reverse("admin:articles_article_changelist"))
    sweep.page.check("#action-toggle")
    rows = sweep.page.locator("input.action-select")
    assert rows.count() > 0
    assert all(rows.nth(i).is_checked() for i in range(rows.count()))
    assert not sweep.problems, "\n".join(sweep.problems)
