"""A benchmark ``Context`` for the stage tests: tiny, quick, nothing shared."""

from dataclasses import replace
from pathlib import Path

from bench.context import Context


def quick_context(work: Path, articles: int, **changes) -> Context:
    """A quick run over ``articles`` articles in ``work``; ``changes`` override fields."""
    context = Context(
        articles=articles,
        import_sizes=(articles,),
        search_sizes=(articles,),
        quick=True,
        seconds=1,
        connections=4,
        work=work,
        corpus=work / "corpus",
        truth=work / "truth.jsonl",
        postgres_server=None,
        redis_url="",
    )
    return replace(context, **changes)
