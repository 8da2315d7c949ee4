"""import_seeds with files parsed in worker processes, and its search text written in batches."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles import ingest
from articles.cache import coalesced_emptying
from articles.importer import import_article
from articles.importer.loader import ANALYZE_AFTER_ARTICLES
from articles.importer.reading import PARALLEL_MIN_FILES
from articles.ingest import read_article
from articles.models import Article, Block, Quote, SearchDocument
from articles.search import search
from people.models import Person
from tests.robustness.corpus import article_text, write_articles

# Search text is written after each article's transaction commits: these
# tests need real commits.
pytestmark = pytest.mark.django_db(transaction=True)


def test_files_parsed_in_worker_processes_import_in_order_and_a_bad_file_fails_alone(tmp_path):
    """With more files than the parallel threshold and two parser processes, every good
    file becomes an article, the report lists them in file order, and a file that is
    not an article is named in one line without stopping the others."""
    count = PARALLEL_MIN_FILES + 5
    write_articles(tmp_path, count)
    (tmp_path / "0000-broken.txt").write_bytes(b"\xff\xfe\x00not text\x00")
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="1 of 26 files failed"):
        call_command("import_seeds", str(tmp_path), "--jobs", "2", stdout=out, stderr=err)

    assert Article.objects.count() == count
    assert err.getvalue().count("\n") == 1
    assert "0000-broken.txt" in err.getvalue()
    created = [line.split(":")[0] for line in out.getvalue().splitlines() if line[:8] == "created "]
    names = sorted(path.name for path in tmp_path.glob("*.txt") if "broken" not in path.name)
    assert created == [f"created {name}" for name in names]


def test_an_import_run_makes_every_article_it_wrote_searchable_by_its_end(tmp_path):
    """Search text is written in batches during a run, but when the command returns a
    word from the last file's text finds that article."""
    write_articles(tmp_path, PARALLEL_MIN_FILES + 1)
    call_command("import_seeds", str(tmp_path), "--publish", "--jobs", "2", stdout=StringIO())

    assert SearchDocument.objects.count() == Article.objects.count() == PARALLEL_MIN_FILES + 1
    last = Article.objects.order_by("-pk").first()
    found = search(last.headline.split(",")[0]).articles
    assert last.get_absolute_url() in [hit.url for hit in found]


def test_within_an_import_run_search_text_waits_for_a_full_batch(tmp_path):
    """Inside ``coalesced_emptying`` an article's search text is written once a batch
    fills (or at the end of the block), not after each article."""
    for number in range(4):
        (tmp_path / f"{number}.txt").write_text(article_text(number), encoding="utf-8")
    files = sorted(tmp_path.glob("*.txt"))

    with coalesced_emptying(interval=3600, index_batch=3):
        import_article(parsed=read_article(files[0]))  # the run's first: indexed at once
        import_article(parsed=read_article(files[1]))
        assert SearchDocument.objects.count() == 1
        import_article(parsed=read_article(files[2]))  # the batch of three is full
        assert SearchDocument.objects.count() == 3
        import_article(parsed=read_article(files[3]))
        assert SearchDocument.objects.count() == 3
    assert SearchDocument.objects.count() == 4  # the end of the run indexes the rest


def test_a_large_run_on_postgresql_refreshes_the_planners_statistics(tmp_path):
    """Pages stay fast straight after a big import: the run ends with ANALYZE, so the
    planner knows how many articles there now are."""
    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")
    write_articles(tmp_path, ANALYZE_AFTER_ARTICLES)

    call_command("import_seeds", str(tmp_path), "--publish", stdout=StringIO())

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'articles_article'")
        assert cursor.fetchone()[0] == ANALYZE_AFTER_ARTICLES
        # and what person pages and search read besides the articles
        for model in (Block, Quote, Person, Article.people.through):
            table = model._meta.db_table
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            assert cursor.fetchone()[0] == model.objects.count() > 0, table


def test_a_worker_reads_its_files_each_with_its_own_result(tmp_path, monkeypatch):
    """A worker parses several files per task: each file keeps its own article or
    error, in order, and an unexpected error carries the worker's traceback."""
    write_articles(tmp_path, 2)
    good, other = sorted(tmp_path.glob("*.txt"))
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe\x00not text\x00")
    crashing = tmp_path / "crashing.txt"
    crashing.write_text(article_text(7), encoding="utf-8")
    real_parse = ingest.parse_article

    def parse(text, *, source, checksum=""):
        if source == "crashing.txt":
            raise ZeroDivisionError("a parser bug")
        return real_parse(text, source=source, checksum=checksum)

    monkeypatch.setattr(ingest, "parse_article", parse)
    results = ingest.read_articles([good, broken, crashing, other])

    assert [type(result).__name__ for result in results] == [
        "ParsedArticle",
        "IngestError",
        "ZeroDivisionError",
        "ParsedArticle",
    ]
    assert (results[0].source, results[3].source) == (good.name, other.name)
    assert "In the parser process" in results[2].__notes__[0]
    assert "raise ZeroDivisionError" in results[2].__notes__[0]
