"""Parse article files ahead of the loader, in worker processes when there are many.

The parser is plain Python with no database, so on a machine with several
cores it runs in ``jobs`` worker processes while the main process writes the
articles already parsed: a run takes as long as the slower of the two, not
their sum. Workers are *spawned*, not forked, so none inherits the main
process's database connection. Only a bounded window of files is parsed
ahead, so memory stays flat however many files a run has.
"""

import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from articles.ingest import ParsedArticle, read_article

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 20
# Files parsed ahead of the loader per worker: enough to keep workers busy.
AHEAD_PER_WORKER = 8

ParseFile = Callable[[], ParsedArticle]


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def read_ahead(
    paths: Sequence[Path], *, jobs: int, at_least: int = 0
) -> Iterator[tuple[Path, ParseFile]]:
    """Each path, in order, with a call that returns its ``ParsedArticle`` or raises
    what ``read_article`` raised (``IngestError`` for a file that is not an article).

    Workers keep ``AHEAD_PER_WORKER`` files each, and at least ``at_least`` in
    all, parsed ahead: a loader that writes a batch of articles at a time asks
    for a batch, so the workers parse the next one while it writes.
    """
    if jobs <= 1 or len(paths) < PARALLEL_MIN_FILES:
        for path in paths:
            yield path, partial(read_article, path)
        return
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        queue = iter(paths)
        window = deque(
            (path, pool.submit(read_article, path))
            for path in islice(queue, max(jobs * AHEAD_PER_WORKER, at_least))
        )
        while window:
            path, future = window.popleft()
            if (following := next(queue, None)) is not None:
                window.append((following, pool.submit(read_article, following)))
            yield path, future.result
