"""Production settings come from the environment, and `check --deploy` finds nothing to fix."""

import json
import sys

import pytest

from .production import HOST, manage, production_env, run

# Runs `check --deploy`, then prints its output and the settings an operator's
# variables produce, as Django sees them: one process per environment.
_PROBE = """
import io, json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import SystemCheckError
report = io.StringIO()
try:
    call_command("check", deploy=True, stdout=report, stderr=report)
except SystemCheckError as error:
    report.write(str(error))
print(json.dumps({
    "check --deploy": report.getvalue(),
    "DEBUG": settings.DEBUG,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "SECURE_HSTS_PRELOAD": settings.SECURE_HSTS_PRELOAD,
    "SECURE_PROXY_SSL_HEADER": settings.SECURE_PROXY_SSL_HEADER,
    "CSRF_TRUSTED_ORIGINS": settings.CSRF_TRUSTED_ORIGINS,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": settings.SESSION_COOKIE_HTTPONLY,
    "CSRF_COOKIE_HTTPONLY": settings.CSRF_COOKIE_HTTPONLY,
    "SESSION_ENGINE": settings.SESSION_ENGINE,
    "CACHE_BACKEND": settings.CACHES["default"]["BACKEND"],
    "CONN_MAX_AGE": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "CONN_HEALTH_CHECKS": settings.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "DATABASE_OPTIONS": settings.DATABASES["default"].get("OPTIONS", {}),
    "STATICFILES_BACKEND": settings.STORAGES["staticfiles"]["BACKEND"],
    "MEDIA_STORAGE": type(storages["default"]).__name__,
    "PHOTO_URL": storages["default"].url("people/originals/portrait.jpg"),
    "CSP": settings.CONTENT_SECURITY_POLICY,
}))
"""


def settings_in(env: dict[str, str]) -> dict:
    result = run(
        [sys.executable, "-c", _PROBE], env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


BEHIND_LOAD_BALANCER = {
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "CSRF_TRUSTED_ORIGINS": f"https://{HOST},https://editors.example.org",
    "TRUSTED_PROXY_COUNT": "1",
    "REDIS_URL": "redis://cache.internal.example:6379/0",  # never connected to here
    "AWS_STORAGE_BUCKET_NAME": "newsroom-media",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
    "AWS_ACCESS_KEY_ID": "test-access-key",
    "AWS_SECRET_ACCESS_KEY": "test-secret-key",
}


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The settings of a production process with only the three required variables set."""
    return settings_in(production_env())


@pytest.fixture(scope="module")
def load_balanced_settings() -> dict:
    """The settings of one of several app servers behind a load balancer."""
    return settings_in(production_env(**BEHIND_LOAD_BALANCER))


def allowed_by(url: str, sources: list[str]) -> bool:
    """Whether a CSP source list (origins and path prefixes, no wildcards) allows the URL."""
    return any(url.startswith(src if src.endswith("/") else src + "/") for src in sources)


def test_manage_py_check_deploy_passes_in_production():
    """The operator's own command, failing on warnings too, exits 0 with "no issues"."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout


def test_check_deploy_passes_behind_a_load_balancer_with_redis_and_s3(load_balanced_settings):
    """With the proxy, Redis and bucket variables set, the deploy check still finds nothing."""
    report = load_balanced_settings["check --deploy"]
    assert report.strip() == "System check identified no issues (0 silenced).", report


def test_check_deploy_notices_a_weakened_production_setup():
    """The deploy check is not blind: turning HTTPS redirects off in production fails it."""
    env = production_env(SECURE_SSL_REDIRECT="0")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


def test_production_defaults_are_https_only(production_settings):
    """With only DEBUG=0, SECRET_KEY and ALLOWED_HOSTS: HTTPS redirect, a year of HSTS with
    subdomains and preload, Secure and HttpOnly cookies, media on disk, hashed static files,
    database connections kept for 60 s with health checks."""
    values = production_settings
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    for cookie_flag in (
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_HTTPONLY",
    ):
        assert values[cookie_flag] is True, cookie_flag
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["MEDIA_STORAGE"] == "FileSystemStorage"
    assert values["PHOTO_URL"] == "/media/people/originals/portrait.jpg"
    assert (
        values["STATICFILES_BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert values["CONN_MAX_AGE"] == 60
    assert values["CONN_HEALTH_CHECKS"] is True


ON_POSTGRESQL = (
    "postgres://news@db.internal.example/news?sslmode=require&options=-c%20work_mem%3D8MB"
)


def test_postgresql_sessions_keep_one_plan_for_prepared_statements():
    """On PostgreSQL each session is started with plan_cache_mode=force_generic_plan (the
    article query is planned once), beside the options the database URL gives."""
    options = settings_in(production_env(DATABASE_URL=ON_POSTGRESQL))["DATABASE_OPTIONS"]
    assert options == {
        "sslmode": "require",
        "options": "-c work_mem=8MB -c plan_cache_mode=force_generic_plan",
    }


def test_behind_a_transaction_pooler_sessions_are_started_as_the_url_says():
    """DATABASE_PREPARED_STATEMENTS=0, for PgBouncer in transaction mode (which hands
    queries to any server session and refuses unknown startup options), adds nothing."""
    env = production_env(DATABASE_URL=ON_POSTGRESQL, DATABASE_PREPARED_STATEMENTS="0")
    options = settings_in(env)["DATABASE_OPTIONS"]
    assert options == {"sslmode": "require", "options": "-c work_mem=8MB"}


def test_behind_a_load_balancer_everything_shared_comes_from_the_environment(
    load_balanced_settings,
):
    """The proxy's HTTPS header, trusted origins, the Redis cache and sessions, and S3 media
    are all switched on by variables; photo URLs point at the bucket and the CSP allows them."""
    values = load_balanced_settings
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["CSRF_TRUSTED_ORIGINS"] == [f"https://{HOST}", "https://editors.example.org"]
    assert values["CACHE_BACKEND"] == "newsroom.redis_cache.RedisCache"
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert values["MEDIA_STORAGE"] == "S3Storage"
    assert values["PHOTO_URL"].startswith("https://objects.example.net/newsroom-media/")
    assert "X-Amz-Signature" not in values["PHOTO_URL"], "cached pages need URLs that never expire"
    assert allowed_by(values["PHOTO_URL"], values["CSP"]["DIRECTIVES"]["img-src"])


@pytest.mark.parametrize(
    "layout",
    [
        {"region_name": "eu-west-2", "addressing_style": "virtual"},
        {"region_name": "eu-west-2", "addressing_style": "path"},
        {"endpoint_url": "https://fra1.spaces.example", "addressing_style": "virtual"},
        {"custom_domain": "media.example.org"},
    ],
    ids=["aws-virtual-host", "aws-path-style", "endpoint-virtual-host", "cdn"],
)
def test_photos_in_any_bucket_layout_are_allowed_by_the_csp_and_other_buckets_are_not(layout):
    """Whatever URL the S3 client builds for a photo, the pages' img-src allows it, while
    another bucket on the same host stays blocked."""
    from storages.backends.s3 import S3Storage

    from newsroom.settings import media_sources

    storage = S3Storage(
        bucket_name="newsroom-media",
        querystring_auth=False,
        access_key="test-access-key",
        secret_key="test-secret-key",
        **layout,
    )
    photo_url = storage.url("people/originals/portrait.jpg")
    img_src = media_sources(
        "newsroom-media",
        endpoint_url=layout.get("endpoint_url"),
        region=layout.get("region_name"),
        custom_domain=layout.get("custom_domain"),
    )
    assert allowed_by(photo_url, img_src), (photo_url, img_src)
    if "custom_domain" not in layout:  # a CDN domain serves one bucket only
        other_bucket = photo_url.replace("newsroom-media", "someone-else")
        assert not allowed_by(other_bucket, img_src), (other_bucket, img_src)


def test_development_keeps_plain_http_working():
    """With DEBUG on (make run) nothing forces HTTPS: no redirect, no HSTS, cookies over HTTP."""
    values = settings_in(production_env(DEBUG="1"))
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["CSRF_COOKIE_SECURE"] is False


def test_the_content_security_policy_allows_only_our_own_scripts_and_styles(production_settings):
    """No inline or third-party script or style, no plugins, no framing, no <base> hijack."""
    directives = production_settings["CSP"]["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]


def test_a_malformed_number_is_a_clear_startup_error():
    """A typo in a numeric variable stops start-up with a message naming the variable."""
    env = production_env(LOGIN_FAILURE_LIMIT="five")
    result = run([sys.executable, "-c", "import newsroom.settings"], env=env)
    assert result.returncode != 0
    assert "LOGIN_FAILURE_LIMIT must be a whole number, got 'five'" in result.stderr
