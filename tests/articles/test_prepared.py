"""Querysets compiled once and run again with new values (articles.prepared)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from articles.prepared import NotPreparable, PreparedQuery
from articles.public import published_articles
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="queries are prepared on PostgreSQL only"
)


class CountingBuild:
    """A queryset builder that counts how often it is asked to build."""

    def __init__(self, build):
        self.build = build
        self.calls = 0

    def __call__(self, **values):
        self.calls += 1
        return self.build(**values)


def _headlines_published_by(*, at, headlines):
    """Those of ``headlines`` that articles published by ``at`` carry, newest first."""
    return published_articles(at=at).filter(headline__in=headlines).values("headline")


@pytest.fixture
def dated_articles():
    now = timezone.now()
    for days, headline in [(3, "Bridge closes"), (2, "Bridge reopens"), (1, "Ferry returns")]:
        ArticleFactory(headline=headline, published_at=now - timedelta(days=days))
    return now


@pytest.mark.parametrize("statement", ["", "test_headlines"])
def test_each_run_answers_for_its_own_values(dated_articles, statement):
    """The same prepared query, run with other headlines and another moment, returns
    what the queryset built from those values returns; as a server-side prepared
    statement (one per shape) too."""
    now = dated_articles
    prepared = PreparedQuery(_headlines_published_by, statement=statement)
    both = ["Bridge closes", "Bridge reopens"]
    runs = [
        (now, both, ["Bridge reopens", "Bridge closes"]),
        (now, ["Ferry returns", "Bridge closes"], ["Ferry returns", "Bridge closes"]),
        (now - timedelta(days=2, hours=12), both, ["Bridge closes"]),
        (now, ["Ferry returns"], ["Ferry returns"]),
        (now, ["Nothing"], []),
    ]
    for at, headlines, expected in runs:
        rows = prepared.rows(at=at, headlines=headlines)
        assert rows == list(_headlines_published_by(at=at, headlines=headlines))
        assert [row["headline"] for row in rows] == expected
    if statement and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM pg_prepared_statements WHERE name LIKE 'test_%'")
            assert sorted(name for (name,) in cursor.fetchall()) == [
                "test_headlines_0",
                "test_headlines_1",
            ]


def test_its_sql_runs_inside_a_larger_statement_with_each_runs_values(dated_articles):
    """``sql()`` gives the compiled SQL and this run's values, to be a subquery of
    another statement: each moment and set of headlines finds its own articles."""
    prepared = PreparedQuery(_headlines_published_by)
    both = ["Bridge closes", "Bridge reopens"]
    for at, expected in [(dated_articles, 2), (dated_articles - timedelta(days=2, hours=12), 1)]:
        sql, params = prepared.sql(at=at, headlines=both)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS found", params)  # noqa: S608
            assert cursor.fetchone() == (expected,)


@on_postgresql
def test_a_query_is_built_once_per_shape(dated_articles):
    """Runs with as many headlines as before reuse the compiled SQL; another number
    of them is a new shape, built once in its turn."""
    build = CountingBuild(_headlines_published_by)
    prepared = PreparedQuery(build)
    for headlines in (["Bridge closes"], ["Ferry returns"], ["A", "B"], ["C", "Ferry returns"]):
        prepared.rows(at=dated_articles, headlines=headlines)
    assert build.calls == 2


@on_postgresql
def test_a_value_the_sql_does_not_hold_as_given_is_refused(dated_articles):
    """``icontains`` passes ``%word%`` to the database, which no run could fill in:
    the first run says so instead of searching for the stand-in."""

    def headlines_containing(*, word):
        return Article.objects.filter(headline__icontains=word).values("headline")

    with pytest.raises(NotPreparable, match="headlines_containing"):
        PreparedQuery(headlines_containing).rows(word="bridge")


@on_postgresql
def test_a_value_written_into_the_sql_is_refused(dated_articles):
    """A value that reaches the parameters but is also written into the SQL itself
    would stay a stand-in there: refused too."""

    def headline_but_not_slug(*, word):
        not_slug = f"slug <> '{word}'"  # what no query of the site may do
        return Article.objects.filter(headline=word).extra(where=[not_slug]).values("pk")  # noqa: S610

    with pytest.raises(NotPreparable, match="headline_but_not_slug"):
        PreparedQuery(headline_but_not_slug).rows(word="Bridge closes")


def test_a_value_without_a_stand_in_is_refused():
    """Only text and times have stand-ins; a number is refused, not run."""
    prepared = PreparedQuery(lambda *, pk: Article.objects.filter(pk=pk).values("pk"))
    if connection.vendor == "postgresql":
        with pytest.raises(NotPreparable, match="int"):
            prepared.rows(pk=1)
    else:
        assert prepared.rows(pk=1) == []  # SQLite runs the queryset as built
