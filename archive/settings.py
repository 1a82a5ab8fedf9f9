"""Good Reason settings: one module; every deployment difference is an environment variable.

Local defaults need nothing installed (SQLite, local-memory cache, DEBUG on). Production sets
SECRET_KEY, DEBUG=0, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    return (
        [item.strip() for item in value.split(",") if item.strip()]
        if value
        else default
    )


# DJANGO_ENV=production turns on every production default below (DEBUG off, HTTPS only,
# HSTS, secure cookies, hashed static files); each can still be set on its own.
PRODUCTION = os.environ.get("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only"  # never used with DEBUG off
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "videos.apps.TagsConfig",  # taggit, labelled "Tags" in the admin
    "simple_history",
    "csp",
    "videos.apps.SignInAttemptsConfig",  # django-axes, labelled plainly
    "videos",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A database outage answers 503 with Retry-After instead of a bare 500.
    "videos.web.outage.DatabaseOutageMiddleware",
    "csp.middleware.CSPMiddleware",
    "videos.web.middleware.QueryStringLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # `make run` (DEBUG on) shows the archive's own 404 page, as production does.
    "videos.pages.errors.ArchiveNotFoundInDebug",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which editor made each change in the revision history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: locks out repeated failed admin logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hour
# A failed login counts against that username from that address: a stranger can't lock
# an editor out from elsewhere. The address is the client's as the trusted proxies in
# front of the app servers saw it (docs/deploy.md), never one a client wrote itself.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "videos.web.client_address.client_address"
AXES_RESET_ON_SUCCESS = True

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # An unreachable database server fails a request in seconds (a 503), not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# A cache must never hold a page up (issue 12): Redis refusing answers at once, and a
# frozen or unreachable one costs at most this per call before the page renders uncached.
REDIS_TIMEOUT_SECONDS = float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.1"))


def redis_caches(url):
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "goodreason"),
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
            },
        },
        # Each process's own copies of cached pages, in front of Redis (page_cache.py).
        "local": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 500},
        },
    }


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production collects static files here (collectstatic) and WhiteNoise serves them
# compressed and hashed; elsewhere WhiteNoise serves them straight from static/.
STATIC_ROOT = (
    Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
    if PRODUCTION or "STATIC_ROOT" in os.environ
    else None
)
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Uploaded stills: bigger files are refused before Pillow sees them.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES

TAGGIT_CASE_INSENSITIVE = True
SIMPLE_HISTORY_REVERT_DISABLED = False

# Background jobs: CSV imports, archive restores, thumbnails (videos/editorial/queue.py).
# "rq": on Redis, run by `manage.py rqworker --with-scheduler` (the default with
# REDIS_URL); "thread": in the web process, after the response (`make run`, no Redis).
JOB_RUNNER = os.environ.get("JOB_RUNNER", "rq" if REDIS_URL else "thread")
JOB_QUEUE_URL = os.environ.get("JOB_QUEUE_URL", REDIS_URL or "redis://127.0.0.1:6379/0")
JOB_QUEUE_NAME = os.environ.get("JOB_QUEUE_NAME", "default")
# An import of a large file may take minutes; RQ stops a job that takes longer.
JOB_TIMEOUT_SECONDS = int(os.environ.get("JOB_TIMEOUT_SECONDS", "7200"))
# A thumbnail that could not be drawn is tried again after each of these delays.
JOB_RETRY_DELAYS = [60, 600, 3600]
if JOB_RUNNER == "rq":
    INSTALLED_APPS.append("django_rq")  # `manage.py rqworker` and the queues' dashboard
    RQ_QUEUES = {
        JOB_QUEUE_NAME: {"URL": JOB_QUEUE_URL, "DEFAULT_TIMEOUT": JOB_TIMEOUT_SECONDS}
    }

TIMELINE_PAGE_SIZE = int(os.environ.get("TIMELINE_PAGE_SIZE", "50"))
# How long a rendered public page may be served from the cache (0 turns caching off).
# Entries never go stale: any editor's change retires them all (videos/web/page_cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Each address's last rendered page is kept this long, to be served while the database is
# unreachable (otherwise such a request answers 503).
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("PAGE_CACHE_STALE_SECONDS", "86400"))
# After a cache fails, pages skip it for this long, then try it again.
CACHE_RETRY_SECONDS = float(os.environ.get("CACHE_RETRY_SECONDS", "5"))
# A database outage answers 503 with this Retry-After (videos/web/outage.py).
OUTAGE_RETRY_AFTER_SECONDS = int(os.environ.get("OUTAGE_RETRY_AFTER_SECONDS", "30"))

# How long an editor's share link to a draft can be read without logging in
# (videos/editorial/share.py).
SHARE_LINK_MAX_AGE = timedelta(days=int(os.environ.get("SHARE_LINK_DAYS", "7")))

# Security headers. Scripts come only from this site (there are none inline); styles may
# use inline attributes, which the timeline uses for each technique's colour.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        # The click-to-load player frames only these, after a click (videos/pages/player.py).
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", PRODUCTION)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
if env_bool("BEHIND_TLS_PROXY", False):
    # The load balancer terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
