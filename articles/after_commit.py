"""Ids gathered while a transaction runs, handed over once, after it commits.

An admin save of an article with 30 blocks sends 30 signals; what they ask for
(empty the page cache, refresh search text, stop serving stored pages) is done
once, for all of them, when the transaction commits.
"""

import threading
from collections.abc import Callable, Iterable

from django.db import transaction


class CommitBatch:
    """Collects ids by kind (``add``) and calls ``flush(**ids)`` once the current
    transaction commits (at once outside one), with every kind, empty or not."""

    def __init__(self, kinds: tuple[str, ...], flush: Callable[..., None]):
        self.kinds = kinds
        self.flush = flush
        self._local = threading.local()

    def add(self, **ids: Iterable[int]) -> None:
        pending = getattr(self._local, "pending", None)
        if pending is None:
            pending = self._local.pending = {kind: set() for kind in self.kinds}
        for kind, values in ids.items():
            pending[kind].update(values)
        # One callback for each call: the first to run does the work for all of
        # them, and a rolled-back transaction leaves nothing that blocks the next.
        transaction.on_commit(self._run)

    def _run(self) -> None:
        pending, self._local.pending = getattr(self._local, "pending", None), None
        if pending is not None:
            self.flush(**pending)
