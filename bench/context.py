"""What one benchmark run shares between its stages, and the shape of what a stage reports."""

import os
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from .environment import postgres_url

SCRATCH_PREFIX = "newsroom_bench_"  # every scratch PostgreSQL database's name starts so


@dataclass(frozen=True)
class Row:
    """One line of the printed table. ``met`` is None where the issue sets no target."""

    section: str  # "Import", "Pages", "Search", "Admin", "Accuracy"
    measure: str  # "parse throughput (1,000 articles)"
    value: str  # "512 articles/s"
    target: str = ""  # "≥ 500 articles/s"
    met: bool | None = None


@dataclass
class StageResult:
    figures: dict  # everything measured, for latest.json
    rows: list[Row] = field(default_factory=list)


@dataclass
class Context:
    articles: int  # the corpus size: pages, admin and accuracy run at this size
    import_sizes: tuple[int, ...]  # import throughput is measured for each (e.g. 1,000 and 10,000)
    search_sizes: tuple[int, ...]  # search timings at each size (10,000 and 100,000)
    quick: bool  # the smoke run: small sizes, short loads; numbers mean little
    seconds: int  # how long each wrk measurement lasts
    connections: int  # wrk connections
    work: Path  # a scratch folder, removed at the end
    corpus: Path  # ``articles`` generated .txt files (see bench/corpus/)
    truth: Path  # the generator's truth, one JSON line per file
    postgres_server: str | None  # where scratch PostgreSQL databases go; None: SQLite only
    redis_url: str  # the cache the served site uses ("" : per-process memory)
    # Databases holding the whole corpus, migrated and published, by vendor
    # ("sqlite", "postgresql"): the import stage fills this, pages and admin use it.
    loaded: dict[str, str] = field(default_factory=dict)
    # What must be undone when the run ends (scratch databases the stages share).
    resources: ExitStack = field(default_factory=ExitStack)

    def scratch_postgres(self, name: str) -> str:
        """The URL of a scratch PostgreSQL database for ``name``, unique to this run, so
        two runs on one server (or CI beside a run) never drop each other's."""
        return postgres_url(self.postgres_server, f"{SCRATCH_PREFIX}{os.getpid()}_{name}")

    @property
    def site_database(self) -> str:
        """The loaded database the pages and admin benchmarks serve from: PostgreSQL if any."""
        return self.loaded.get("postgresql") or self.loaded["sqlite"]
