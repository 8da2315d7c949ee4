"""What a process keeps in its own memory of the shared cache: ``LocalCopies``.

A sync worker sits idle for each round trip to Redis. The page cache
(articles/page_cache.py) keeps the pages it last found there, and ``kept_count``
(articles/cache.py) the counts it last read or counted, each served while the
generation this process read from the shared cache (at most
``PAGE_CACHE_LOCAL_SECONDS`` ago) is the one it was stored under, and not past
its own expiry.
"""

import threading
import time
from collections import OrderedDict


class LocalCopies:
    """Values this process last found in (or put into) the shared cache, most recent
    last, at most ``size``. Each value is a tuple whose first item is the generation
    it was stored under and whose last is the ``time.time()`` it expires at."""

    def __init__(self, size: int):
        self.size = size
        self._copies: OrderedDict[str, tuple] = OrderedDict()
        self._lock = threading.Lock()  # threaded workers share it

    def get(self, key: str, generation: int) -> tuple | None:
        with self._lock:
            stored = self._copies.get(key)
            if stored is None:
                return None
            if stored[0] != generation or stored[-1] <= time.time():
                del self._copies[key]
                return None
            self._copies.move_to_end(key)
            return stored

    def put(self, key: str, stored: tuple) -> None:
        with self._lock:
            self._copies[key] = stored
            self._copies.move_to_end(key)
            while len(self._copies) > self.size:
                self._copies.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._copies.clear()
