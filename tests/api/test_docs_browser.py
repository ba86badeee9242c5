"""The documentation page in a real browser, under the Content-Security-Policy that is
on every response: Swagger UI loads only the project's own assets, renders every
endpoint from /api/schema/ and can call the API, without a single CSP violation."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_log(page, live_server):
    """CSP violations (console and violation events), page errors and requests to other hosts."""
    log = {"csp": [], "errors": [], "foreign": []}
    page.on(
        "console",
        lambda message: (
            log["csp"].append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: log["errors"].append(str(error)))
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(("data:", live_server.url))
            else log["foreign"].append(request.url)
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('Content Security Policy violation event: '"
        " + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return log


def test_the_docs_page_renders_every_endpoint_without_csp_violations(page, browser_log):
    response = page.goto("/api/docs/")
    assert response.status == 200
    assert "style-src 'self' 'nonce-" in response.headers["content-security-policy"]
    # Swagger UI fetched the schema and drew one block per operation.
    page.wait_for_selector(".opblock-summary-path", state="attached")
    page.wait_for_load_state("networkidle")
    paths = set(page.locator(".opblock-summary-path").all_inner_texts())
    for name, lookup in [
        ("articles", "slug"),
        ("regions", "code"),
        ("agencies", "slug"),
        ("officials", "slug"),
        ("events", "slug"),
        ("topics", "slug"),
    ]:
        assert f"/api/v1/{name}/" in {p.replace("\u200b", "") for p in paths}
        assert f"/api/v1/{name}/{{{lookup}}}/" in {p.replace("\u200b", "") for p in paths}
    assert page.title() == "Newsroom open data API"
    # The page's own inline style (box-sizing, background) applied: it carries the nonce.
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(250, 250, 250)"

    # "Try it out" calls the API from the page (connect-src 'self').
    page.locator("#operations-topics-topics_list .opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.wait_for_selector(".live-responses-table tr.response .response-col_status")
    status = page.locator(".live-responses-table tr.response .response-col_status").inner_text()
    assert status.strip() == "200"

    assert browser_log["csp"] == []
    assert browser_log["errors"] == []
    assert browser_log["foreign"] == []
