"""Pages each process keeps in memory (articles/page_cache.py): served without asking
the shared cache, never past a change made here, past one made elsewhere for at most
PAGE_CACHE_LOCAL_SECONDS, or past their own expiry."""

import time

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles import page_cache
from articles.cache import GENERATION_KEY
from articles.local_copies import LocalCopies
from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache_reads(monkeypatch):
    """How many times the page cache asked the shared cache (Redis) for a page (not
    for a kept count, ``cache.kept_count``)."""
    reads = []
    get_many = cache.get_many

    def counted(keys, *args, **kwargs):
        if any(key.startswith("reader:page:") for key in keys):
            reads.append(keys)
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "get_many", counted)
    return reads


@pytest.fixture
def later(monkeypatch):
    """Move this process's monotonic clock on by some seconds."""
    real = time.monotonic

    def move_on(seconds: float) -> None:
        monkeypatch.setattr(time, "monotonic", lambda: real() + seconds)

    return move_on


def _retitled_elsewhere(article: Article, headline: str) -> None:
    """What another worker's save does as far as this process can tell: the row
    changes (``updated_at`` too) and the shared generation moves on, with no signal here."""
    Article.objects.filter(pk=article.pk).update(headline=headline, updated_at=timezone.now())
    cache.incr(GENERATION_KEY)


def test_a_page_found_in_the_shared_cache_is_then_served_from_memory(client, shared_cache_reads):
    """The first visit builds the page, the second finds it in the shared cache and keeps
    it, the third is answered from memory, with the same page, without a round trip."""
    article = ArticleFactory()
    pages = [client.get(article.get_absolute_url()) for _ in range(3)]
    assert len(shared_cache_reads) == 2
    assert pages[2].content == pages[0].content
    assert dict(pages[2].items()) == dict(pages[0].items())


def test_a_change_made_in_this_process_shows_at_once(client, django_capture_on_commit_callbacks):
    """A save here empties the cache and forgets the generation this process knew."""
    article = ArticleFactory(headline="Before the save")
    for _ in range(2):
        client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "After the save"
        article.save()
    assert b"After the save" in client.get("/").content


def test_a_change_made_elsewhere_shows_within_the_local_seconds(client, settings, later):
    """Another worker's change reaches this one's readers once the generation it read
    is older than PAGE_CACHE_LOCAL_SECONDS, not before."""
    settings.PAGE_CACHE_LOCAL_SECONDS = 1.0
    article = ArticleFactory(headline="First headline")
    for _ in range(2):
        client.get("/")
    _retitled_elsewhere(article, "Second headline")
    assert b"First headline" in client.get("/").content
    later(1.5)
    assert b"Second headline" in client.get("/").content


def test_with_no_local_seconds_every_visit_asks_the_shared_cache(
    client, settings, shared_cache_reads
):
    """PAGE_CACHE_LOCAL_SECONDS = 0 turns the memory off: another worker's change shows
    on the next visit."""
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    article = ArticleFactory(headline="First headline")
    for _ in range(3):
        client.get("/")
    assert len(shared_cache_reads) == 3
    _retitled_elsewhere(article, "Second headline")
    assert b"Second headline" in client.get("/").content


def test_a_page_in_memory_is_never_served_after_it_expires():
    """A page stored until the next scheduled article appears leaves memory then too."""
    pages = LocalCopies(size=4)
    pages.put("soon", (7, (), b"page", time.time() - 0.001))
    pages.put("later", (7, (), b"page", time.time() + 60))
    assert pages.get("soon", 7) is None
    assert pages.get("later", 7) is not None


def test_a_page_in_memory_is_served_only_under_its_generation():
    pages = LocalCopies(size=4)
    pages.put("home", (7, (), b"page", time.time() + 60))
    assert pages.get("home", 8) is None
    assert pages.get("home", 7) is None  # dropped when found stale


def test_memory_keeps_the_most_recently_used_pages_only():
    """At most ``size`` pages; the one asked for longest ago goes first."""
    pages = LocalCopies(size=2)
    for key in ("a", "b"):
        pages.put(key, (1, (), key.encode(), time.time() + 60))
    pages.get("a", 1)
    pages.put("c", (1, (), b"c", time.time() + 60))
    assert [key for key in "abc" if pages.get(key, 1)] == ["a", "c"]
