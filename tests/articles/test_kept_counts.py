"""Counts the public pages show (a speaker's quotes, how many pages of articles a
speaker, tag or the home page has) are counted once and kept for as long as a cached
page would be: until content changes or a scheduled article appears.

Each test views a page at addresses the page cache has not seen, so the page is built
each time and only the kept counts can spare it the counting.
"""

import re
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import cache as reader_cache
from articles.cache import GENERATION_KEY, empty_page_cache, kept_count
from articles.models import Article, Quote
from tests.factories import ArticleFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db

_visits = iter(range(1_000_000))


def _view(client, url: str) -> tuple[str, int]:
    """The page at an address not asked for before, and how many COUNT queries it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{url}?visit={next(_visits)}")
    assert response.status_code == 200
    counting = [query for query in queries.captured_queries if "COUNT(" in query["sql"]]
    return response.content.decode(), len(counting)


@pytest.fixture
def count_reads(monkeypatch):
    """The kept counts asked of the shared cache (Redis), by key."""
    reads = []
    get_many = cache.get_many

    def counted(keys, *args, **kwargs):
        reads.extend(key for key in keys if key.startswith("reader:count:"))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(reader_cache.cache, "get_many", counted)
    return reads


def _quote_count(html: str) -> int:
    return int(re.search(r'Quotes <span class="count">\((\d+)\)</span>', html).group(1))


def _quoted_in_articles(person, count: int, **article_fields) -> list[Article]:
    articles = ArticleFactory.create_batch(count, **article_fields)
    for article in articles:
        QuoteFactory(article=article, speaker_person=person)
        article.people.add(person)
    return articles


def test_a_speakers_counts_are_counted_once_while_nothing_changes(client):
    """The first view of a person quoted in 21 articles counts their quotes and
    articles; the next views show the same counts and pages without counting."""
    person = PersonFactory()
    _quoted_in_articles(person, 21)
    first, counted = _view(client, person.get_absolute_url())
    assert counted == 2
    assert _quote_count(first) == 21 and "Page 1 of 2" in first
    again, counted_again = _view(client, person.get_absolute_url())
    assert counted_again == 0
    assert _quote_count(again) == 21 and "Page 1 of 2" in again


def test_a_page_built_again_takes_its_counts_from_this_processs_memory(client, count_reads):
    """Built again at a new address, a speaker's page shows the counts its first build
    kept without counting them or asking the shared cache for them (a round trip each)."""
    person = PersonFactory()
    _quoted_in_articles(person, 21)
    _view(client, person.get_absolute_url())
    assert len(count_reads) == 2
    again, counted = _view(client, person.get_absolute_url())
    assert counted == 0 and len(count_reads) == 2
    assert _quote_count(again) == 21 and "Page 1 of 2" in again


def test_a_count_changed_by_another_worker_shows_on_the_next_page_built(client):
    """Another worker's change (rows changed, the shared generation moved on, nothing
    signalled here) shows in the counts of the next page this process builds."""
    person = PersonFactory()
    _quoted_in_articles(person, 3)
    assert _quote_count(_view(client, person.get_absolute_url())[0]) == 3
    rejected = Quote.objects.filter(speaker_person=person).first()
    Quote.objects.filter(pk=rejected.pk).update(status=Quote.Status.REJECTED)
    cache.incr(GENERATION_KEY)
    assert _quote_count(_view(client, person.get_absolute_url())[0]) == 2


def test_a_rejected_quote_leaves_the_speakers_count_at_once(client, on_commit):
    """An editor rejecting one of a person's quotes changes the count their page shows
    on the next view."""
    person = PersonFactory()
    _quoted_in_articles(person, 3)
    assert _quote_count(_view(client, person.get_absolute_url())[0]) == 3
    with on_commit():
        quote = Quote.objects.filter(speaker_person=person).first()
        quote.status = Quote.Status.REJECTED
        quote.save()
    assert _quote_count(_view(client, person.get_absolute_url())[0]) == 2


def test_a_newly_published_article_changes_the_home_pages_count(client, on_commit):
    """Twenty articles fit the home page; publishing a twenty-first gives it a second page."""
    ArticleFactory.create_batch(20)
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    assert "Page 1 of" not in _view(client, "/")[0]
    with on_commit():
        draft.status, draft.published_at = Article.Status.PUBLISHED, timezone.now()
        draft.save()
    assert "Page 1 of 2" in _view(client, "/")[0]


def test_a_scheduled_article_counts_once_its_time_comes(client):
    """A quote in an article scheduled a moment ahead counts on the speaker's page as
    soon as the article appears, with no editor's change in between."""
    person = PersonFactory()
    _quoted_in_articles(person, 1)
    appears_at = timezone.now() + timedelta(seconds=1.5)
    _quoted_in_articles(person, 1, published_at=appears_at)
    assert _quote_count(_view(client, person.get_absolute_url())[0]) == 1
    time.sleep((appears_at - timezone.now()).total_seconds() + 0.1)
    assert _quote_count(_view(client, person.get_absolute_url())[0]) == 2


def test_a_count_taken_while_content_changed_is_not_kept():
    """A count that an editor's change overtook (the cache emptied while counting) is
    counted again next time, not kept as current."""
    counted = []

    def count() -> int:
        counted.append(len(counted) + 1)
        if len(counted) == 1:
            empty_page_cache()  # an editor's change commits while this counts
        return counted[-1]

    assert kept_count("test", count) == 1
    assert kept_count("test", count) == 2
    assert kept_count("test", count) == 2
