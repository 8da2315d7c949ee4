"""What every worker would otherwise do on its first request, done once where the site
is loaded (``newsroom.wsgi``).

With gunicorn's ``preload_app`` (gunicorn.conf.py) that is the master process, before it
forks the workers: they start with it done and share its memory. Without it, each
worker does it while loading, before it accepts a connection. Either way no reader's
request waits for it.

A fresh worker took 95–140 ms over its first page instead of 3–13 ms: importing the
URLconf and every view behind it (30 ms), the Redis client library (71 ms), compiling
the templates (28 ms). Under load, the requests queued behind that first one waited
too: with workers replaced every 400 requests (``GUNICORN_MAX_REQUESTS``, 50,000 as
deployed), the cold search page's p99 at 16 connections was 305–324 ms instead of
112–139 with no restart; warmed here, it is 163–173 ms. A release, which starts new
workers, did the same to the first readers.

Nothing here opens a connection: a database or Redis connection made before a fork
would be shared by every worker.
"""

from pathlib import Path

from django.core.cache import caches
from django.db import connections
from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.urls import get_resolver

# What the project's template folders hold; anything else there (an editor's swap
# file, a .DS_Store) is not compiled, so it cannot stop the site from starting.
TEMPLATE_SUFFIXES = {".html", ".txt", ".xml"}


def warm_up() -> None:
    """Import the URLconf and its views, create the cache clients and compile the
    project's templates; leave no database connection open."""
    _load_urls()
    _create_cache_clients()
    _compile_templates()
    connections.close_all()  # in case anything above queried: never inherited by a fork


def _load_urls() -> None:
    """Import every URLconf module and view, and build the reverse lookups of each
    namespace, which ``reverse()`` and ``{% url %}`` otherwise build on first use."""
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 (the property imports them)
    pending = [resolver]
    while pending:
        current = pending.pop()
        current.reverse_dict  # noqa: B018 (the property builds it)
        pending.extend(namespaced for _prefix, namespaced in current.namespace_dict.values())


def _create_cache_clients() -> None:
    """Each cache and its client, which imports its library (Redis: 61 modules).
    The Redis client connects on its first command, not here."""
    for cache in caches.all(initialized_only=False):
        getattr(cache, "_cache", None)  # Django's Redis and Memcached client


def _compile_templates() -> None:
    """Every template in the project's template folders (``TEMPLATES["DIRS"]``), into the
    cached loader of its engine; the admin's and other apps' stay loaded on first use."""
    for engine in engines.all():
        if not isinstance(engine, DjangoTemplates):
            continue
        for folder in map(Path, engine.engine.dirs):
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.suffix in TEMPLATE_SUFFIXES:
                    engine.get_template(path.relative_to(folder).as_posix())
