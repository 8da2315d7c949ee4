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
  published article, so the rows differ as they would for many readers. Article
  pages and list entries are stored first (``render_articles``, timed in a row
  of its own), as the site keeps them (articles.renders, articles.entries): an
  editor's save makes only what it changed stale. The counts a listing page
  shows (its pages, a speaker's quotes) are counted by the run's first request
  and kept for the rest, as for a page's every address until content changes
  (``cache.kept_count``). Two last cold runs of the article page: "related
  coverage 6 hours old" first ages every stored page past ``RENDER_MAX_AGE``, so
  each request works out its related articles again and stores them with the kept
  page; "nothing stored" deletes the stored article pages, so each request builds
  its page from the database and stores it.
- Warm: one URL per page type, requested a few times first so both workers
  hold it, then under load: the page cache answers (from each worker's memory,
  asking Redis for the generation once a second; articles/page_cache.py).

Queries per page come from a child process: Django's test client with
``CaptureQueriesContext``, the page cache emptied before each page, after one
unmeasured request (so one-off start-up queries are not counted). "Built
afresh" is from the database (stored article pages and list entries deleted,
kept counts dropped first); the article page and the listing pages are also
counted and timed from what their first build stored and kept. The same child
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
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from statistics import mean

from .context import Context, Row, StageResult
from .environment import BenchError, gunicorn, manage, production_env, wrk
from .page_children import (
    AGE_STORED,
    FORGET_STORED,
    count_queries,
    pick_pages,
    refresh_statistics,
)

WORKERS = 2
MAX_QUERIES = 10
# Builds afresh timed per page type, in one process: the median is what a cold
# request costs a worker before any queueing (wrk's cold figures add the queue).
RENDERS, QUICK_RENDERS = 15, 3
WARM_SHARE, COLD_SHARE, P99_MS = 0.70, 0.20, 100.0
ERROR_LINE = re.compile(r"\[ERROR\]|\[CRITICAL\]|Traceback|WORKER TIMEOUT")
BOOT_LINE = re.compile(r"^\[([\d-]+ [\d:]+ [+-]\d{4})\] \[\d+\] \[INFO\] Booting worker", re.M)
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
# The page types measured, each cold and warm (pick_pages finds one page of each).
PAGE_TYPES = (
    "article",
    "home",
    "person",
    "organisation",
    "tag",
    "feed",
    "search_common",
    "search_rare",
)
# Page types built from stored parts (articles.renders, articles.entries): their
# queries and build time are also measured from what the first build stored.
STORED_KINDS = ("article", "home", "person", "organisation", "tag")
LABELS = {
    "article": "article page",
    "article_stored": "article page from its stored page",
    **{
        f"{kind}_stored": f"{label} from stored entries, kept counts"
        for kind, label in [
            ("home", "home page"),
            ("person", "person page (most quoted)"),
            ("organisation", "organisation page (most quoted)"),
            ("tag", "tag page (most used)"),
        ]
    },
    "article-aged": "article page, related coverage 6 hours old (worked out again)",
    "article-unstored": "article page, nothing stored (each one built and stored)",
    "home": "home page",
    "person": "person page (most quoted)",
    "organisation": "organisation page (most quoted)",
    "tag": "tag page (most used)",
    "feed": "RSS feed",
    "search_common": "search, common word",
    "search_rare": "search, rare word",
}


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int = 0  # wrk's "Non-2xx or 3xx responses": its count of 4xx and 5xx
    socket_errors: dict[str, int] = field(default_factory=dict)
    statuses: dict[int, int] = field(default_factory=dict)  # from bench/pages.lua
    started: float = 0.0  # when wrk started and finished (time.time())
    finished: float = 0.0
    restarts: int = 0  # workers gunicorn started while it ran (``count_restarts``)

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


def store_pages(env: dict, port: int, articles: int) -> dict:
    """``render_articles`` for the address wrk asks (as after a deploy or an import):
    the cold article run then finds each page stored (articles.renders), and the
    listing pages their articles' list entries (articles.entries)."""
    started = time.monotonic()
    manage(env, "render_articles", "--origin", f"https://127.0.0.1:{port}")
    seconds = time.monotonic() - started
    return {"articles": articles, "seconds": seconds, "per_second": articles / seconds}


def _stored_row(stored: dict) -> Row:
    return Row(
        "Pages",
        "article pages and list entries stored ahead (render_articles, one process)",
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
    started = time.time()
    output = wrk(
        paths,
        port=port,
        mode=mode,
        connections=context.connections,
        seconds=context.seconds,
        folder=context.work,
    )
    return replace(parse_wrk(output), started=started, finished=time.time())


def measure(context: Context, port: int, pages: dict, articles: list[str], css: str) -> dict:
    """Every wrk run against the running server: baseline, then each page cold and warm."""
    for path in [css, *pages.values()]:
        if (status := fetch_status(port, path)) != 200:
            raise BenchError(f"{path} answered {status}, not 200: the page list is wrong")
    runs = {"baseline_before": run_wrk(context, port, "warm", [css])}
    for name, path in pages.items():
        runs[f"{name}_cold"] = run_wrk(
            context, port, "cold", articles if name == "article" else [path]
        )
        for _ in range(2 * WORKERS):  # each worker sees it at least once, most likely
            fetch_status(port, path)
        runs[f"{name}_warm"] = run_wrk(context, port, "warm", [path])
    runs["baseline_after"] = run_wrk(context, port, "warm", [css])
    return runs


def _speed_row(name: str, run: WrkResult, baseline: float, per_worker: bool) -> Row:
    kind, _, state = name.rpartition("_")
    share = run.requests_per_second / baseline
    if state == "warm" and per_worker:
        state = "warm (per-worker cache)"
    measure = f"{LABELS[kind]}, {state}"
    value = (
        f"{run.requests_per_second:,.0f} req/s ({share:.0%} of static) · "
        f"p50 {run.p50_ms:.1f} ms · p99 {run.p99_ms:.1f} ms"
    )
    targets = [f"p99 < {P99_MS:.0f} ms"]
    met = run.p99_ms < P99_MS and not run.failed and run.requests > 0
    if kind == "article":
        wanted = WARM_SHARE if name.endswith("_warm") else COLD_SHARE
        targets.insert(0, f"≥ {wanted:.0%} of static")
        met = met and share >= wanted
    if run.failed:
        value += f" · {run.failed:,} failed requests"
    if run.restarts:
        # A new worker's first requests, and the queue behind them, wait for it to start.
        value += f" · {run.restarts} worker restart{'s' if run.restarts > 1 else ''} during it"
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
    log = (work / "error.log").read_text(errors="replace")
    errors = [line for line in log.splitlines() if ERROR_LINE.search(line)]
    boots = worker_boots(log)
    return {
        # gunicorn.conf.py replaces each worker after about max_requests requests.
        "worker_restarts": len(boots) - WORKERS,
        "restarted_at": boots[WORKERS:],
        "error_lines": errors[:20],
    }


def worker_boots(log: str) -> list[float]:
    """When gunicorn started each worker, in its log's order (time.time(), to the
    second its log gives)."""
    return [
        datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S %z").timestamp()
        for stamp in BOOT_LINE.findall(log)
    ]


def count_restarts(runs: dict[str, WrkResult], restarted_at: list[float]) -> None:
    """Set each run's ``restarts``: the workers started while it ran. The log gives
    the second, so a restart in the second a run started counts for that run."""
    for run in runs.values():
        run.restarts = sum(int(run.started) <= moment <= run.finished for moment in restarted_at)


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
    counted = {**pages, **{f"{kind}_stored": pages[kind] for kind in STORED_KINDS if kind in pages}}
    counts = count_queries(env, counted, QUICK_RENDERS if context.quick else RENDERS)
    stored = store_pages(env, port, len(articles))
    css = hashed_stylesheet(work / "static")
    with gunicorn(env, work, port):
        runs = measure(context, port, pages, articles, css)
        manage(env, "shell", "--command", AGE_STORED)
        runs["article-aged_cold"] = run_wrk(context, port, "cold", articles)
        manage(env, "shell", "--command", FORGET_STORED)
        runs["article-unstored_cold"] = run_wrk(context, port, "cold", articles)
    baseline = mean(runs[f"baseline_{when}"].requests_per_second for when in ("before", "after"))
    server = server_log(work)
    count_restarts(runs, server["restarted_at"])
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
