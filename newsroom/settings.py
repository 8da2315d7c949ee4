"""Settings for Newsroom, read from the environment.

One module serves development, tests and production: what differs between
them comes from environment variables, never from a copied settings file.
See the README ("Environment variables") for the full list.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY environment variable is required when DEBUG is off.")
    # Only ever used on a developer's machine: DEBUG on and no key given.
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS environment variable is required when DEBUG is off "
        "(comma-separated host names, e.g. news.example.org)."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "taggit",
    "simple_history",
    "articles",
    "people",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached public pages are answered here, before sessions, auth and the
    # rest; the page it stores is the one the middleware below produced, so a
    # hit sends the same headers (CSP, X-Frame-Options…). See articles/page_cache.py.
    "articles.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its 429 page.
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
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# SQLite file in the project folder unless DATABASE_URL points elsewhere
# (postgres://user:password@host:5432/name).
# An empty DATABASE_URL (a blank line in an env file) means the default too.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while an import writes; the timeout makes a
    # second writer wait for the lock instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# The article page's query is prepared once per PostgreSQL connection (see
# newsroom/db.py). Off (0) behind a pooler in transaction mode, such as
# PgBouncer's, which may hand the next query to another server session.
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
if DATABASE_PREPARED_STATEMENTS and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Plan a prepared statement once, not for each value it is run with (which
    # PostgreSQL chose for that query, and which took twice its running time).
    # Only statements prepared by newsroom/db.py are affected: psycopg2 prepares none.
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    database_options["options"] = " ".join(
        filter(None, [database_options.get("options"), "-c plan_cache_mode=force_generic_plan"])
    )

# Each worker also serves the pages it last found in the shared cache from its own
# memory, asking Redis again after this many seconds (articles/page_cache.py). A
# change then reaches the other workers' readers within it; 0 turns this off.
PAGE_CACHE_LOCAL_SECONDS = 1.0
PAGE_CACHE_LOCAL_PAGES = 200  # pages each process keeps (article pages are ~30 KB)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when REDIS_URL is set (shared by every app server), otherwise a
# per-process memory cache that is fine for one developer. Django's own Redis
# backend, reusing its Redis client (see newsroom/redis_cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The name readers see in page titles, feeds and structured data.
SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")

TAGGIT_CASE_INSENSITIVE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# ---------------------------------------------------------------------------
# Production: media storage, HTTPS behind a load balancer, security headers,
# login throttling. Everything is read from the environment; the README's
# "Deploy" section lists the variables. With DEBUG on (development) the
# defaults keep plain-HTTP runserver working.
# ---------------------------------------------------------------------------

# Uploaded media go to MEDIA_ROOT unless a bucket is named: then to any
# S3-compatible store (AWS, MinIO, Ceph, Spaces…) so every app server sees
# the same files. Credentials come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (or the instance role), read by boto3 itself.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL,
            "region_name": AWS_S3_REGION_NAME,
            "custom_domain": AWS_S3_CUSTOM_DOMAIN,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            # Pages are cached, so photo URLs must not expire: the bucket (or
            # its CDN) serves media publicly unless this is switched on.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", default=False),
            # Never replace an editor's upload that happens to share a name.
            "file_overwrite": False,
        },
    }


def media_sources(
    bucket: str, *, endpoint_url: str | None, region: str | None, custom_domain: str | None
) -> list[str]:
    """CSP sources, other than our own origin, that serve the bucket's images."""
    if not bucket:
        return []
    if custom_domain:
        return [f"https://{custom_domain}"]
    scheme, hosts = "https", ["s3.amazonaws.com"]
    if endpoint_url:
        scheme, hosts = urlsplit(endpoint_url).scheme, [urlsplit(endpoint_url).netloc]
    elif region:
        hosts.append(f"s3.{region}.amazonaws.com")
    # Virtual-hosted URLs put the bucket in the host name, path-style ones in the path.
    return [f"{scheme}://{source}" for h in hosts for source in (f"{bucket}.{h}", f"{h}/{bucket}/")]


# Behind a load balancer that terminates TLS, Django sees plain HTTP; the
# balancer's header (by default X-Forwarded-Proto: https) says the visitor
# used HTTPS. Only set it when the balancer always overwrites that header.
if proxy_ssl_header := os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip():
    header_name, _, header_value = proxy_ssl_header.partition("=")
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + header_name.strip().upper().replace("-", "_"),
        header_value.strip() or "https",
    )
# Full origins (https://news.example.org) allowed to POST forms, for when the
# balancer changes the Host header or editors use a second domain.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Cookies travel over HTTPS only in production; no script ever reads them.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if REDIS_URL:
    # Sessions read from Redis, written through to the database: fast, and a
    # Redis restart logs nobody out. Shared by every app server either way.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Content-Security-Policy (django-csp 4 format). Scripts and styles only from
# our own files: no inline script or style, which Django admin respects too.
# JSON-LD blocks are data, not scripts, so the policy does not touch them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [
            SELF,
            *media_sources(
                AWS_STORAGE_BUCKET_NAME,
                endpoint_url=AWS_S3_ENDPOINT_URL,
                region=AWS_S3_REGION_NAME,
                custom_domain=AWS_S3_CUSTOM_DOMAIN,
            ),
            *env_list("CSP_EXTRA_IMG_SRC"),
        ],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
if csp_report_uri := os.environ.get("CSP_REPORT_URI", "").strip():
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = [csp_report_uri]

# Admin login throttling (django-axes): after LOGIN_FAILURE_LIMIT failed
# logins from one client address, that address may not log in, even with the
# right password, until LOGIN_COOLOFF_MINUTES pass without another try.
# Attempts live in the database, so every app server counts the same ones.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
# Log lockouts with only the address they apply to, and skip the start-up
# banner that would otherwise print before every management command.
AXES_VERBOSE = False
# The client address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the
# address the outermost one appended to X-Forwarded-For. Entries to the left
# of it were written by the client and could be forged to dodge the limit.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT > 0:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # django-ipware counts the proxies *listed* in the header, which is one
    # fewer than the proxies in front of us (the nearest is REMOTE_ADDR).
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    # Take that address even when the client prepended forged entries.
    IPWARE_STRICT = False
