"""How the public querysets reach PostgreSQL: the plans that keep the tag, person and
organisation pages quick as coverage grows (their results are tested with the pages)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag, TaggedItem

from articles.models import Article, Quote
from articles.public import articles_about, published_with_tag, visible_quotes
from tests.factories import ArticleFactory, OrganisationFactory, PersonFactory, QuoteFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's"),
]


def _plan(run, *, as_planned: bool = False) -> str:
    """PostgreSQL's plan for the last query ``run()`` makes; unless ``as_planned``, as a
    large table would get it (a test table is small enough for reading it whole to
    look cheapest)."""
    with CaptureQueriesContext(connection) as queries:
        run()
    with connection.cursor() as cursor:
        if not as_planned:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
        # psycopg2 gives the statement exactly as sent, parameters bound.
        cursor.execute(f"EXPLAIN {queries.captured_queries[-1]['sql']}")
        return "\n".join(row[0] for row in cursor.fetchall())


def _drop_single_column_indexes(model, column: str) -> None:
    """Drop, until the test's transaction rolls back, the plain indexes on ``column``:
    which of two usable indexes PostgreSQL picks for a few rows depends on what other
    tests left in its statistics; without them, only a usable index is used."""
    with connection.cursor() as cursor:
        table = model._meta.db_table
        for name, index in connection.introspection.get_constraints(cursor, table).items():
            if index["index"] and index["columns"] == [column]:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")


@pytest.mark.parametrize("speaker", ["person", "organisation"])
def test_a_speakers_visible_quotes_are_counted_from_an_index_alone(speaker):
    """A speaker's page counts the articles its visible quotes are in and the quotes
    themselves: read from the quotes' visible-speaker index, never the quote rows
    (the most-quoted person of 10,000 articles: 12 ms to 3.6, 7.4 ms to 3)."""
    entity = PersonFactory() if speaker == "person" else OrganisationFactory()
    spoken = {"speaker_person": None, f"speaker_{speaker}": entity}
    QuoteFactory.create_batch(3, **spoken)
    QuoteFactory(**spoken, status=Quote.Status.REJECTED)
    quotes = visible_quotes().filter(**{f"speaker_{speaker}": entity})
    _drop_single_column_indexes(Quote, f"speaker_{speaker}_id")
    for count in (articles_about(entity).count, quotes.count):
        assert f"Index Only Scan using visible_quote_{speaker}" in _plan(count)


def test_a_tag_page_walks_the_articles_newest_first_and_stops_at_the_page():
    """A tag's newest articles are found by walking the published articles newest
    first, by index, keeping the tagged ones until the page is full (a popular tag
    at 10,000 articles: 12 ms to 0.6). Joined to the tag instead, PostgreSQL read
    every article row to sort the tagged ones."""
    articles = Article.objects.bulk_create(ArticleFactory.build_batch(2_000))
    tag = Tag.objects.create(name="Housing", slug="housing")
    article_type = ContentType.objects.get_for_model(Article)
    TaggedItem.objects.bulk_create(
        TaggedItem(tag=tag, content_type=article_type, object_id=article.pk)
        for article in articles[::15]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article, taggit_taggeditem")
    plan = _plan(lambda: list(published_with_tag(tag)[:20]), as_planned=True)
    assert "Seq Scan on articles_article" not in plan, plan
    assert "Index Scan" in plan.split("on articles_article")[0].splitlines()[-1], plan
