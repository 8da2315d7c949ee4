"""Public pages under wrk: requests/s and latency, cold and warm, against a static file.

gunicorn (2 workers, gunicorn.conf.py as deployed) serves ``context.site_database``
on 127.0.0.1 with DEBUG off, hashed static files and the page cache of
``context.redis_url`` (per-process memory when empty: then each worker keeps
its own copy of a page, and "warm" means warm in both workers). wrk runs with
2 threads and ``context.connections`` connections for ``context.seconds`` each,
through bench/pages.lua, which counts every status so a redirect or an error
page never passes for a page.

- Baseline: the site's hashed stylesheet served by the same gunicorn and
  WhiteNoise, measured before and after the pages; each page's requests/s is
  given as a share of the mean of the two.
- Cold: every request asks for a URL no request asked for before (the lua
  script adds a never-repeated query parameter, which the views ignore and the
  page cache keys on), so each one is rendered from the database, as after an
  editor's save emptied the cache. The article page also cycles through every
  published article, so the rows differ as they would for many readers. Its
  pages' parts are stored first (``render_articles``, timed in a row of its
  own), as the site keeps them (articles.renders); a last cold run, "nothing
  stored", deletes them all first, so each request builds its page from the
  database and stores it.
- Warm: one URL per page type, requested a few times first so both workers
  hold it, then under load: the page cache answers.
- Search pages are never cached, so they are measured once.

Queries per page come from a child process: Django's test client with
``CaptureQueriesContext``, the page cache emptied before each page, after one
unmeasured request (so one-off start-up queries are not counted). "Built
afresh" is from the database (stored article parts deleted first); the article
page is also counted and timed from its stored parts. The same child
times each page built afresh a few times, at URLs the cache has not seen, and how
much of that was SQL: the cost of a cold request to a worker, without wrk's queue.

A PostgreSQL database is VACUUM ANALYZEd first (see ``refresh_statistics``). gunicorn
keeps its deployed ``max_requests`` (50,000 plus jitter): at warm rates each worker
reaches it about once a run, and the replacements (counted in a row of their own)
show in p99 as they would on a busy site.
"""

import http.client
import json
import re
import shutil
import socket
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import mean

from .context import Context, Row, StageResult
from .environment import BenchError, gunicorn, manage, production_env, wrk

WORKERS = 2
MAX_QUERIES = 10
# Builds afresh timed per page type, in one process: the median is what a cold
# request costs a worker before any queueing (wrk's cold figures add the queue).
RENDERS, QUICK_RENDERS = 15, 3
WARM_SHARE, COLD_SHARE, P99_MS = 0.70, 0.20, 100.0
ERROR_LINE = re.compile(r"\[ERROR\]|\[CRITICAL\]|Traceback|WORKER TIMEOUT")
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
CACHED_TYPES = ("article", "home", "person", "organisation", "tag", "feed")
LABELS = {
    "article": "article page",
    "article_stored": "article page from its stored parts",
    "article-unstored": "article page, nothing stored (each one built and stored)",
    "home": "home page",
    "person": "person page (most quoted)",
    "organisation": "organisation page (most quoted)",
    "tag": "tag page (most used)",
    "feed": "RSS feed",
    "search_common": "search, common word",
    "search_rare": "search, rare word",
}

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
from articles.models import ArticleRender

def forget_stored(name):
    # "built afresh" is from the database: no stored parts (articles.renders)
    if name != "article_stored":
        ArticleRender.objects.all().delete()

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


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int = 0  # wrk's "Non-2xx or 3xx responses": its count of 4xx and 5xx
    socket_errors: dict[str, int] = field(default_factory=dict)
    statuses: dict[int, int] = field(default_factory=dict)  # from bench/pages.lua

    @property
    def failed(self) -> int:
        """Requests that did not get a 200: errors, redirects, timeouts, broken sockets."""
        others = sum(count for status, count in self.statuses.items() if status != 200)
        return max(self.non_2xx, others) + sum(self.socket_errors.values())


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * UNITS_MS[unit]


def parse_wrk(output: str) -> WrkResult:
    """wrk's ``--latency`` report (plus pages.lua's status lines) as numbers."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    total = re.search(r"^\s+(\d+) requests in ", output, re.M)
    if not (rate and p50 and p99 and total):
        raise BenchError(f"unexpected wrk output (run with --latency?):\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: (.*)", output)
    return WrkResult(
        requests_per_second=float(rate[1]),
        p50_ms=_milliseconds(p50[1]),
        p99_ms=_milliseconds(p99[1]),
        requests=int(total[1]),
        non_2xx=int(non_2xx[1]) if non_2xx else 0,
        socket_errors={kind: int(count) for kind, count in re.findall(r"(\w+) (\d+)", sockets[1])}
        if sockets
        else {},
        statuses={
            int(status): int(count)
            for status, count in re.findall(r"^status (\d+): (\d+)$", output, re.M)
        },
    )


def free_port() -> int:
    """A port nothing listens on now: the kernel's pick for port 0."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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


FORGET_STORED = "from articles.models import ArticleRender; ArticleRender.objects.all().delete()"


def store_pages(env: dict, port: int, articles: int) -> dict:
    """``render_articles`` for the address wrk asks (as after a deploy or an import):
    the cold article run then finds each page's parts stored (articles.renders)."""
    started = time.monotonic()
    manage(env, "render_articles", "--origin", f"https://127.0.0.1:{port}")
    seconds = time.monotonic() - started
    return {"articles": articles, "seconds": seconds, "per_second": articles / seconds}


def _stored_row(stored: dict) -> Row:
    return Row(
        "Pages",
        "article pages stored ahead (render_articles, one process)",
        f"{stored['articles']:,} in {stored['seconds']:.0f} s ({stored['per_second']:,.0f} "
        "articles/s)",
    )


def hashed_stylesheet(static_root: Path) -> str:
    """The URL of the site's stylesheet as collectstatic named it (css/site.<hash>.css)."""
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def fetch_status(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def run_wrk(context: Context, port: int, mode: str, paths: list[str]) -> WrkResult:
    """One wrk measurement of ``paths`` (see pages.lua for the modes)."""
    output = wrk(
        paths,
        port=port,
        mode=mode,
        connections=context.connections,
        seconds=context.seconds,
        folder=context.work,
    )
    return parse_wrk(output)


def measure(context: Context, port: int, pages: dict, articles: list[str], css: str) -> dict:
    """Every wrk run against the running server: baseline, then each page cold and warm."""
    for path in [css, *pages.values()]:
        if (status := fetch_status(port, path)) != 200:
            raise BenchError(f"{path} answered {status}, not 200: the page list is wrong")
    runs = {"baseline_before": run_wrk(context, port, "warm", [css])}
    for name, path in pages.items():
        if name in CACHED_TYPES:
            runs[f"{name}_cold"] = run_wrk(
                context, port, "cold", articles if name == "article" else [path]
            )
            for _ in range(2 * WORKERS):  # each worker sees it at least once, most likely
                fetch_status(port, path)
            runs[f"{name}_warm"] = run_wrk(context, port, "warm", [path])
        else:
            runs[name] = run_wrk(context, port, "warm", [path])
    runs["baseline_after"] = run_wrk(context, port, "warm", [css])
    return runs


def _speed_row(name: str, run: WrkResult, baseline: float, per_worker: bool) -> Row:
    kind, _, state = name.rpartition("_") if name.endswith(("_cold", "_warm")) else (name, "", "")
    share = run.requests_per_second / baseline
    if state == "warm" and per_worker:
        state = "warm (per-worker cache)"
    measure = f"{LABELS[kind]}, {state or 'never cached'}"
    value = (
        f"{run.requests_per_second:,.0f} req/s ({share:.0%} of static) · "
        f"p50 {run.p50_ms:.1f} ms · p99 {run.p99_ms:.1f} ms"
    )
    targets = [f"p99 < {P99_MS:.0f} ms"]
    met = run.p99_ms < P99_MS and not run.failed and run.requests > 0
    if kind == "article" and state:
        wanted = WARM_SHARE if name.endswith("_warm") else COLD_SHARE
        targets.insert(0, f"≥ {wanted:.0%} of static")
        met = met and share >= wanted
    if run.failed:
        value += f" · {run.failed:,} failed requests"
    if not run.requests:
        value = "no request completed: every one took longer than the run"
    return Row("Pages", measure, value, ", ".join(targets), met)


def make_rows(runs: dict, counts: dict, baseline: float, css: str, per_worker: bool) -> list[Row]:
    before, after = runs["baseline_before"], runs["baseline_after"]
    rows = [
        Row(
            "Pages",
            f"static file baseline ({css.rsplit('/', 1)[-1]}, WhiteNoise)",
            f"{baseline:,.0f} req/s (before {before.requests_per_second:,.0f}, after "
            f"{after.requests_per_second:,.0f}) · p99 {max(before.p99_ms, after.p99_ms):.1f} ms",
        )
    ]
    rows += [
        _speed_row(name, run, baseline, per_worker)
        for name, run in runs.items()
        if not name.startswith("baseline")
    ]
    rows += [
        Row(
            "Pages",
            f"queries: {LABELS[name]}",
            f"{count['fresh']} (cached: {count['cached']}) · built afresh in "
            f"{count['built_ms']:.1f} ms, {count['sql_ms']:.1f} of them in SQL",
            f"≤ {MAX_QUERIES}",
            count["fresh"] <= MAX_QUERIES,
        )
        for name, count in counts.items()
    ]
    return rows


def server_log(work: Path) -> dict:
    """What gunicorn's log says happened under load: worker restarts and errors."""
    lines = (work / "error.log").read_text(errors="replace").splitlines()
    errors = [line for line in lines if ERROR_LINE.search(line)]
    return {
        # gunicorn.conf.py replaces each worker after about max_requests requests.
        "worker_restarts": sum("Booting worker" in line for line in lines) - WORKERS,
        "error_lines": errors[:20],
    }


def figures_of(runs: dict, counts: dict, pages: dict, baseline: float, env: dict) -> dict:
    return {
        "pages": pages,
        "baseline_requests_per_second": baseline,
        "runs": {
            name: {**asdict(run), "share_of_static": run.requests_per_second / baseline}
            for name, run in runs.items()
        },
        # Every statement only where a page breaks the limit (the evidence for a
        # fix); the slowest one always, as the first suspect for a slow cold page.
        "queries": {
            name: count if count["fresh"] > MAX_QUERIES else {**count, "sql": None}
            for name, count in counts.items()
        },
        "cache": "redis" if env["REDIS_URL"] else "per-process memory (per gunicorn worker)",
        "workers": WORKERS,
    }


def run(context: Context) -> StageResult:
    if not shutil.which("wrk"):
        raise BenchError("wrk is not installed: apt-get install -y wrk")
    work = context.work / "pages"
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = production_env(
        work, context.site_database, port=port, workers=WORKERS, redis_url=context.redis_url
    )
    manage(env, "collectstatic", "--noinput")
    refresh_statistics(env)
    picked = pick_pages(env)
    pages, articles = picked["pages"], picked["articles"]
    counted = {**pages, "article_stored": pages["article"]}
    counts = count_queries(env, counted, QUICK_RENDERS if context.quick else RENDERS)
    stored = store_pages(env, port, len(articles))
    css = hashed_stylesheet(work / "static")
    with gunicorn(env, work, port):
        runs = measure(context, port, pages, articles, css)
        manage(env, "shell", "--command", FORGET_STORED)
        runs["article-unstored_cold"] = run_wrk(context, port, "cold", articles)
    baseline = mean(runs[f"baseline_{when}"].requests_per_second for when in ("before", "after"))
    server = server_log(work)
    restarts = Row(
        "Pages",
        "gunicorn worker restarts under load (max_requests, gunicorn.conf.py)",
        f"{server['worker_restarts']:,}",
    )
    return StageResult(
        figures={
            **figures_of(runs, counts, pages, baseline, env),
            "headline_words": picked["headline_words"],
            "stored_ahead": stored,
            "server": server,
        },
        rows=[
            _stored_row(stored),
            *make_rows(runs, counts, baseline, css, per_worker=not env["REDIS_URL"]),
            restarts,
        ],
    )
