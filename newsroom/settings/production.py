"""Production: refuses to start without a real SECRET_KEY, host names and a PostgreSQL
DATABASE_URL, or with DEBUG on."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str

SECRET_KEY = env_str("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-"):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")
DEBUG = env_bool("DEBUG", False)
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's host names.")
# base.py falls back to a local SQLite file for `make run`; in production that would
# silently serve an empty archive from one machine's disk.
env_str("DATABASE_URL")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":  # noqa: F405
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://…).")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
X_FRAME_OPTIONS = "DENY"

# --- Hardening (issue #8) ----------------------------------------------------------------
# Behind a TLS-terminating proxy/load balancer that sets X-Forwarded-Proto (see
# docs/deploy.md); the probes stay reachable over HTTP (SECURE_REDIRECT_EXEMPT in base).
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Keep connections to PostgreSQL between requests; health-checked before reuse.
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 60)
for _database in DATABASES.values():  # noqa: F405
    _database["CONN_MAX_AGE"] = CONN_MAX_AGE
STATIC_ROOT = env_str("STATIC_ROOT", str(STATIC_ROOT))  # noqa: F405
# Hashed, compressed static files (collectstatic at deploy); whitenoise serves hashed
# names with a one-year immutable Cache-Control.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
