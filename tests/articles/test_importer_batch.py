"""A batch of new articles is written in one transaction, as if imported one by one."""

from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.importer import import_article
from articles.importer.batch import import_new_articles
from articles.importer.bulk import unique_slugs
from articles.importer.results import Outcome
from articles.models import Article, Block, Quote
from people.models import Organisation, Person, PersonAlias
from tests.articles.parsed_builders import article, article_of_size, organisation, person, quote
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def story(n: int, **fields):
    """A new article naming the same (new) council leader and council as its neighbours."""
    leader = person("Amira Khan", "Ms Khan", role="council leader")
    return article(
        source=f"story-{n}.txt",
        headline=f"Story {n} about the budget",
        standfirst=f"Standfirst of story {n}.",
        paragraphs=(f"Paragraph one of story {n}.", ("subhead", "Reaction"), "The vote."),
        people=(leader,),
        organisations=(organisation("Riverside Council", acronym="RC", kind="government"),),
        quotes=(
            quote(f"We will balance story {n}.", "Ms Khan", blocks=(3, 3)),
            quote("It was close.", "Amira Khan", blocks=(1, 1)),
        ),
        tags=("Budget", f"Ward {n}"),
        **fields,
    )


def _named(imported: dict) -> dict:
    """``imported_values`` with names for the ids of people and organisations."""
    return {
        **imported,
        "people": sorted(Person.objects.filter(pk__in=imported["people"]).values_list("name")),
        "organisations": sorted(
            Organisation.objects.filter(pk__in=imported["organisations"]).values_list("name")
        ),
    }


def database_state() -> dict:
    """What readers and editors would see, without primary keys."""
    return {
        "articles": [
            (*row, _named(imported))
            for *row, imported in Article.objects.order_by("source_file").values_list(
                "source_file", "slug", "headline", "standfirst", "status", "imported_values"
            )
        ],
        "blocks": list(
            Block.objects.order_by("article__source_file", "position").values_list(
                "article__source_file", "position", "kind", "text"
            )
        ),
        "quotes": list(
            Quote.objects.order_by("article__source_file", "position").values_list(
                "article__source_file",
                "position",
                "text",
                "speaker_person__name",
                "speaker_organisation__name",
                "first_block__position",
                "last_block__position",
                "status",
            )
        ),
        "people": list(Person.objects.order_by("name").values_list("name", "slug", "role")),
        "aliases": sorted(PersonAlias.objects.values_list("person__name", "name")),
        "organisations": list(Organisation.objects.values_list("name", "acronym", "kind")),
        "mentions": sorted(
            Article.people.through.objects.values_list("article__slug", "person__name")
        ),
        "tags": sorted(
            (item.content_object.slug, item.tag.name) for item in Article.tags.through.objects.all()
        ),
        "history": sorted(
            (model.__name__, *row)
            for model in (Article, Block, Quote, Person, PersonAlias, Organisation)
            for row in model.history.values_list("history_type", "history_change_reason")
        ),
    }


def test_a_batch_writes_what_importing_one_by_one_writes():
    """Three new articles naming the same new person: one person, linked from all three,
    every quote attributed, and the same rows and history as three separate imports."""
    with transaction.atomic():
        for n in range(3):
            import_article(parsed=story(n), publish=True)
        one_by_one = database_state()
        transaction.set_rollback(True)

    results, left = import_new_articles(parsed_articles=[story(n) for n in range(3)], publish=True)

    assert database_state() == one_by_one
    assert left == []
    assert Person.objects.get().articles.count() == 3
    assert Quote.objects.filter(speaker_person__name="Amira Khan").count() == 6
    assert [r.outcome for r in results] == [Outcome.CREATED] * 3
    assert [r.people_created for r in results] == [("Amira Khan",), (), ()]
    assert [r.people_linked for r in results] == [(), ("Amira Khan",), ("Amira Khan",)]


def test_a_batch_links_to_people_already_known_and_fills_a_blank_role():
    Person.objects.create(name="Amira Khan", normalized_name="amira khan", slug="amira-khan")

    import_new_articles(parsed_articles=[story(1), story(2)])

    assert Person.objects.get().role == "council leader"
    assert Article.objects.filter(people__name="Amira Khan").count() == 2


def test_an_article_imported_meanwhile_is_left_for_the_one_by_one_path():
    """Another run may import a file between this run's check and its batch."""
    import_article(parsed=story(1))

    results, left = import_new_articles(parsed_articles=[story(1), story(2)])

    assert [parsed.source for parsed in left] == ["story-1.txt"]
    assert [result.source for result in results] == ["story-2.txt"]
    assert Article.objects.count() == 2


def _queries_for_batch(size: int) -> int:
    parsed = [
        article_of_size(20, 10, source=f"size-{n}.txt", standfirst=f"S{n}.") for n in range(size)
    ]
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            import_new_articles(parsed_articles=parsed)
        transaction.set_rollback(True)
    return len(queries)


def test_a_batch_costs_the_same_queries_for_three_articles_or_thirty():
    ContentType.objects.get_for_model(Article)  # cached per process, as in a real run
    assert _queries_for_batch(3) == _queries_for_batch(30)


def test_the_command_imports_new_files_in_batches_of_the_size_asked(tmp_path, monkeypatch):
    """``--batch-size 2`` over five new files: three transactions, every article whole."""
    for n in range(5):
        (tmp_path / f"story{n}.txt").write_text(f"Story {n} standfirst.\n\nIts body {n}.\n")
    batches = []
    real = import_new_articles

    def counting(*, parsed_articles, **options):
        batches.append(len(parsed_articles))
        return real(parsed_articles=parsed_articles, **options)

    monkeypatch.setattr("articles.management.commands.import_seeds.import_new_articles", counting)
    output = StringIO()
    call_command("import_seeds", str(tmp_path), "--batch-size", "2", stdout=output)

    assert batches == [2, 2, 1]
    assert "5 created" in output.getvalue()
    assert Block.objects.count() == 5


def test_a_batch_size_below_one_is_refused(tmp_path):
    with pytest.raises(Exception, match="--batch-size must be 1 or more"):
        call_command("import_seeds", str(tmp_path), "--batch-size", "0", stdout=StringIO())


def test_new_slugs_skip_every_taken_one_and_each_other():
    """Headlines that clash with existing slugs, or with each other in one batch,
    get the next free number; a longer slug sharing the start clashes with nothing."""
    for slug in ("budget-passes", "budget-passes-2", "budget-passes-review", "budget-pass"):
        ArticleFactory(slug=slug)
    headlines = ["Budget passes", "Budget passes", "Budget pass", "New bridge"]
    assert unique_slugs(Article, headlines) == [
        "budget-passes-3",
        "budget-passes-4",
        "budget-pass-2",
        "new-bridge",
    ]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_finding_taken_slugs_searches_the_slug_index_rather_than_every_article():
    """A prefix match SQLite must scan for made every batch of an import slower as
    the table grew; the slug index answers the range the importer asks."""
    ArticleFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        unique_slugs(Article, ["Budget passes", "New bridge"])
    (lookup,) = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {lookup['sql']}")
        plan = " / ".join(row[-1] for row in cursor.fetchall())
    assert "SEARCH articles_article USING COVERING INDEX" in plan, plan
    assert "SCAN" not in plan, plan
