"""Parse article files ahead of the loader, in worker processes when there are many.

The parser is plain Python with no database, so on a machine with several
cores it runs in ``jobs`` worker processes while the main process writes the
articles already parsed: a run takes as long as the slower of the two, not
their sum. Workers are *spawned*, not forked, so none inherits the main
process's database connection. Only a bounded window of files is parsed
ahead, so memory stays flat however many files a run has.
"""

import gc
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from articles.ingest import ParsedArticle, read_article, read_articles

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 20
# Files a worker parses per task. One file per task spent a fifth of the time on
# the round trip between processes (5,000 files, 2 workers: 481 -> 667 files/s).
FILES_PER_TASK = 16
# Files parsed ahead of the loader per worker: enough to keep workers busy.
AHEAD_PER_WORKER = 2 * FILES_PER_TASK

# Allocations between two collections of the youngest generation (Python's default: 700).
IMPORT_GC_THRESHOLD = 50_000

ParseFile = Callable[[], ParsedArticle]


@contextmanager
def fewer_garbage_collections():
    """Run the cyclic garbage collector less often while importing.

    An import makes millions of short-lived objects (model instances, rows,
    tokens) that reference counting frees. At Python's default threshold the
    collector ran a thousand times in a 2,000-article import, each pass
    walking everything alive: 9% of the loader's time went on it. Django and
    the models, loaded by now, are never garbage, so they are frozen out of
    every pass; the garbage that does form cycles waits a little longer.
    """
    threshold = gc.get_threshold()
    # A process that froze objects itself (a server forking workers, say) keeps them
    # frozen: ``unfreeze`` cannot tell its objects from the import's.
    freezing = gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()
    gc.set_threshold(*_import_threshold())
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if freezing:
            gc.unfreeze()


def _import_threshold() -> tuple[int, ...]:
    """The collector's thresholds while importing: only the youngest generation's changes."""
    return (IMPORT_GC_THRESHOLD, *gc.get_threshold()[1:])


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
    tasks = iter([paths[at : at + FILES_PER_TASK] for at in range(0, len(paths), FILES_PER_TASK)])
    ahead = max(jobs * AHEAD_PER_WORKER, at_least)
    # Parser processes collect less often too, for their whole life (2% of a parse).
    # The initializer is ``gc``'s own: a worker must not import this module, which
    # needs Django set up.
    start_worker = {"initializer": gc.set_threshold, "initargs": _import_threshold()}
    with ProcessPoolExecutor(jobs, get_context("spawn"), **start_worker) as pool:
        window = deque()
        for files in tasks:
            window.append((files, pool.submit(read_articles, files)))
            if len(window) * FILES_PER_TASK >= ahead:
                break
        while window:
            files, future = window.popleft()
            if (following := next(tasks, None)) is not None:
                window.append((following, pool.submit(read_articles, following)))
            yield from zip(files, map(_returning, _results(future, len(files))), strict=True)


def _results(future, count: int) -> list[ParsedArticle | Exception]:
    """A task's results; if the worker itself failed (killed, say), every file says why."""
    try:
        return future.result()
    except Exception as error:
        return [error] * count


def _returning(result: ParsedArticle | Exception) -> ParseFile:
    def parse() -> ParsedArticle:
        if isinstance(result, Exception):
            raise result
        return result

    return parse
