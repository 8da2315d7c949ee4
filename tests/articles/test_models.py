from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from articles.models import Article, Block, Quote
from tests.factories import (
    ArticleFactory,
    BlockFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db


def test_quote_with_person_and_organisation_as_speaker_is_rejected_by_database():
    """The database refuses a quote spoken by both a person and an organisation."""
    quote = QuoteFactory()
    quote.speaker_organisation = OrganisationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(speaker_organisation=quote.speaker_organisation)


def test_quote_may_have_person_organisation_or_no_speaker():
    QuoteFactory(speaker_person=PersonFactory())
    QuoteFactory(speaker_person=None, speaker_organisation=OrganisationFactory())
    QuoteFactory(speaker_person=None)
    assert Quote.objects.count() == 3


def test_quote_full_clean_explains_single_speaker_rule():
    """Admin forms get a readable message rather than a database error."""
    from django.core.exceptions import ValidationError

    quote = QuoteFactory.build(
        article=ArticleFactory(),
        speaker_person=PersonFactory(),
        speaker_organisation=OrganisationFactory(),
    )
    with pytest.raises(ValidationError, match="not both"):
        quote.full_clean()


def test_article_slugs_are_unique():
    ArticleFactory(slug="mayor-resigns")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(slug="mayor-resigns")


def test_two_articles_cannot_come_from_the_same_source_file():
    ArticleFactory(source_file="000_a.txt")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(source_file="000_a.txt")
    # Articles written in admin have no source file, and there can be many.
    ArticleFactory(source_file="")
    ArticleFactory(source_file="")


def test_published_excludes_drafts_review_and_future_articles():
    now = timezone.now()
    visible = ArticleFactory(status=Article.Status.PUBLISHED, published_at=now - timedelta(1))
    ArticleFactory(status=Article.Status.DRAFT, published_at=now - timedelta(1))
    ArticleFactory(status=Article.Status.REVIEW, published_at=now - timedelta(1))
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=now + timedelta(minutes=5))
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)

    assert list(Article.objects.published()) == [visible]


def test_scheduled_article_becomes_public_when_its_time_comes(settings):
    """No cron: a future-dated published article is visible once the clock passes it."""
    article = ArticleFactory(published_at=timezone.now() + timedelta(seconds=1))
    assert not Article.objects.published().exists()
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(1))
    assert list(Article.objects.published()) == [article]


def test_blocks_are_read_in_position_order():
    article = ArticleFactory()
    BlockFactory(article=article, position=3, text="third")
    BlockFactory(article=article, position=1, text="first")
    BlockFactory(article=article, position=2, text="second")
    assert [b.text for b in article.blocks.all()] == ["first", "second", "third"]


def test_quote_keeps_pointing_at_its_paragraph_when_editor_inserts_one_before_it():
    article = ArticleFactory()
    quoted = BlockFactory(article=article, position=2, text="“We will appeal,” she said.")
    quote = QuoteFactory(article=article, first_block=quoted, last_block=quoted)
    BlockFactory(article=article, position=1, text="A new first paragraph.")
    quote.refresh_from_db()
    assert quote.first_block.text == "“We will appeal,” she said."


def test_article_str_and_url():
    article = ArticleFactory(headline="Mayor resigns", slug="mayor-resigns")
    assert str(article) == "Mayor resigns"
    assert article.get_absolute_url() == "/articles/mayor-resigns/"


def _indexes(model) -> list[list[str]]:
    """The columns of each index on ``model``'s table, primary key aside."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return [c["columns"] for c in constraints.values() if c["index"] and not c["primary_key"]]


def test_history_tables_index_only_what_history_pages_look_rows_up_by():
    """An object's history is read by its id and date; copies of the tracked
    tables' other indexes only slowed every save and import (migration 0005)."""
    for model in (Article, Block, Quote):
        indexes = _indexes(model.history.model)
        assert ["id"] in indexes and ["history_date"] in indexes
        assert {tuple(columns) for columns in indexes} <= {
            ("id",),
            ("history_date",),
            ("history_user_id",),
        }


def test_quote_status_and_block_order_each_have_one_index():
    """The review queue filters quotes by status, and an article's blocks are read
    in order: one index each, no second one for the database to keep up."""
    assert _indexes(Quote).count(["status"]) == 1
    assert [columns for columns in _indexes(Block) if columns[0] == "article_id"] == [
        ["article_id", "position"]
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
def test_the_published_articles_a_list_joins_are_read_from_the_listing_index_alone():
    """Tag, person and organisation pages count and list their articles "among the
    published ones": the ids come from the listing index, never the wide article rows
    (the tag page's count: 7.8 ms reading 10,000 rows, 2.0 ms from the index)."""
    ArticleFactory.create_batch(3)
    ids = Article.objects.published().values("id").query
    sql, params = ids.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using article_listing" in plan, plan
