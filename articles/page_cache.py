"""The page cache's middleware: cached public pages served before the rest of the stack.

``PageCacheMiddleware`` sits right after SecurityMiddleware and WhiteNoise.
For an anonymous GET or HEAD (no session or messages cookie) it reads the
current generation, the next scheduled publication and the stored page in
one cache round trip; a page stored under another generation is a miss. A
hit is answered at once, with no session, user, database query or template,
which is what lets a cached page be served at a rate close to a static file's.

On a miss the request goes through the whole stack. When the view was one of
``public_page``'s and the response that comes back is still storable, the
middleware keeps it exactly as the inner middleware left it (CSP,
X-Frame-Options, Content-Length…), so a hit sends the same headers as the
miss did; SecurityMiddleware, outside, adds its own headers to both. Either
way, a matching If-None-Match gets 304 Not Modified.

The stored value is a plain tuple ``(generation, headers, body, expires_at)``:
cheaper to unpickle than a whole ``HttpResponse``, and tied to no class of ours.

Each process also keeps the pages it last found in the shared cache
(``local_copies.LocalCopies``) and serves them without asking Redis while the
generation it read at most ``PAGE_CACHE_LOCAL_SECONDS`` ago is the one they were
stored under, and not after they expire. A sync worker sits idle for the round
trip to Redis, which was a quarter of a cached page's time (`make bench`: cached
article page 69–80% of a static file's rate, about 105% from memory). A
change made in this process shows at once; one made in another process within
that second, well inside the minute browsers may keep a page anyway.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response

from .cache import (
    STORABLE,
    from_memory,
    is_cacheable_request,
    is_cacheable_response,
    keep_in_memory,
    page_lifetime,
    read_current,
)
from .local_copies import LocalCopies


def page_key(request: HttpRequest) -> str:
    """The cache key of the page at the request's method and full URL (host included)."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    # "v2": the stored tuple gained expires_at; pages stored as 3-tuples are never read.
    return f"reader:page:v2:{request.method}:{digest}"


local_pages = LocalCopies(settings.PAGE_CACHE_LOCAL_PAGES)


class PageCacheMiddleware:
    """Serve stored public pages to anonymous readers; store the ones ``public_page`` allows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        stored = from_memory(local_pages, key)
        if stored is None:
            stored, generation, schedule = _from_shared_cache(key)
        if stored is not None:
            response = _stored_response(stored)
        else:
            response = self.get_response(request)
            if not _is_storable(request, response):
                return response
            # The generation read before the page was built: if content changed
            # meanwhile, the page is stored as already stale and never served.
            lifetime = page_lifetime(generation, schedule)
            cache.set(key, _stored_value(generation, response, lifetime), lifetime)
        return get_conditional_response(request, etag=response.get("ETag"), response=response)


def _from_shared_cache(key: str) -> tuple[tuple | None, int, tuple | None]:
    """In one round trip (``read_current``): the page stored under ``key`` if it is
    current (then also kept in memory), the current generation, and the next scheduled
    publication as known."""
    stored, generation, schedule = read_current(key)
    # Only pages found here are kept in memory, not each page built: a crawler's
    # one-off visits never push out the pages readers keep asking for.
    if stored is not None:
        keep_in_memory(local_pages, key, stored)
    return stored, generation, schedule


def _is_storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether ``public_page`` marked the response storable and nothing after it undid that.

    Inner middleware may still set a cookie (CSRF, session) or mark the page
    private, and the key tells pages apart only by URL, so a page that varies
    on any header but Cookie (whose pages are never stored) is not kept.
    """
    vary = {value.strip().lower() for value in response.get("Vary", "").split(",")}
    return (
        getattr(response, STORABLE, False)
        and is_cacheable_response(request, response)
        and vary == {"cookie"}
    )


def _stored_value(generation: int, response: HttpResponse, lifetime: int) -> tuple:
    return (generation, tuple(response.items()), response.content, time.time() + lifetime)


def _stored_response(stored: tuple) -> HttpResponse:
    _generation, headers, body, _expires_at = stored
    return HttpResponse(body, headers=headers)
