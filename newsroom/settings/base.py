"""Settings shared by every environment. Everything secret or machine-specific
comes from the environment (see README "Configuration")."""

import datetime
from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    # Project apps: reference entities first, the releases that tie them together second.
    "accounts",
    "agencies",
    "articles",
    "reports",
    "api",
    "importer",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# DATABASE_URL: postgres://user:pass@host:5432/name in production and tests,
# sqlite:///path for the zero-setup `make run`.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian first, English second. Each language is named in its own language
# (as the switcher in base.html shows it), whatever the interface language.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Releases per page on public lists.
ARTICLES_PER_PAGE = 20

# --- Editorial workflow and login throttling (issue #4) --------------------------
# django-axes first: it refuses logins while a username+IP pair is locked out.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Behind N reverse proxies that append to X-Forwarded-For, set LOGIN_THROTTLE_PROXY_COUNT=N
# so lockouts are per client address, not per proxy (accounts.backends.client_ip).
AXES_CLIENT_IP_CALLABLE = "accounts.backends.client_ip"
LOGIN_THROTTLE_PROXY_COUNT = env_int("LOGIN_THROTTLE_PROXY_COUNT", 0)
# Largest image an editor may upload with a release.
ARTICLE_IMAGE_MAX_BYTES = 5 * 1024 * 1024
# --- Reports and exports (issue #5) ---------------------------------------------
# How long the figures of a monthly report are kept per user, month and filters
# (seconds; 0 = always computed afresh). The cache is Django's default cache.
REPORTS_CACHE_SECONDS = int(env_str("REPORTS_CACHE_SECONDS", "300"))

# --- Open data API (issue #6): api/, docs/api.md ---------------------------------------
_API_NUM_PROXIES = env_int("API_NUM_PROXIES", -1)
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["api.filters.NewsroomFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.EntityPagination",
    "DEFAULT_SCHEMA_CLASS": "api.schema.NewsroomAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonBurstRateThrottle",
        "api.throttling.AnonSustainedRateThrottle",
    ],
    # Per client IP, anonymous clients only; documented in docs/api.md.
    "DEFAULT_THROTTLE_RATES": {
        "anon_burst": env_str("API_ANON_BURST_RATE", "120/min"),
        "anon_sustained": env_str("API_ANON_SUSTAINED_RATE", "5000/day"),
    },
    # Behind N reverse proxies the client address is taken from X-Forwarded-For;
    # unset (-1) means REMOTE_ADDR is the client.
    "NUM_PROXIES": _API_NUM_PROXIES if _API_NUM_PROXIES >= 0 else None,
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom open data API",
    "DESCRIPTION": (
        "Read-only JSON for the archive of Indonesian government press releases: "
        "releases, regions, agencies, officials, events and topics. See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI's assets come from drf-spectacular-sidecar, served by the project.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No call to the public swagger.io validator.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "RegionKindEnum": "agencies.models.RegionKind",
        "AgencyKindEnum": "agencies.models.AgencyKind",
        "EventKindEnum": "articles.models.EventKind",
    },
}
# CORS: any origin may read the API; nothing else on the site is shared.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
# Conditional requests from another origin's scripts (they are not CORS-safelisted).
CORS_ALLOW_HEADERS = [
    "accept",
    "accept-language",
    "content-language",
    "if-modified-since",
    "if-none-match",
]
# How long the public-release counts of officials and topics are cached (seconds; 0 = never).
API_COUNT_CACHE_SECONDS = env_int("API_COUNT_CACHE_SECONDS", 300)
# --- Importer (issue #7) ------------------------------------------------------
# Largest release file an editor may upload on the admin import page.
IMPORTER_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# --- Production and scale-out (issue #8, app `ops`) ----------------------------------
# Every value comes from the environment; the defaults keep `make run` and the tests
# working on one machine with no Redis, no replica and no object storage.
from csp.constants import NONCE, NONE, SELF  # noqa: E402
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from .env import env_int  # noqa: E402

INSTALLED_APPS += ["csp", "ops"]
# Request ids first (every response and log line has one, probes included), then the
# probes (before host checks and the HTTPS redirect), then the read routing that the
# database router consults; the CSP header on every response.
MIDDLEWARE = [
    "ops.middleware.RequestIdMiddleware",
    "ops.middleware.HealthProbeMiddleware",
    "ops.middleware.RejectNulMiddleware",
    "ops.middleware.ReadRoutingMiddleware",
    *MIDDLEWARE[:1],
    "csp.middleware.CSPMiddleware",
    *MIDDLEWARE[1:],
]

# The admin's path: a non-default one keeps password-guessing bots off the login page.
ADMIN_URL = (env_str("ADMIN_URL", "admin/").strip("/") or "admin") + "/"

# Read replicas: DATABASE_REPLICA_URLS=postgres://…,postgres://… become the aliases
# replica_1, replica_2…; ops.router sends public reads there, everything else to default.
DATABASE_REPLICAS = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    _alias = f"replica_{_number}"
    DATABASES[_alias] = {
        **dj_database_url.parse(_url, conn_max_age=60, conn_health_checks=True),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_REPLICAS.append(_alias)
DATABASE_ROUTERS = ["ops.router.PrimaryReplicaRouter"]
# How long a client that has just written reads from the primary (replication lag bound).
REPLICA_LAG_SECONDS = env_int("REPLICA_LAG_SECONDS", 10)
RECENT_WRITE_COOKIE = "newsroom_recent_write"

# Shared cache: Redis when REDIS_URL is set (every app server sees the same counts and
# fragments), local memory otherwise (one process, tests, `make run`).
if env_str("REDIS_URL", ""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL"),
            "KEY_PREFIX": "newsroom",
            "TIMEOUT": 900,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions live in the database by default (shared by every app server, never on local
# disk); SESSION_STORE=cache keeps them in Redis with the database behind it.
_SESSION_ENGINES = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cached_db",
}
if env_str("SESSION_STORE", "db") not in _SESSION_ENGINES:
    raise ImproperlyConfigured("SESSION_STORE must be 'db' or 'cache'.")
SESSION_ENGINE = _SESSION_ENGINES[env_str("SESSION_STORE", "db")]

# Uploaded media on S3-compatible object storage when a bucket is named, local disk otherwise.
if env_str("AWS_STORAGE_BUCKET_NAME", ""):
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
                "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
                "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
                "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN", "") or None,
                "default_acl": None,
                "querystring_auth": False,
                "file_overwrite": False,
            },
        },
    }
# Hashed static names (ManifestStaticFilesStorage) are cached for a year by whitenoise;
# unhashed ones for an hour.
WHITENOISE_MAX_AGE = 3600

# Where uploaded media are served from when that is not this site (object storage).
_MEDIA_ORIGINS = [
    f"https://{domain}"
    for domain in [env_str("AWS_S3_CUSTOM_DOMAIN", "")]
    if domain and env_str("AWS_STORAGE_BUCKET_NAME", "")
]
if env_str("AWS_STORAGE_BUCKET_NAME", "") and not _MEDIA_ORIGINS:
    _MEDIA_ORIGINS = [env_str("AWS_S3_ENDPOINT_URL", "") or "https://*.amazonaws.com"]

# Strict Content-Security-Policy on every response (django-csp 4). No inline script or
# style unless it carries the request's nonce ({{ request.csp_nonce }}).
CSP_SIMPLE_HISTORY_STYLE = "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # 'unsafe-hashes' + one hash: exactly the style attribute `border-top: 0` that
        # django-simple-history's history page writes (nothing else inline is allowed).
        "style-src": [SELF, NONCE, "'unsafe-hashes'", CSP_SIMPLE_HISTORY_STYLE],
        # Uploaded images may live on the object storage's own domain.
        "img-src": [SELF, "data:", *_MEDIA_ORIGINS],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Probes answer over plain HTTP so a load balancer can reach them (see ops.health).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Statements slower than this are logged by ops.slow_queries (logger "ops.slow_query").
SLOW_QUERY_MS = env_int("SLOW_QUERY_MS", 100)

# JSON lines on stderr with the request id; LOG_LEVEL for the project's own loggers.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ops.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "ops.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "ops": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # django-axes logs every start-up and reset at INFO; lockouts are WARNING.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
