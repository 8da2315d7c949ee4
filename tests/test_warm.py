"""The site warmed where it is loaded (newsroom/warm.py, called by newsroom/wsgi.py), so
that a new worker's first request does not import, build and compile it all first.

Each test loads the WSGI application in a fresh interpreter, as gunicorn's master does
before it forks the workers, and reports what a first request would still have to do.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Loads the site, then does what a first request does outside the database (resolving
# and reversing addresses, loading templates, taking the cache's client) and reports
# what that imported or compiled.
FIRST_REQUEST_WORK = """
import json, sys
from pathlib import Path
import newsroom.wsgi
from django.core.cache import cache
from django.db import connections
from django.template import engines
from django.template.loader import get_template
from django.urls import get_resolver, resolve, reverse

engine = engines["django"]
cached_loader = engine.engine.template_loaders[0]
open_connections = [each.alias for each in connections.all() if each.connection is not None]
modules, compiled = set(sys.modules), set(cached_loader.get_template_cache)
redis_client = getattr(cache, "_cache", None)

resolve("/")
resolve("/search/")
for name in ("articles:home", "articles:search", "articles:feed", "people:person_list"):
    reverse(name)
folder = Path(engine.engine.dirs[0])
names = [
    path.relative_to(folder).as_posix()
    for path in folder.rglob("*")
    if path.is_file() and path.suffix in {".html", ".txt", ".xml"}
]
for name in names:
    get_template(name)

print(json.dumps({
    "imported": sorted(set(sys.modules) - modules),
    "compiled": sorted(set(cached_loader.get_template_cache) - compiled),
    "templates": len(names),
    "open_connections": open_connections,
    "redis_loaded": "redis" in modules,
    "redis_pools": len(getattr(redis_client, "_pools", {})),
}))
"""


def _first_request_work(**env: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_REQUEST_WORK],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_first_request_finds_the_urls_views_and_templates_ready():
    """Once the site is loaded, resolving and reversing addresses imports no module
    (the URLconf and every view are in) and no project template is compiled again."""
    work = _first_request_work(REDIS_URL="")
    assert work["templates"] > 10  # the project's templates were all asked for
    assert work["compiled"] == []
    project = [name for name in work["imported"] if name.split(".")[0] in {"articles", "people"}]
    assert project == []
    assert [name for name in work["imported"] if name.startswith("django.")] == []


def test_a_stray_file_among_the_templates_does_not_stop_the_site():
    """An editor's swap file or a .DS_Store in a template folder is not a template:
    loading the site skips it rather than failing to start."""
    stray = ROOT / "templates" / ".base.html.swp"
    stray.write_bytes(b"\x00\xffnot a template {% broken")
    try:
        work = _first_request_work(REDIS_URL="")
    finally:
        stray.unlink()
    assert work["compiled"] == []


def test_the_redis_client_is_loaded_but_not_connected_before_workers_fork():
    """With Redis as the cache its client library is loaded with the site, but no
    connection pool (so no connection) exists yet: one made in gunicorn's master would
    be shared by every worker it forks. No database connection is left open either."""
    work = _first_request_work(REDIS_URL="redis://127.0.0.1:6379/15")
    assert work["redis_loaded"]
    assert work["redis_pools"] == 0
    assert work["open_connections"] == []
