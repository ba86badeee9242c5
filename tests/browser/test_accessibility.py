"""axe-core (axe-playwright-python, bundled axe.min.js) finds no violations on the
public pages, in Indonesian and in English, and the browser reports no breach of
the Content-Security-Policy on them. Adding a page is one line in PAGES.

All pages are checked in one test (the live server's data is loaded once, which
takes longer than checking a page) and every failure is reported together."""

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
    "/articles/",
    "/articles/?region=32&q=pemilu",
    first_release_url,
    "/officials/bahtiar/",
    event_url,
    "/regions/32/",
    "/regions/32.12/",
    agency_url,
    topic_url,
]


def test_no_accessibility_violations(browser, live_server, seeded_transactional_db):
    failures = {}
    csp_breaches = []
    for locale, language in (("id-ID", "id"), ("en-GB", "en")):
        context = browser.new_context(base_url=live_server.url, locale=locale)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text and csp_breaches.append(message.text)
            ),
        )
        for target in PAGES:
            path = target if isinstance(target, str) else target()
            csp_breaches.clear()
            response = page.goto(path)
            problems = []
            if response.status != 200:
                problems.append(f"status {response.status}")
            if response.headers.get("content-language") != language:
                problems.append(f"language {response.headers.get('content-language')}")
            if "content-security-policy" not in response.headers:
                problems.append("no Content-Security-Policy header")
            results = AXE.run(page)
            if results.violations_count:
                problems.append(results.generate_report())
            problems += csp_breaches
            if problems:
                failures[f"{language} {path}"] = problems
        context.close()
    assert failures == {}
