"""What the pages stage runs in child processes (``manage.py shell`` in the
benchmark's site): which page of each type to load, VACUUM ANALYZE, and each
page's queries and build time. Each script prints one marked line of JSON.
"""

import json

from .environment import manage

# Runs in a child process (manage.py shell): which page of each type to load.
PICK = """
import json, re
from collections import Counter
from urllib.parse import quote
from django.db.models import Count
from django.urls import reverse
from articles.public import public_organisations, published_articles, visible_quotes

slugs = list(published_articles().values_list("slug", flat=True))
if not slugs:
    raise SystemExit("no published article")
articles = [reverse("articles:article_detail", args=[slug]) for slug in slugs]
def most(rows, field):
    row = rows.exclude(**{field: None}).values(field).annotate(n=Count("id")).order_by("-n").first()
    return row and row[field]
person = most(visible_quotes(), "speaker_person__slug")
organisation = most(visible_quotes(), "speaker_organisation__slug") or (
    public_organisations().order_by("name").values_list("slug", flat=True).first())
tag = most(published_articles(), "tags__slug")
words = Counter()
for headline in published_articles().values_list("headline", flat=True):
    words.update({word.casefold() for word in re.findall(r"[^\\W\\d_]{5,}", headline)})
common = words.most_common(1)[0][0]
rare = min(words, key=lambda word: (words[word], word))
pages = {"article": articles[0], "home": "/", "feed": "/feed/",
    "search_common": f"/search/?q={quote(common)}", "search_rare": f"/search/?q={quote(rare)}"}
if person:
    pages["person"] = reverse("people:person_detail", args=[person])
if organisation:
    pages["organisation"] = reverse("people:organisation_detail", args=[organisation])
if tag:
    pages["tag"] = reverse("articles:tag_detail", args=[tag])
words = {"common": [common, words[common]], "rare": [rare, words[rare]]}
print("PICKED", json.dumps({"pages": pages, "articles": articles, "headline_words": words}))
"""

ANALYZE = """
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
"""

# Runs in a child process: queries for each page rendered afresh, then served cached,
# and the time a page takes to build afresh in one process (RENDERS of it, each at a
# URL the page cache has not seen, as in the cold wrk run), with the part spent in SQL.
COUNT = """
import json, time
from statistics import median
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from articles.cache import empty_page_cache
from articles.models import ArticleEntry, ArticleRender

def forget_stored(name):
    # "built afresh" is from the database: no stored pages or list entries
    # (articles.renders, articles.entries), no kept counts (cache.kept_count), as
    # after an editor's change; "*_stored" from what the first build stored and kept
    if not name.endswith("_stored"):
        ArticleRender.objects.all().delete()
        ArticleEntry.objects.all().delete()
        empty_page_cache()

class SqlTimer:
    def __init__(self):
        self.seconds = 0.0
    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started

def build_afresh(name, path):
    built, in_sql = [], []
    for number in range(RENDERS):
        forget_stored(name)
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            started = time.perf_counter()
            client.get(f"{path}{'&' if '?' in path else '?'}fresh={number}")
            built.append(time.perf_counter() - started)
        in_sql.append(timer.seconds)
    return {"built_ms": median(built) * 1000, "sql_ms": median(in_sql) * 1000}

client = Client(HTTP_HOST="127.0.0.1", headers={"X-Forwarded-Proto": "https"})
counts = {}
for name, path in PAGES.items():
    client.get(path)
    empty_page_cache()
    forget_stored(name)
    with CaptureQueriesContext(connection) as fresh:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as cached:
        client.get(path)
    slowest = max(fresh.captured_queries, key=lambda query: float(query["time"]))
    counts[name] = {"fresh": len(fresh), "cached": len(cached),
        "sql": [query["sql"] for query in fresh.captured_queries],
        "slowest_query": {"ms": float(slowest["time"]) * 1000, "sql": slowest["sql"][:600]},
        **build_afresh(name, path)}
print("COUNTED", json.dumps(counts))
"""

# Stored article pages only: the listing pages keep their stored entries.
FORGET_STORED = "from articles.models import ArticleRender; ArticleRender.objects.all().delete()"
# Stored article pages as they stand 6 hours and a minute after they were stored.
AGE_STORED = """
from datetime import timedelta
from django.db.models import F
from articles.models import ArticleRender
from articles.renders import RENDER_MAX_AGE
ArticleRender.objects.update(rendered_at=F("rendered_at") - RENDER_MAX_AGE - timedelta(minutes=1))
"""


def refresh_statistics(env: dict) -> None:
    """VACUUM ANALYZE a PostgreSQL database, as autovacuum would have done on a live site.

    A database loaded moments ago has no planner statistics yet (and autovacuum
    may be off, as on some test servers): PostgreSQL then guesses 12 published
    articles where there are 10,000 and picks nested loops that take seconds.
    Its GIN indexes also still hold the import in their pending lists, which
    every full-text match reads through (admin search: 66 ms instead of 0.6).
    """
    manage(env, "shell", "--command", ANALYZE)


def _child_json(env: dict, script: str, marker: str) -> dict:
    output = manage(env, "shell", "--command", script)
    return json.loads(output.split(marker, 1)[1])


def pick_pages(env: dict) -> dict:
    """One path per page type ("pages"), every published article's path ("articles",
    for the cold run), and the searched words with the headlines holding each."""
    return _child_json(env, PICK, "PICKED")


def count_queries(env: dict, pages: dict[str, str], renders: int) -> dict[str, dict]:
    """Queries each page makes rendered afresh and served from the cache, and the median
    time (all of it, and in SQL) of ``renders`` builds afresh."""
    return _child_json(env, f"PAGES = {pages!r}\nRENDERS = {renders}\n{COUNT}", "COUNTED")
