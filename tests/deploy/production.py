"""Helpers for tests that start Django or gunicorn in a production-like environment.

Settings are read once, at start-up, from the environment, so these tests run
a fresh Python process with the variables an operator would set.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
HOST = "news.example.org"

# Variables the settings or gunicorn.conf.py read: a developer's shell must not
# leak them into a test that describes its own environment.
_OURS = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "DATABASE_PREPARED_STATEMENTS",
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
    "CONN_MAX_AGE",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "CSRF_TRUSTED_ORIGINS",
    "TRUSTED_PROXY_COUNT",
    "FORWARDED_ALLOW_IPS",
    "WEB_CONCURRENCY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)
_OUR_PREFIXES = ("SECURE_", "AWS_", "CSP_", "LOGIN_", "GUNICORN_")


def production_env(**overrides: str) -> dict[str, str]:
    """The environment of a production process: DEBUG off, a real key, one host name."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in _OURS and not name.startswith(_OUR_PREFIXES)
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        DATABASE_URL="sqlite:///:memory:",
    )
    env.update(overrides)
    return env


def run(args: list[str], env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    """Run a command in the project folder and capture what it prints."""
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return run([sys.executable, "manage.py", *args], env=env)


def csp_directives(header: str) -> dict[str, list[str]]:
    """Split a Content-Security-Policy header into {directive: [sources]}."""
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives
