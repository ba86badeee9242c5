"""newsroom.settings.production: refuses to start unsafely, passes check --deploy with
zero warnings, and sends the security headers and cookies on real responses."""

import importlib
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import Client, override_settings

PRODUCTION = "newsroom.settings.production"


def production_env(**overrides):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": PRODUCTION,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "newsroom.example.id",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://newsroom@127.0.0.1/newsroom"),
        "DEBUG": "false",
        # Set in this process by the browser fixture (Playwright's event loop); a real
        # deployment never has it, and check --deploy rightly refuses it (async.E001).
        "DJANGO_ALLOW_ASYNC_UNSAFE": None,
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_zero_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("overrides", "complaint"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY is required"),
        ({"SECRET_KEY": "too-short"}, "at least 50 characters"),
        ({"SECRET_KEY": "dev-" + "x" * 60}, "at least 50 characters"),
        ({"DEBUG": "true"}, "DEBUG must be off"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must name"),
        ({"DATABASE_URL": None}, "DATABASE_URL is required"),
        ({"DATABASE_URL": "sqlite:////tmp/newsroom.sqlite3"}, "must point at PostgreSQL"),
    ],
)
def test_production_refuses_to_start_unsafely(overrides, complaint):
    result = manage("check", env=production_env(**overrides))
    assert result.returncode != 0
    assert complaint in result.stderr


@pytest.fixture
def production_settings(monkeypatch):
    """The production module's security settings, applied to this test process."""
    for key, value in production_env().items():
        monkeypatch.setenv(key, value)
    module = importlib.reload(importlib.import_module(PRODUCTION))
    names = [
        name
        for name in dir(module)
        if name.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_"))
        or name in {"CONTENT_SECURITY_POLICY", "X_FRAME_OPTIONS", "ADMIN_URL"}
    ]
    with override_settings(**{name: getattr(module, name) for name in names}):
        yield module


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(client, production_settings):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(client, production_settings):
    for path in ("/", "/no-such-page/"):
        response = client.get(path, secure=True)
        assert response.status_code in (200, 404)
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        policy = dict(
            directive.strip().split(" ", 1)
            for directive in response["Content-Security-Policy"].split(";")
        )
        assert policy["default-src"] == "'self'"
        assert policy["object-src"] == "'none'"
        assert policy["base-uri"] == "'none'"
        assert policy["frame-ancestors"] == "'none'"
        assert "'unsafe-inline'" not in policy["script-src"]


@pytest.mark.django_db
def test_cookies_are_host_prefixed_secure_and_http_only(client, production_settings):
    response = client.get(f"/{production_settings.ADMIN_URL}login/", secure=True)
    assert response.status_code == 200
    csrf = response.cookies["__Host-csrftoken"]
    assert csrf["secure"]
    assert csrf["httponly"]
    assert csrf["path"] == "/"
    assert not csrf["domain"]  # __Host- cookies must not name a domain

    response = Client(enforce_csrf_checks=True).post(
        f"/{production_settings.ADMIN_URL}login/",
        {"username": "nobody", "password": "wrong-password"},
        secure=True,
    )
    assert response.status_code == 403  # no CSRF token: refused, nothing else happens
    assert production_settings.SESSION_COOKIE_NAME == "__Host-sessionid"
    assert production_settings.SESSION_COOKIE_SECURE
    assert production_settings.SESSION_COOKIE_HTTPONLY


def test_the_admin_path_comes_from_the_environment():
    code = (
        "import django; django.setup(); from django.urls import reverse; "
        "print(reverse('admin:index'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=production_env(ADMIN_URL="/kantor-redaksi-7c1/"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "/kantor-redaksi-7c1/"


def test_the_only_inline_style_allowed_is_simple_historys_attribute():
    """style-src allows one hashed style attribute ('unsafe-hashes'): the one on
    django-simple-history's history page. If an upgrade changes it, this fails before
    the browser sweep (tests/ops/test_csp_sweep.py) does."""
    import base64
    import hashlib
    import re
    from pathlib import Path

    import simple_history

    template = Path(simple_history.__file__).parent / (
        "templates/simple_history/object_history_list.html"
    )
    attributes = re.findall(r'style="([^"]*)"', template.read_text())
    hashes = {
        f"'sha256-{base64.b64encode(hashlib.sha256(a.encode()).digest()).decode()}'"
        for a in attributes
    }
    style_src = django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert hashes == {django_settings.CSP_SIMPLE_HISTORY_STYLE}
    assert [s for s in style_src if str(s).startswith("'sha256-")] == list(hashes)
    assert "'unsafe-inline'" not in style_src
