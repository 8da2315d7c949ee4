"""The loader's query count per article does not grow with paragraphs, quotes or names."""

from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.importer import import_article
from articles.models import Article
from tests.articles.parsed_builders import article_of_size

pytestmark = pytest.mark.django_db

SMALL = (5, 2)  # paragraphs, quotes
LARGE = (60, 30)


@pytest.fixture(autouse=True)
def _content_types_cached():
    """Django caches content types per process; warm it so only per-article queries count."""
    ContentType.objects.get_for_model(Article)


def queries_for(action) -> int:
    """Queries ``action`` runs, measured inside a savepoint that is then rolled back."""
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            action()
        transaction.set_rollback(True)
    return len(queries)


def test_creating_a_long_article_costs_no_more_queries_than_a_short_one():
    small = queries_for(lambda: import_article(parsed=article_of_size(*SMALL)))
    large = queries_for(lambda: import_article(parsed=article_of_size(*LARGE)))
    assert small == large
    assert small <= 35


def test_linking_to_known_people_costs_no_more_queries_for_a_long_article():
    import_article(parsed=article_of_size(3, 1, source="earlier.txt", standfirst="Earlier."))
    small = queries_for(lambda: import_article(parsed=article_of_size(*SMALL)))
    large = queries_for(lambda: import_article(parsed=article_of_size(*LARGE)))
    assert small == large


def test_updating_a_long_article_costs_no_more_queries_than_a_short_one():
    """Every paragraph and quote rewritten, as when a file is edited throughout."""

    def update(size) -> int:
        import_article(parsed=article_of_size(*size))
        rewritten = article_of_size(*size, revision=" Updated.", standfirst="Rewritten.")
        return queries_for(lambda: import_article(parsed=rewritten))

    small = update(SMALL)
    Article.objects.all().delete()
    large = update(LARGE)
    assert small == large
    assert Article.objects.get().blocks.count() == LARGE[0]  # the measured update rolled back


def test_a_second_run_over_unchanged_files_costs_one_query_in_all(
    tmp_path, django_capture_on_commit_callbacks
):
    for n in range(5):
        (tmp_path / f"story{n}.txt").write_text(f"Story {n} standfirst.\n\nIts body {n}.\n")
    with django_capture_on_commit_callbacks(execute=True):  # indexed, as after a real run
        call_command("import_seeds", str(tmp_path), stdout=StringIO(), stderr=StringIO())

    output = StringIO()
    with CaptureQueriesContext(connection) as queries:
        call_command("import_seeds", str(tmp_path), stdout=output, stderr=StringIO())
    assert len(queries) == 1
    assert "5 unchanged" in output.getvalue()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_finding_the_article_a_file_made_uses_the_source_file_index():
    """Looking up an article by its file stays an index search as the table grows, so
    big imports do not slow down with every article they add."""
    query = Article.objects.imported_from(["story.txt"]).only("pk").query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "unique_article_source_file" in plan
    assert "SCAN articles_article" not in plan
