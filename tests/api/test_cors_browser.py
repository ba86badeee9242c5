"""CORS in a real browser: a page on another origin reads the API with fetch() (and
sees the ETag), but cannot make the browser send anything other than a read."""

import http.server
import threading

import pytest

from tests.factories import TopicFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def consumer_page(page):
    """A blank page on another origin: a throwaway HTTP server on 127.0.0.1 (the live
    server is localhost on another port; both loopback, so only CORS decides)."""

    class BlankPage(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"<!doctype html><title>Data desk</title>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), BlankPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
    yield page
    server.shutdown()
    server.server_close()


def test_another_origin_reads_the_api_but_cannot_write(consumer_page, live_server):
    topic = TopicFactory()
    api = f"{live_server.url}/api/v1/topics/{topic.slug}/"
    read = consumer_page.evaluate(
        """async (url) => {
            const response = await fetch(url);
            return {status: response.status, etag: response.headers.get('ETag'),
                    slug: (await response.json()).slug};
        }""",
        api,
    )
    assert read["status"] == 200
    assert read["slug"] == topic.slug
    assert read["etag"]  # exposed to the script by Access-Control-Expose-Headers

    again = consumer_page.evaluate(
        """async ([url, etag]) => (await fetch(url, {headers: {'If-None-Match': etag}})).status""",
        [api, read["etag"]],
    )
    assert again == 304

    refused = consumer_page.evaluate(
        """async (url) => {
            try {
                await fetch(url, {method: 'DELETE'});
                return 'sent';
            } catch (error) { return error.name; }
        }""",
        api,
    )
    assert refused == "TypeError"  # the preflight does not allow DELETE
