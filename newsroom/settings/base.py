"""Settings shared by every environment. Everything secret or machine-specific
comes from the environment (see README "Configuration")."""

import datetime
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

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

# Indonesian first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
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
# --- Importer (issue #7) ------------------------------------------------------
# Largest release file an editor may upload on the admin import page.
IMPORTER_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
