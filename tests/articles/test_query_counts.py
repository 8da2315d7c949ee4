"""Each page type runs the same number of queries however much content there is.

Every test renders a page with little content, then with a lot, and asserts
the exact count both times with ``django_assert_num_queries``. The counts
include the one query the page cache makes when it stores a page. Pages built
from stored parts (``articles.renders``, ``articles.entries``) are counted the
first time, when those are built and stored, and again once they are.
"""

import pytest
from django.core.cache import cache

from articles.models import ArticleEntry
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    BlockFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db


def _assert_queries(
    client, django_assert_num_queries, url: str, expected: int, *, counts_kept=False
) -> None:
    """With ``counts_kept``, the page at a new address, built from the counts the last
    build kept (``cache.kept_count``); else with the cache emptied, as after a change."""
    if counts_kept:
        url = f"{url}{'&' if '?' in url else '?'}again=1"
    else:
        cache.clear()
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def _article_with_quotes(count: int, *, person=None, organisation=None):
    article = ArticleFactory()
    article.tags.add("Housing", "Council")
    for i in range(count):
        block = BlockFactory(article=article, position=i + 1)
        speaker = person or PersonFactory()
        article.people.add(speaker)
        QuoteFactory(
            article=article,
            speaker_person=None if organisation else speaker,
            speaker_organisation=organisation,
            first_block=block,
            last_block=block,
        )
        BlockFactory(article=article, position=100 + i, kind="caption", text=speaker.name)
    if organisation:
        article.organisations.add(organisation)
    return article


@pytest.mark.parametrize("quotes", [1, 30])
def test_article_page_query_count_is_constant(client, django_assert_num_queries, quotes):
    """An article with 1 or 30 quotes, speakers and captions costs 10 queries built
    afresh (one stores its page), then 2 while that page is current: the article with
    its page and which related articles are published, the next scheduled one."""
    article = _article_with_quotes(quotes)
    related = ArticleFactory()
    related.people.add(*article.people.all())
    # On PostgreSQL a connection's first article page also prepares its query, once.
    client.get(related.get_absolute_url())
    _assert_queries(client, django_assert_num_queries, article.get_absolute_url(), 10)
    _assert_queries(client, django_assert_num_queries, article.get_absolute_url(), 2)


@pytest.mark.parametrize("articles", [1, 50])
def test_listing_pages_query_counts_are_constant(client, django_assert_num_queries, articles):
    """Home and tag pages cost the same with 1 or 50 articles, each quoted and tagged:
    6 and 7 queries while their list entries are built and stored (the articles'
    tags, their quotes, the upsert), then 3 and 4 (the articles read with their
    entries), then 1 and 2 while the count of their articles is kept."""
    for _ in range(articles):
        _article_with_quotes(2)
    second_home = "/?page=2" if articles > 20 else "/"
    for url, built, stored, kept in [
        ("/", 6, 3, 1),
        (second_home, 6, 3, 1),
        ("/tags/housing/", 7, 4, 2),
    ]:
        ArticleEntry.objects.all().delete()
        _assert_queries(client, django_assert_num_queries, url, built)
        _assert_queries(client, django_assert_num_queries, url, stored)
        _assert_queries(client, django_assert_num_queries, url, kept, counts_kept=True)


def _prepare_speaker_statements(client, speaker, mentions: str) -> None:
    """On PostgreSQL a connection's first speaker page also prepares its statements,
    once (``people.pages``): another speaker's page is asked for first."""
    getattr(ArticleFactory(), mentions).add(speaker)
    assert client.get(speaker.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("quotes", [1, 30])
def test_person_page_query_count_is_constant(client, django_assert_num_queries, quotes):
    """A person quoted 1 or 30 times across articles, with affiliations, costs 8
    queries while the articles' entries are built (their quotes, the upsert), then 6
    (the articles read with their entries; the 30 span two pages), then 3 while
    their counts of articles and quotes are kept."""
    person = PersonFactory()
    AffiliationFactory(person=person)
    AffiliationFactory(person=person)
    for _ in range(quotes):
        _article_with_quotes(1, person=person)
    _prepare_speaker_statements(client, PersonFactory(), "people")
    url = person.get_absolute_url()
    _assert_queries(client, django_assert_num_queries, url, 8)
    _assert_queries(client, django_assert_num_queries, url, 6)
    _assert_queries(client, django_assert_num_queries, url, 3, counts_kept=True)


@pytest.mark.parametrize("quotes", [1, 30])
def test_organisation_page_query_count_is_constant(client, django_assert_num_queries, quotes):
    """An organisation quoted 1 or 30 times, with members, costs 8 queries while the
    articles' entries are built, then 6, then 3 while its counts are kept."""
    organisation = OrganisationFactory()
    AffiliationFactory.create_batch(3, organisation=organisation)
    for _ in range(quotes):
        _article_with_quotes(1, organisation=organisation)
    _prepare_speaker_statements(client, OrganisationFactory(), "organisations")
    url = organisation.get_absolute_url()
    _assert_queries(client, django_assert_num_queries, url, 8)
    _assert_queries(client, django_assert_num_queries, url, 6)
    _assert_queries(client, django_assert_num_queries, url, 3, counts_kept=True)


@pytest.mark.parametrize("people", [1, 50])
def test_index_pages_query_counts_are_constant(client, django_assert_num_queries, people):
    """People and organisation indexes cost 3 queries with 1 or 50 entries."""
    article = ArticleFactory()
    article.people.add(*PersonFactory.create_batch(people))
    article.organisations.add(*OrganisationFactory.create_batch(people))
    _assert_queries(client, django_assert_num_queries, "/people/", 3)
    _assert_queries(client, django_assert_num_queries, "/organisations/", 3)


@pytest.mark.parametrize("matches", [1, 30])
def test_search_query_count_is_constant(client, django_assert_num_queries, matches):
    """A search matching 1 or 30 articles, quotes and people costs 5 queries: articles,
    quotes, names of people and organisations (one query for both), one more for the
    publication of the people whose names matched, and the one storing the page."""
    for _ in range(matches):
        person = PersonFactory(name="Councillor Example")
        article = ArticleFactory(headline="Council meets")
        article.people.add(person)
        QuoteFactory(article=article, speaker_person=person, text="The council will decide")
    # On PostgreSQL a connection's first search also prepares the names probe, once.
    assert client.get("/search/?q=harbour").status_code == 200
    _assert_queries(client, django_assert_num_queries, "/search/?q=council", 5)


@pytest.mark.parametrize("articles", [1, 50])
def test_feeds_and_sitemaps_query_counts_are_constant(client, django_assert_num_queries, articles):
    """Feeds and sitemaps cost the same with 1 or 50 tagged articles."""
    person = PersonFactory()
    for _ in range(articles):
        _article_with_quotes(1, person=person)
    for url, expected in [
        ("/feed/", 3),
        ("/feed/atom/", 3),
        ("/tags/housing/feed/", 4),
        (f"{person.get_absolute_url()}feed/", 4),
        ("/sitemap.xml", 8),
        ("/sitemap-articles.xml", 3),
        ("/sitemap-people.xml", 3),
        ("/sitemap-tags.xml", 3),
        ("/news-sitemap.xml", 3),
    ]:
        _assert_queries(client, django_assert_num_queries, url, expected)
