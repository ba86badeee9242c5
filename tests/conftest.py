"""Shared fixtures. The reference data and seed releases are loaded once per
test database; tests that need their own rows make them with ``tests.factories``."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_initial_data", verbosity=0)


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """For live-server tests: a transactional test database flushes after each
    test, so the reference data is loaded again first."""
    call_command("load_initial_data", verbosity=0)


# --- Browser tests -------------------------------------------------------------
# Playwright drives Debian's chromium (it cannot download its own browser here).
# A missing chromium is an error, never a skip.

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    import os
    import shutil

    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(executable):
        pytest.fail("Browser tests need Debian's chromium: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; the live server's
    # database calls happen in its own thread, the test's own ORM calls here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server, seeded_transactional_db):
    """A fresh browser tab on the live server, Indonesian locale, data loaded."""
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


# --- Shared cache (issue #8, ops.cache) -------------------------------------------------
# Cached facet counts outlive a test's rolled-back transaction: every test starts with an
# empty cache so it never sees counts computed from another test's rows.
@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()
