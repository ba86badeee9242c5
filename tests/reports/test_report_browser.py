"""The report in a real browser: charts without JavaScript, a clean printed page."""

import re

import pytest
from django.conf import settings
from django.test import Client

from .conftest import World

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in_page(page, live_server):
    from tests.factories import UserFactory

    World()
    user = UserFactory(username="browser-admin", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def test_report_reads_without_javascript_and_prints_clean(browser, live_server, signed_in_page):
    page = signed_in_page
    console = []
    page.on("console", lambda message: console.append(message.text))
    response = page.goto("/reports/monthly/?month=2019-03")
    policy = response.headers["content-security-policy"]
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert page.locator(".total-count").inner_text() == "4"
    # The page works under the site's Content Security Policy: nothing refused.
    assert [text for text in console if "Content Security Policy" in text] == []
    # The charts are styled by the stylesheet (no inline style, which CSP blocks).
    fill = page.locator("#chart-province rect.chart-bar").first.evaluate(
        "bar => getComputedStyle(bar).fill"
    )
    assert fill not in ("", "none", "rgb(0, 0, 0)")
    day_chart = page.get_by_role("img", name="Siaran pers per hari", exact=False)
    assert day_chart.count() == 1
    assert day_chart.get_attribute("id") == "chart-days"
    bars = page.locator("#chart-province rect.chart-bar")
    assert bars.count() == 2
    widths = [float(bars.nth(i).get_attribute("width")) for i in range(2)]
    assert widths[0] == 3 * widths[1]  # Jawa Barat 3, Riau 1
    assert page.locator(".site-header").is_visible()
    assert page.locator(".report-form").is_visible()

    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".report-form").is_visible()
    assert not page.locator(".report-nav").is_visible()
    assert page.locator("#chart-province").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    width, height = map(float, re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4 in points

    # The same page with JavaScript off shows the same charts.
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.add_cookies(page.context.cookies())
    plain = context.new_page()
    plain.goto("/reports/monthly/?month=2019-03")
    assert plain.locator("svg[role=img]").count() == 7
    context.close()
