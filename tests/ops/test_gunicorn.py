"""gunicorn.conf.py: worker count from the core count (capped), and a real gunicorn
serving production settings, writing JSON access-log lines with the request id."""

import gzip
import json
import multiprocessing
import os
import re
import runpy
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

CONFIG = Path(settings.BASE_DIR) / "gunicorn.conf.py"


def load_config(monkeypatch, **env):
    # The figures must not depend on the environment of the machine running the test.
    for name in list(os.environ):
        if name.startswith(("GUNICORN_", "WEB_CONCURRENCY")) or name == "FORWARDED_ALLOW_IPS":
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


@pytest.mark.parametrize(
    ("cores", "env", "workers"),
    [
        (1, {}, 3),  # 2 × cores + 1
        (2, {}, 5),  # the CI machines
        (4, {}, 9),
        (32, {}, 12),  # 65 capped by the default WEB_CONCURRENCY_MAX
        (32, {"WEB_CONCURRENCY_MAX": "40"}, 40),  # a higher cap, still a cap
        (32, {"WEB_CONCURRENCY_MAX": "100"}, 65),  # a cap above the rule: the rule
        (2, {"WEB_CONCURRENCY": "3"}, 3),  # an explicit count wins below the cap
        (2, {"WEB_CONCURRENCY": "50"}, 12),  # … and is capped too
    ],
)
def test_workers_follow_the_core_count_and_are_capped(monkeypatch, cores, env, workers):
    # The core count is simulated: the figures are the same on any machine.
    monkeypatch.setattr(multiprocessing, "cpu_count", lambda: cores)
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert load_config(monkeypatch, **env)["workers"] == workers


def test_recycling_timeouts_and_trusted_proxies(monkeypatch):
    config = load_config(monkeypatch)
    assert config["max_requests"] > 0
    assert 0 < config["max_requests_jitter"] < config["max_requests"]
    assert config["timeout"] == 30
    assert config["forwarded_allow_ips"] == "127.0.0.1,::1"  # never "*" by default
    assert config["logger_class"] == "ops.gunicorn_logging.JsonAccessLogger"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_gunicorn_serves_production_and_logs_json_lines():
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", str(CONFIG), "newsroom.wsgi"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        # Plain HTTP to a page: redirected to HTTPS, with a request id.
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/regions/32/?x=%22quoted%22",
            headers={"X-Request-ID": "edge-1234", "User-Agent": USER_AGENT},
        )
        opener = urllib.request.build_opener(NoRedirect)
        try:
            opener.open(request, timeout=10)
        except urllib.error.HTTPError as error:
            assert error.code == 301
            assert error.headers["Location"].startswith("https://127.0.0.1")
            assert error.headers["X-Request-ID"] == "edge-1234"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    # Every access-log line is one JSON object; values are logged exactly as received
    # (gunicorn's printf-style format would have written `bot \\"quoted\\"`).
    entries = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    redirect = next(entry for entry in entries if entry["path"] == "/regions/32/")
    assert redirect["request_id"] == "edge-1234"
    assert redirect["status"] == 301
    assert redirect["method"] == "GET"
    assert redirect["query"] == "x=%22quoted%22"
    assert redirect["user_agent"] == USER_AGENT
    assert isinstance(redirect["duration_us"], int)
    probe = next(entry for entry in entries if entry["path"] == "/healthz")
    assert probe["status"] == 200
    assert len(probe["request_id"]) == 32  # generated when the client sent none


# Quotes and a backslash: what a printf-style access log would mangle.
USER_AGENT = 'bot "quoted" \\ end'


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.django_db
def test_gunicorn_serves_pages_and_hashed_compressed_long_cached_static_files(tmp_path):
    """collectstatic with the production storage, then a real page through gunicorn: its
    stylesheet has a content-hashed name, is served compressed and cached for a year."""
    static_root = tmp_path / "static"
    port = free_port()
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "STATIC_ROOT": str(static_root),
        # The test database (with the reference data), not the server's empty default one.
        "DATABASE_URL": "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**database),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )
    assert (static_root / "staticfiles.json").exists()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", str(CONFIG), "newsroom.wsgi"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz")
        # As the TLS-terminating proxy on loopback would forward it (trusted header).
        home = urllib.request.Request(
            f"http://127.0.0.1:{port}/", headers={"X-Forwarded-Proto": "https"}
        )
        with urllib.request.urlopen(home, timeout=30) as response:
            assert response.status == 200
            html = response.read().decode()
        stylesheet = re.search(r'href="(/static/css/newsroom\.[0-9a-f]{12}\.css)"', html)
        assert stylesheet, "the page links the content-hashed stylesheet"
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{stylesheet[1]}",
            headers={"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200
            assert response.headers["Content-Encoding"] == "gzip"
            cache_control = response.headers["Cache-Control"]
            assert "max-age=31536000" in cache_control
            assert "immutable" in cache_control
            assert b"{" in gzip.decompress(response.read())
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                assert response.status == 200
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_master_imports_every_view_and_freezes_them_before_forking():
    """when_ready (after preload_app) leaves the workers nothing to import on their first
    request and their garbage collector nothing to write to in the shared pages. Run in a
    fresh interpreter, as gunicorn's master is once it has imported the application."""
    script = f"""
import gc, json, runpy, sys
from types import SimpleNamespace
import newsroom.wsgi  # what preload_app does
from django.db import connection
config = runpy.run_path({str(CONFIG)!r})
views = ("api.views", "articles.feeds", "articles.views.listing")
before = sorted(m for m in views if m in sys.modules)
config["when_ready"](SimpleNamespace(cfg=SimpleNamespace(preload_app=False)))
untouched = gc.get_freeze_count()
config["when_ready"](SimpleNamespace(cfg=SimpleNamespace(preload_app=True)))
after = sorted(m for m in views if m in sys.modules)
print(json.dumps([before, untouched, after, gc.get_freeze_count(), connection.connection]))
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]},
    )
    before, untouched, after, frozen, open_connection = json.loads(result.stdout.splitlines()[-1])
    assert before == []  # loading the application imports no view yet
    assert untouched == 0  # without preload_app the hook does nothing
    assert after == ["api.views", "articles.feeds", "articles.views.listing"]
    assert frozen > 10_000  # every object of the loaded application
    assert open_connection is None
