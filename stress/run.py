"""Load under import: wrk against gunicorn while import_seeds writes (`make stress`).

    .venv/bin/python stress/run.py                       # SQLite file in a temporary folder
    .venv/bin/python stress/run.py --postgres postgres://postgres@127.0.0.1:5432/newsroom_stress

Sets up a production-like site (DEBUG off, hashed static files, the Redis
cache if REDIS_URL or --redis-url is given) on a fresh database, imports some
generated articles, starts gunicorn with 2 workers on 127.0.0.1, then runs wrk
(2 threads, 64 connections, 60 s) across the public pages while import_seeds
publishes a few hundred more articles and then re-imports them until wrk stops.

It reports wrk's numbers, every non-2xx status, socket errors, failed imports
and the errors in gunicorn's log, and exits 1 if there was any. With
--postgres, the named database is dropped and created afresh, and dropped at
the end: give a name used for nothing else. Not part of CI (it takes minutes).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.environment import (  # noqa: E402
    BenchError,
    fresh_postgres,
    gunicorn,
    manage,
    production_env,
    wrk,
)
from tests.robustness.corpus import write_articles  # noqa: E402

ERROR_LINE = re.compile(
    r"\[ERROR\]|\[CRITICAL\]|Traceback|Internal Server Error|database is locked|"
    r"WORKER TIMEOUT|OperationalError|InterfaceError",
)
PAGES_QUERY = """
import json
from articles.public import public_organisations, public_people, public_tags, published_articles
articles = [a.get_absolute_url() for a in published_articles()[:4]]
people = [p.get_absolute_url() for p in public_people().order_by("name")[:2]]
organisations = [o.get_absolute_url() for o in public_organisations().order_by("name")[:2]]
tags = [f"/tags/{t.slug}/" for t in public_tags()[:2]]
fixed = ["/", "/?page=2", "/people/", "/organisations/", "/search/?q=council+petition",
         "/search/?q=trust", "/feed/", "/feed/atom/", "/sitemap.xml", "/news-sitemap.xml"]
print("PAGES", json.dumps(fixed + articles + people + organisations + tags))
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL database to (re)create")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument("--port", type=int, default=8301)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load under import")
    parser.add_argument(
        "--baseline", type=int, default=15, help="seconds of load before the import (0: none)"
    )
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--timeout",
        default="10s",
        help="wrk's per-request timeout. Its own default, 2s, is shorter than the time 64 "
        "connections wait in gunicorn's queue for 2 workers on a small machine; the proxy "
        "in front waits 60 s",
    )
    parser.add_argument("--initial", type=int, default=60, help="articles before the load")
    parser.add_argument("--articles", type=int, default=300, help="articles imported under load")
    parser.add_argument("--keep", action="store_true", help="keep the work folder and logs")
    return parser.parse_args()


def site_env(args, work: Path, database_url: str) -> dict[str, str]:
    return production_env(
        work, database_url, port=args.port, workers=args.workers, redis_url=args.redis_url
    )


class Importer(threading.Thread):
    """Imports the folder once (creating its articles), then re-imports it with --force
    (updating every article) until told to stop: writes for as long as the load lasts."""

    def __init__(self, env: dict, folder: Path):
        super().__init__(daemon=True)
        self.env, self.folder = env, folder
        self.stop = threading.Event()
        self.runs: list[tuple[list[str], int, float, str]] = []

    def run(self) -> None:
        command = [sys.executable, "manage.py", "import_seeds", "--publish", str(self.folder)]
        while not self.stop.is_set():
            started = time.monotonic()
            done = subprocess.run(
                command, cwd=ROOT, env=self.env, capture_output=True, text=True, check=False
            )
            summary = next(
                (line for line in done.stdout.splitlines() if line.startswith("Articles:")), ""
            )
            elapsed = time.monotonic() - started
            self.runs.append((command[3:], done.returncode, elapsed, summary + done.stderr))
            command = [*command[:4], "--force", str(self.folder)]


def run_wrk(args, paths: list[str], seconds: int) -> str:
    """wrk cycling through ``paths`` as readers ask for them, every status counted."""
    return wrk(
        paths,
        port=args.port,
        mode="warm",
        connections=args.connections,
        seconds=seconds,
        threads=args.threads,
        timeout=args.timeout,
    )


def problems(wrk_output: str, error_log: str, imports: list) -> list[str]:
    """Everything that should not happen under load, one line each."""
    found = []
    for status, count in re.findall(r"^status (\d+): (\d+)$", wrk_output, re.M):
        if not 200 <= int(status) < 300:
            found.append(f"{count} responses with status {status}")
    for count in re.findall(r"Non-2xx or 3xx responses: (\d+)", wrk_output):
        found.append(f"wrk: {count} non-2xx or 3xx responses")
    for errors in re.findall(r"Socket errors: (.*)", wrk_output):
        found.append(f"wrk socket errors: {errors}")
    errors = [line for line in error_log.splitlines() if ERROR_LINE.search(line)]
    found += [f"gunicorn log: {line}" for line in errors[:20]]
    if len(errors) > 20:
        found.append(f"… and {len(errors) - 20} more error lines in the gunicorn log")
    found += [f"import {args} exited {code}: {out}" for args, code, _, out in imports if code]
    return found


def prepare(args, env: dict, work: Path) -> list[str]:
    """Migrate, collect static files, import the first articles; return the pages to load."""
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "check", "--deploy", "--fail-level", "WARNING")
    write_articles(work / "before", args.initial)
    manage(env, "import_seeds", "--publish", str(work / "before"))
    write_articles(work / "during", args.articles, first=args.initial)
    output = manage(env, "shell", "--command", PAGES_QUERY)
    return json.loads(output.split("PAGES", 1)[1])


def load(args, env: dict, work: Path) -> int:
    paths = prepare(args, env, work)
    print(f"Pages under load ({len(paths)}): {' '.join(paths)}", flush=True)
    with gunicorn(env, work, args.port):
        if args.baseline:
            baseline = run_wrk(args, paths, args.baseline)
            print(f"Without an import, {args.baseline} s:\n{baseline}", flush=True)
        importer = Importer(env, work / "during")
        importer.start()
        wrk_output = run_wrk(args, paths, args.duration)
        importer.stop.set()
        importer.join()
    error_log = (work / "error.log").read_text()
    print(f"While import_seeds runs, {args.duration} s:\n{wrk_output}")
    if args.baseline:
        wrk_output += baseline  # its errors count too
    for command, code, elapsed, summary in importer.runs:
        print(f"import_seeds {' '.join(command)}: exit {code} in {elapsed:.1f} s. {summary}")
    found = problems(wrk_output, error_log, importer.runs)
    print("\n".join(["", "PROBLEMS:", *found] if found else ["", "No errors."]))
    return 1 if found else 0


def main() -> int:
    args = parse_args()
    try:
        return run(args)
    except BenchError as error:
        sys.exit(str(error))


def run(args) -> int:
    work = Path(tempfile.mkdtemp(prefix="newsroom-stress-"))
    database = "postgres" if args.postgres else "sqlite"
    print(f"Work folder {work} ({database}, cache: {args.redis_url or 'per process'})")
    if args.postgres:
        with fresh_postgres(args.postgres) as url:
            status = load(args, site_env(args, work, url), work)
    else:
        status = load(args, site_env(args, work, f"sqlite:///{work / 'db.sqlite3'}"), work)
    if args.keep or status:
        print(f"Logs kept in {work}")
    else:
        shutil.rmtree(work)
    return status


if __name__ == "__main__":
    sys.exit(main())
