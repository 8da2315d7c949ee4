"""Query helpers (newsroom/db.py): prepared statements planned once a connection and
right on every one; upserts in one statement."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from newsroom.db import execute_prepared, numbered_placeholders, upsert

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="server-side prepared statements are PostgreSQL's"
)

DOUBLE = "SELECT CAST(%s AS integer) * 2, CAST(%s AS text)"


def _run(name: str, *params) -> tuple[tuple, list[str]]:
    with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
        execute_prepared(cursor, name=name, sql=DOUBLE, params=params)
        row = cursor.fetchone()
    return row, [query["sql"].split()[0] for query in queries]


def test_placeholders_are_numbered_in_order():
    """PREPARE wants $1, $2… where the query had %s, in the same order."""
    assert numbered_placeholders("a = %s AND b IN (%s, %s)") == "a = $1 AND b IN ($2, $3)"


@pytest.mark.parametrize("sql", ["a LIKE '50%'", "a = %s OR b LIKE '%%x'", "a = %(name)s"])
def test_other_percent_signs_are_refused(sql):
    """A % that is not a plain placeholder would be mangled, so it is refused."""
    with pytest.raises(ValueError, match="only %s placeholders"):
        numbered_placeholders(sql)


@pytest.mark.django_db
def test_a_name_that_is_not_an_identifier_is_refused():
    """The name is written into the SQL, so anything but an identifier is refused
    before any statement is sent, on every database."""
    with pytest.raises(ValueError, match="must be an identifier"):
        _run("x; DROP TABLE articles_article", 1, "a")


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_statement_is_prepared_once_a_connection_and_again_on_a_new_one():
    """The second run only executes; after a reconnect (the old session and its
    statements gone) the statement is prepared again instead of failing."""
    assert _run("doubled", 21, "a") == ((42, "a"), ["PREPARE", "EXECUTE"])
    assert _run("doubled", 5, "b") == ((10, "b"), ["EXECUTE"])
    connection.close()
    assert _run("doubled", 7, "c") == ((14, "c"), ["PREPARE", "EXECUTE"])


@on_postgresql
@pytest.mark.django_db
def test_prepared_statements_keep_one_generic_plan():
    """Left to itself, PostgreSQL plans a prepared statement afresh for its first
    five runs at least (and the article query for every run); the settings'
    plan_cache_mode makes it keep one plan from the start."""
    for number in range(8):
        _run("planned_once", number, "x")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = %s",
            ["planned_once"],
        )
        assert cursor.fetchone() == (8, 0)


@pytest.mark.django_db
def test_without_prepared_statements_the_query_is_sent_as_it_is(settings):
    """DATABASE_PREPARED_STATEMENTS=0 (behind a transaction pooler) sends plain queries."""
    settings.DATABASE_PREPARED_STATEMENTS = False
    assert _run("not_prepared", 4, "d") == ((8, "d"), ["SELECT"])


def _upsert_tags(rows: list[tuple], *, derived: bool = False) -> list[str]:
    """Upsert ``rows`` of (id, name, slug) into the tags table; the SQL sent."""
    with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
        upsert(
            cursor,
            table=Tag._meta.db_table,
            columns=("id", "name", "slug"),
            unique=("id",),
            rows=rows,
            derived=derived,
        )
    return [query["sql"] for query in queries]


@pytest.mark.django_db
def test_an_upsert_inserts_new_rows_and_replaces_existing_ones_in_one_statement():
    """Rows whose first column is new are added, the others replaced, in one statement
    with no BEGIN or COMMIT of its own (on SQLite those were two more per page)."""
    tag = Tag.objects.create(name="Old", slug="old")
    sent = _upsert_tags([(tag.pk, "New", "new"), (tag.pk + 1, "Two", "two")])
    assert len(sent) == 1
    assert list(Tag.objects.order_by("pk").values_list("name", "slug")) == [
        ("New", "new"),
        ("Two", "two"),
    ]


postgresql_commits = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="synchronous_commit is PostgreSQL's"
)


def _synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@postgresql_commits
@pytest.mark.django_db(transaction=True)
def test_derived_rows_commit_without_waiting_for_the_disk_and_only_they_do():
    """Outside a transaction, derived rows (stored pages, list entries) are written in
    one statement whose own commit does not wait for the log flush; the rows are
    there, and the connection's next commits (an editor's save) wait as before."""
    sent = _upsert_tags([(1, "Derived", "derived")], derived=True)
    assert len(sent) == 1 and sent[0].startswith("SET LOCAL synchronous_commit = off;")
    assert list(Tag.objects.values_list("name", flat=True)) == ["Derived"]
    assert _synchronous_commit() == "on"


@postgresql_commits
@pytest.mark.django_db
def test_inside_a_transaction_derived_rows_leave_its_commit_alone():
    """Inside a transaction (the tests' own, as an editor's save) the setting would
    cover every write of that transaction, so the statement is sent as it is."""
    sent = _upsert_tags([(1, "Derived", "derived")], derived=True)
    assert len(sent) == 1 and sent[0].startswith("INSERT")
    assert _synchronous_commit() == "on"
