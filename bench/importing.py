"""Import benchmarks: parse and load throughput, queries per article, peak memory, re-import.

Each figure comes from a child process, so nothing is cached between them:

parse     the parser alone reads the first N files, in one process and in as
          many worker processes as ``import_seeds`` uses (``--jobs``).
load      ``manage.py import_seeds --publish`` into a fresh, migrated SQLite
          file or PostgreSQL database: wall time and the peak resident memory
          of the command (from ``wait4``, so it covers only that process tree).
reimport  the same command again over the unchanged files.
queries   the importer run in-process over a sample of files, counting each
          article's queries one by one and those of a batch of the shortest and
          of the longest, to show the counts do not grow with their length.

The database filled by the largest load stays for the pages and admin stages
(``context.loaded``); the ratio "load / parse" says how much of an import's
time is the database's.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from contextlib import nullcontext
from functools import partial
from pathlib import Path

from .context import Context, Row, StageResult
from .environment import (
    ROOT,
    BenchError,
    fresh_postgres,
    manage,
    production_env,
    run_stage_child,
)

PARSE_TARGET = 500  # articles/s, the parser alone (issue 6)
LOAD_TARGETS = {"sqlite": 300, "postgresql": 150}  # articles/s
MEMORY_TARGET_MB = 300
QUERY_SAMPLE = 200  # articles whose queries are counted one by one


def run(context: Context) -> StageResult:
    figures: dict = {"parse": {}, "load": {}}
    rows: list[Row] = []
    for size in context.import_sizes:
        figures["parse"][size] = measure_parse(context, size)
        rows += parse_rows(figures["parse"][size], size)
    for vendor, url in scratch_databases(context):
        figures["load"][vendor] = {}
        for size in context.import_sizes:
            keep = size == max(context.import_sizes)
            with url(f"import_{size}", keep=keep) as database:
                measured = measure_load(context, database, size)
                figures["load"][vendor][size] = measured
                rows += load_rows(vendor, size, measured, figures["parse"][size])
                if keep:
                    context.loaded[vendor] = database
    figures["queries"] = measure_queries(context)
    rows += query_rows(figures["queries"])
    return StageResult(figures=figures, rows=rows)


# -- in the benchmark's own process -------------------------------------------


def sized_folder(context: Context, size: int) -> Path:
    """A folder holding the corpus's first ``size`` files (as links: no copies)."""
    folder = context.work / f"first-{size}"
    if not folder.exists():
        folder.mkdir()
        for path in sorted(context.corpus.glob("*.txt"))[:size]:
            (folder / path.name).symlink_to(path)
    return folder


def measure_parse(context: Context, size: int) -> dict:
    folder = str(sized_folder(context, size))
    return {
        "one_process": run_stage_child(
            "importing", dict(os.environ), "parse", folder, "--jobs", "1"
        ),
        "workers": run_stage_child("importing", os.environ, "parse", folder),
    }


def timed(command: list[str], env: dict, log: Path) -> tuple[float, float, str]:
    """Run ``command``: its wall seconds, its peak resident memory in MB and its stdout.

    ``wait4`` reports the resources of that one child (and the workers it
    waited for), where ``getrusage`` would mix in every earlier child.
    """
    started = time.perf_counter()
    with log.open("w+") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read()
    if process.returncode:
        raise BenchError(f"{' '.join(command[1:])} exited {process.returncode}:\n{text[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, text


def measure_load(context: Context, database: str, size: int) -> dict:
    """Import the first ``size`` files into the empty ``database``, then again unchanged."""
    env = production_env(context.work, database, redis_url=context.redis_url)
    manage(env, "migrate", "--noinput")
    folder = str(sized_folder(context, size))
    command = [sys.executable, "manage.py", "import_seeds", "--publish", folder]
    seconds, peak_mb, output = timed(command, env, context.work / f"import-{size}.log")
    if f"Articles: {size} created" not in output:
        raise BenchError(f"import of {size} articles did not create them all:\n{output[-2000:]}")
    again, _, output = timed(command, env, context.work / f"reimport-{size}.log")
    if f"{size} unchanged" not in output:
        raise BenchError(f"re-import of {size} unchanged articles changed some:\n{output[-2000:]}")
    return {
        "articles": size,
        "seconds": round(seconds, 2),
        "per_second": round(size / seconds, 1),
        "peak_memory_mb": round(peak_mb, 1),
        "reimport_seconds": round(again, 2),
        "reimport_per_second": round(size / again, 1),
    }


class _Scratch:
    """Makes scratch databases of one kind: ``with scratch(name, keep=...) as url``."""

    def __init__(self, context: Context, vendor: str):
        self.context, self.vendor = context, vendor

    def __call__(self, name: str, *, keep: bool):
        if self.vendor == "sqlite":
            return nullcontext(f"sqlite:///{self.context.work / name}.sqlite3")
        url = self.context.scratch_postgres(name)
        if keep:  # dropped when the whole run ends
            return nullcontext(self.context.resources.enter_context(fresh_postgres(url)))
        return fresh_postgres(url)


def scratch_databases(context: Context) -> list[tuple[str, _Scratch]]:
    vendors = ["sqlite"] + (["postgresql"] if context.postgres_server else [])
    return [(vendor, _Scratch(context, vendor)) for vendor in vendors]


def measure_queries(context: Context) -> dict:
    """Queries per article over a sample, on a fresh SQLite database."""
    database = f"sqlite:///{context.work / 'queries.sqlite3'}"
    env = production_env(context.work, database, redis_url=context.redis_url)
    manage(env, "migrate", "--noinput")
    size = min(QUERY_SAMPLE, context.articles)
    return run_stage_child("importing", env, "queries", str(sized_folder(context, size)))


# -- the table ------------------------------------------------------------------


def _rate(value: float) -> str:
    return f"{value:,.0f} articles/s"


def _at_least(measure: str, rate: float, target: int) -> Row:
    return Row("Import", measure, _rate(rate), f"≥ {target}", rate >= target)


def parse_rows(parse: dict, size: int) -> list[Row]:
    one, workers = parse["one_process"], parse["workers"]
    return [
        _at_least(f"parse, 1 process ({size:,} articles)", one["per_second"], PARSE_TARGET),
        _at_least(
            f"parse, {workers['jobs']} processes as import_seeds ({size:,})",
            workers["per_second"],
            PARSE_TARGET,
        ),
    ]


def load_rows(vendor: str, size: int, load: dict, parse: dict) -> list[Row]:
    target = LOAD_TARGETS[vendor]
    parse_rate = parse["workers"]["per_second"]
    return [
        _at_least(f"load into {vendor} ({size:,} articles)", load["per_second"], target),
        Row(
            "Import",
            f"re-import unchanged, {vendor} ({size:,})",
            f"{_rate(load['reimport_per_second'])} ({load['reimport_per_second'] / parse_rate:.1f}"
            " × parse)",
            "close to parse speed",
            load["reimport_per_second"] >= parse_rate,
        ),
        *memory_rows(vendor, size, load),
    ]


def memory_rows(vendor: str, size: int, load: dict) -> list[Row]:
    memory = load["peak_memory_mb"]
    return [
        Row(
            "Import",
            f"peak memory of import_seeds, {vendor} ({size:,} articles)",
            f"{memory:.0f} MB",
            f"< {MEMORY_TARGET_MB} MB",
            memory < MEMORY_TARGET_MB,
        ),
    ]


def query_rows(queries: dict) -> list[Row]:
    short, long = queries["shortest_quarter"], queries["longest_quarter"]
    # Constant: the longest articles need no more queries than the shortest.
    constant = long <= short + 1
    batch, quarter = queries["batch"], max(1, queries["articles"] // 4)
    return [
        Row(
            "Import",
            f"queries per article, one by one as a re-import ({queries['articles']} articles, "
            f"{queries['paragraphs_min']}–{queries['paragraphs_max']} paragraphs)",
            f"{queries['min']}–{queries['max']}; shortest quarter {short}, longest {long}",
            "constant",
            constant,
        ),
        Row(
            "Import",
            f"queries per batch of {quarter} new articles as a first import (shortest, longest)",
            f"{batch['short']}, {batch['long']} ({batch['long'] / quarter:.2f} per article)",
            "constant",
            batch["long"] <= batch["short"],
        ),
        Row(
            "Import",
            "search-text queries per article (batched)",
            f"{queries['indexing_per_article']:.2f}",
        ),
    ]


# -- in child processes -----------------------------------------------------------


def parse_files(folder: Path, jobs: int) -> dict:
    """Parse every file of ``folder`` as ``import_seeds --jobs`` would; time it."""
    import django

    django.setup()
    from articles.importer.reading import default_jobs, read_ahead

    jobs = jobs or default_jobs()
    paths = sorted(folder.glob("*.txt"))
    started, cpu = time.perf_counter(), time.process_time()
    for _, parse in read_ahead(paths, jobs=jobs):
        parse()
    seconds = time.perf_counter() - started
    return {
        "articles": len(paths),
        "jobs": jobs,
        "seconds": round(seconds, 3),
        "per_second": round(len(paths) / seconds, 1),
        "main_process_cpu_seconds": round(time.process_time() - cpu, 3),
    }


def count_queries(folder: Path) -> dict:
    """Count the queries of importing ``folder``'s files (search text apart): each file
    one by one (as a re-import goes), then in two batches of new articles (as a first
    import goes), the shortest quarter and the longest quarter of the files."""
    import django

    django.setup()
    from django.db import connection, transaction

    from articles.cache import coalesced_emptying
    from articles.importer import import_article
    from articles.importer.batch import import_new_articles
    from articles.ingest import read_article

    counted = {"now": 0}

    def counter(execute, sql, params, many, context):
        counted["now"] += 1
        return execute(sql, params, many, context)

    def queries(action) -> int:
        before = counted["now"]
        action()
        return counted["now"] - before

    parsed = [read_article(path) for path in sorted(folder.glob("*.txt"))]
    per_article, batches = [], {}
    with connection.execute_wrapper(counter):
        with coalesced_emptying(index_batch=10**9, interval=float("inf")):
            for article in parsed:
                with transaction.atomic():  # each file new, as the batches below need them
                    count = queries(partial(import_article, parsed=article, publish=True))
                    transaction.set_rollback(True)
                per_article.append((len(article.blocks), len(article.quotes), count))
            by_length = sorted(parsed, key=lambda article: len(article.blocks))
            quarter = max(1, len(parsed) // 4)
            for name, group in (("short", by_length[:quarter]), ("long", by_length[-quarter:])):
                batches[name] = queries(partial(import_new_articles, parsed_articles=group))
            importing = counted["now"]
        indexing = counted["now"] - importing
    return {**summarise_queries(per_article, indexing, len(parsed)), "batch": batches}


def summarise_queries(per_article: list[tuple[int, int, int]], indexing: int, indexed: int) -> dict:
    by_length = sorted(per_article)
    quarter = max(1, len(by_length) // 4)
    counts = [queries for _, _, queries in per_article]
    return {
        "articles": len(per_article),
        "min": min(counts),
        "max": max(counts),
        "mean": round(sum(counts) / len(counts), 2),
        "paragraphs_min": by_length[0][0],
        "paragraphs_max": by_length[-1][0],
        "shortest_quarter": round(sum(q for *_, q in by_length[:quarter]) / quarter, 2),
        "longest_quarter": round(sum(q for *_, q in by_length[-quarter:]) / quarter, 2),
        "indexing_per_article": indexing / indexed,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.importing")
    parser.add_argument("command", choices=["parse", "queries"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=0, help="parser processes (0: one per core)")
    args = parser.parse_args(argv)
    if args.command == "parse":
        print(json.dumps(parse_files(args.folder, args.jobs)))
    else:
        print(json.dumps(count_queries(args.folder)))


if __name__ == "__main__":
    main()
