"""Whole-page caching for anonymous readers, emptied when editors change content.

Every cached page is stored with the *generation* number current when it was
built, and is served only while that is still the current one. Any change to
content readers can see (an editor's save, an import) moves the generation on
after the transaction commits, so every page cached before it is ignored and
expires by itself: one cache operation empties the whole site, which is right
for a local newsroom where a person's rename touches many pages.

Only anonymous GET/HEAD requests without a session or messages cookie are
served from or stored in the cache; staff (who may see previews) never are.
``public_page`` decides which pages may be stored and prepares them (ETag,
Cache-Control, Vary); ``page_cache.PageCacheMiddleware`` stores and serves
them, and answers repeat visits with 304 Not Modified.
"""

import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.cache import (
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from .after_commit import CommitBatch
from .local_copies import LocalCopies
from .models import Article
from .search import refresh_search_documents

GENERATION_KEY = "reader:generation"
# Where ``kept_count`` keeps a count shown on public pages: (generation, count,
# expires_at); "v2" since it gained expires_at, so 2-tuples are never read.
COUNT_KEY = "reader:count:v2:{name}"
# How many kept counts each process holds in memory (``kept_count``): two or three
# a listing page, a few bytes each.
KEPT_COUNTS_IN_MEMORY = 2_000
# (generation, the next scheduled publication time or None), see ``page_lifetime``.
SCHEDULE_KEY = "reader:next-scheduled"
# The attribute ``public_page`` sets on a response the page cache may store.
STORABLE = "page_cache_storable"
# How long a page may be served from the server cache, at most.
PAGE_SECONDS = 600
# How long browsers and shared proxies may reuse a page without asking again.
BROWSER_SECONDS = 60
# During an import run, the page cache is emptied at most this often (seconds).
IMPORT_EMPTYING_INTERVAL = 10.0
# During an import run, search text is refreshed for this many articles at a time.
IMPORT_INDEX_BATCH = 200

_pending = threading.local()
# (generation, time.monotonic() when read): the generation this process last read
# from the shared cache, for ``known_generation``.
_last_read: tuple[int, float] | None = None
local_counts = LocalCopies(KEPT_COUNTS_IN_MEMORY)


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Start from the clock, so a generation lost from the cache can never
        # come back to a number that old pages were stored under.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        generation = cache.get(GENERATION_KEY)
    read_generation(generation)
    return generation


def read_current(key: str) -> tuple[tuple | None, int, tuple | None]:
    """In one round trip to the shared cache: the ``(generation, …)`` tuple stored under
    ``key`` if it was stored under the current generation, the current generation
    (noted for ``known_generation``), and the next scheduled publication as known
    (for ``page_lifetime``)."""
    found = cache.get_many([GENERATION_KEY, SCHEDULE_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = current_generation()
    read_generation(generation)
    stored = found.get(key)
    if stored is not None and stored[0] != generation:
        stored = None
    return stored, generation, found.get(SCHEDULE_KEY)


def read_generation(generation: int) -> None:
    """Note the generation just read from the shared cache (see ``known_generation``)."""
    global _last_read
    _last_read = (generation, time.monotonic())


def forget_generation() -> None:
    """Ask the shared cache for the generation next time (after a change in this process)."""
    global _last_read
    _last_read = None


def known_generation(max_age: float) -> int | None:
    """The generation this process read from the shared cache at most ``max_age``
    seconds ago, or None (always, for 0): a change made in this process forgets it
    at once, one made in another process is seen within ``max_age``."""
    last = _last_read
    if last is None or max_age <= 0 or time.monotonic() - last[1] > max_age:
        return None
    return last[0]


@dataclass
class _ImportRun:
    """What ``coalesced_emptying`` holds back: when it last emptied the cache and
    indexed, whether pages changed since, and the articles waiting for search text."""

    interval: float
    index_batch: int
    emptied_at: float = float("-inf")
    indexed_at: float = float("-inf")
    cache_stale: bool = False
    unindexed: set[int] = field(default_factory=set)

    def due(self, last: float) -> bool:
        return time.monotonic() - last >= self.interval


def empty_page_cache() -> None:
    """Make every cached page stale at once (inside ``coalesced_emptying``, at most once
    per its interval)."""
    run = getattr(_pending, "import_run", None)
    if run is not None:
        if not run.due(run.emptied_at):
            run.cache_stale = True
            return
        run.emptied_at, run.cache_stale = time.monotonic(), False
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        current_generation()
    forget_generation()  # this process's own change shows at once


def index_articles(article_ids: Iterable[int]) -> None:
    """Refresh the search text of ``article_ids`` (inside ``coalesced_emptying``, in batches)."""
    run = getattr(_pending, "import_run", None)
    if run is None:
        refresh_search_documents(article_ids=article_ids)
        return
    run.unindexed.update(article_ids)
    if len(run.unindexed) >= run.index_batch or run.due(run.indexed_at):
        waiting, run.unindexed, run.indexed_at = run.unindexed, set(), time.monotonic()
        refresh_search_documents(article_ids=waiting)


@contextmanager
def coalesced_emptying(
    *, interval: float = IMPORT_EMPTYING_INTERVAL, index_batch: int = IMPORT_INDEX_BATCH
):
    """Within this block, empty the page cache at most once per ``interval`` seconds,
    and once more at the end if content changed since; refresh search text in
    batches of ``index_batch`` articles or once per ``interval``, and at the end.

    An import writes several articles a second: emptying the cache after each
    left readers with no cache at all while it ran (`make stress`: 21 pages a
    second instead of 68), and indexing each article on its own was a quarter
    of the import's time. Readers see an imported article within about
    ``interval`` seconds, or when the run ends; browsers may keep a page for
    ``BROWSER_SECONDS`` anyway. Editors' saves in admin still show at once. A
    run stopped before it indexed what it wrote leaves articles without search
    text, which the next run finds and indexes (``stored_imports``).
    """
    _pending.import_run = _ImportRun(interval=interval, index_batch=index_batch)
    try:
        yield
    finally:
        run, _pending.import_run = _pending.import_run, None
        if run.unindexed:
            refresh_search_documents(article_ids=run.unindexed)
        if run.cache_stale or run.unindexed:
            empty_page_cache()


def _refresh(*, article_ids: set[int]) -> None:
    empty_page_cache()
    if article_ids:
        index_articles(article_ids)


_changes = CommitBatch(("article_ids",), _refresh)


def after_commit(*, article_ids: Iterable[int] = ()) -> None:
    """Refresh search text for ``article_ids`` and empty the page cache once this commits
    (once for all the rows a transaction saved)."""
    _changes.add(article_ids=article_ids)


def is_cacheable_request(request: HttpRequest) -> bool:
    """Whether the page cache may answer this request: an anonymous GET or HEAD.

    A session or a pending message means the page may differ for this visitor.
    """
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether ``response`` is a whole 200 page that is the same for every anonymous reader."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def page_lifetime(generation: int, known: tuple | None) -> int:
    """Seconds a page built under ``generation`` may be kept: no page outlives the
    moment a scheduled article appears, and none is kept over ``PAGE_SECONDS``.

    ``known`` is what ``SCHEDULE_KEY`` held (the page cache middleware reads it in the
    same round trip as the page). The next scheduled time is looked up again only when
    the generation moved on (content changed: an article may have been scheduled) or
    that time has passed, not for every page stored: on a cold page it was one of the
    few queries left.
    """
    now = timezone.now()
    if not _schedule_is_current(known, generation, now):
        # A count kept during this request (``kept_count``) may have looked it up.
        known = cache.get(SCHEDULE_KEY)
    if _schedule_is_current(known, generation, now):
        next_time = known[1]
    else:
        next_time = _next_scheduled(now)
        cache.set(SCHEDULE_KEY, (generation, next_time), PAGE_SECONDS)
    return _seconds_until(next_time, now)


def _schedule_is_current(known: tuple | None, generation: int, now) -> bool:
    return known is not None and known[0] == generation and (known[1] is None or known[1] > now)


def kept_count(name: str, count: Callable[[], int]) -> int:
    """``count()``, kept in the cache under ``name`` for as long as a cached page may be
    (the current generation, and not past the next scheduled publication).

    For the counts a page shows of everything published (a speaker's articles and
    quotes, the pages of a listing): they change only when content does, yet
    counting the 2,000 articles of the most quoted councillor was half the SQL of
    each of his pages (`make bench`), every page of them alike. The generation is
    read before counting, so a count racing an editor's change is kept as stale.

    Each process also keeps in memory the counts it read or counted, as it keeps
    pages (``from_memory``): a page built anew has just read the generation (the
    page cache's miss), so it asks the shared cache for none of its counts. Those
    round trips were a tenth of a speaker's page built from stored entries (py-spy
    on a gunicorn worker under `make bench`'s cold load).
    """
    key = COUNT_KEY.format(name=name)
    kept = from_memory(local_counts, key)
    if kept is None:
        kept, generation, schedule = read_current(key)
        if kept is None:
            counted = count()
            lifetime = page_lifetime(generation, schedule)
            kept = (generation, counted, time.time() + lifetime)
            cache.set(key, kept, lifetime)
        keep_in_memory(local_counts, key, kept)
    return kept[1]


def from_memory(copies: LocalCopies, key: str) -> tuple | None:
    """What ``copies`` holds under ``key``, if the generation this process read from the
    shared cache at most ``PAGE_CACHE_LOCAL_SECONDS`` ago is the one it was stored under
    (and it has not expired)."""
    generation = known_generation(settings.PAGE_CACHE_LOCAL_SECONDS)
    return None if generation is None else copies.get(key, generation)


def keep_in_memory(copies: LocalCopies, key: str, stored: tuple) -> None:
    """Keep ``stored``, just read from or written to the shared cache, in ``copies``
    (unless PAGE_CACHE_LOCAL_SECONDS is 0, which turns the memory off)."""
    if settings.PAGE_CACHE_LOCAL_SECONDS > 0:
        copies.put(key, stored)


class KeptCountPaginator(Paginator):
    """A ``Paginator`` whose count of all its objects is a ``kept_count`` under ``name``."""

    def __init__(self, object_list, per_page, *, name: str):
        super().__init__(object_list, per_page)
        self.name = name

    @cached_property
    def count(self) -> int:
        return kept_count(self.name, lambda: Paginator.count.func(self))


def _next_scheduled(now):
    scheduled = Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
    return scheduled.aggregate(next=Min("published_at"))["next"]


def _seconds_until(next_time, now) -> int:
    if next_time is None or next_time - now > timedelta(seconds=PAGE_SECONDS):
        return PAGE_SECONDS
    return max(1, int((next_time - now).total_seconds()))


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Make ``view`` (GET and HEAD only) a page the page cache may keep for anonymous readers.

    An anonymous reader's 200 page is made whole (a template rendered, a
    feed's chunks joined), given an ETag, public Cache-Control and
    ``Vary: Cookie``, and marked ``STORABLE``: ``PageCacheMiddleware`` then
    stores it, serves it until content changes and answers If-None-Match.
    Everyone else gets a fresh page marked private, never stored.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if not is_cacheable_request(request):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if isinstance(response, SimpleTemplateResponse):
            response.render()  # the sitemap views answer with unrendered templates
        if not is_cacheable_response(request, response):
            return response
        # Feeds arrive as ~1,000 small chunks, which gunicorn wrote to the
        # socket one by one; store and send one string.
        response.content = response.content
        set_response_etag(response)
        patch_cache_control(response, public=True, max_age=BROWSER_SECONDS)
        patch_vary_headers(response, ["Cookie"])
        setattr(response, STORABLE, True)
        return response

    return require_safe(wrapper)


def never_cache_preview(response: HttpResponse) -> HttpResponse:
    """Mark a staff preview so neither the server, a proxy nor a browser keeps it."""
    patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
