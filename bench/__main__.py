"""`python -m bench`: generate a corpus, run every stage, print the table, write latest.json."""

import argparse
import os
import shutil
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path

from articles.ingest.compiled import is_compiled

from . import report
from .context import Context, Row
from .environment import DEFAULT_POSTGRES_SERVER, BenchError

STAGES = ("accuracy", "import", "pages", "admin", "search")
MODULES = {"import": "importing"}  # "import" is a keyword: the module has another name


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000, help="corpus size (10,000)")
    parser.add_argument(
        "--quick", action="store_true", help="the smoke run: 50 articles, short loads"
    )
    parser.add_argument(
        "--only", default=",".join(STAGES), help=f"comma-separated stages of {','.join(STAGES)}"
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("DATABASE_URL") or DEFAULT_POSTGRES_SERVER,
        help="the PostgreSQL server for scratch databases named newsroom_bench_* (from "
        "DATABASE_URL, else the local server); 'none' for SQLite only",
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--output", type=Path, help="where to write the JSON (results/latest.json)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    return parser.parse_args(argv)


def make_context(args: argparse.Namespace, work: Path) -> Context:
    articles = 50 if args.quick else args.articles
    postgres = (
        None
        if args.postgres.lower() == "none" or args.postgres.startswith("sqlite")
        else args.postgres
    )
    return Context(
        articles=articles,
        import_sizes=(articles,) if args.quick else tuple(sorted({min(1000, articles), articles})),
        search_sizes=(articles, articles * 2) if args.quick else (articles, articles * 10),
        quick=args.quick,
        seconds=2 if args.quick else args.seconds,
        connections=args.connections,
        work=work,
        corpus=work / "corpus",
        truth=work / "truth.jsonl",
        postgres_server=postgres,
        redis_url=args.redis_url,
    )


def run_stages(context: Context, stages: list[str]) -> tuple[dict, list[Row]]:
    from . import corpus

    figures, rows = {"python_speed": {"start": report.python_speed()}}, []
    started = time.monotonic()
    corpus.write_corpus(context.corpus, context.truth, count=context.articles)
    for name in stages:
        print(f"== {name} ({time.monotonic() - started:.0f} s into the run)", flush=True)
        result = import_module(f"bench.{MODULES.get(name, name)}").run(context)
        figures[name] = result.figures
        rows += result.rows
    speed = figures["python_speed"]
    speed["end"] = report.python_speed()
    figures["parser"] = {"compiled": is_compiled()}
    return figures, [
        report.speed_row(speed["start"], speed["end"]),
        report.parser_row(figures["parser"]["compiled"]),
        *rows,
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stages = [name.strip() for name in args.only.split(",") if name.strip()]
    if unknown := set(stages) - set(STAGES):
        sys.exit(f"--only: unknown stages {', '.join(sorted(unknown))}")
    if {"pages", "admin"} & set(stages):
        stages = ["import", *[name for name in stages if name != "import"]]  # they need its data
    work = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    try:
        context = make_context(args, work)
        with context.resources:
            figures, rows = run_stages(context, sorted(stages, key=STAGES.index))
    except BenchError as error:
        sys.exit(f"bench: {error}")
    finally:
        if args.keep:
            print(f"Scratch folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    figures["settings"] = {"articles": context.articles, "quick": context.quick}
    print(report.table(rows))
    print(f"\nWritten to {report.write(figures, rows, path=args.output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
