"""bench/admin.py: a real run against a tiny site times both changelists, logged in."""

import sqlite3
from urllib.parse import quote

import pytest

from bench import admin
from bench.environment import manage, production_env
from tests.bench.contexts import quick_context
from tests.robustness.corpus import write_articles

ARTICLES = 8
QUOTES_PER_ARTICLE = 5  # what tests/robustness/corpus.py writes


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    work = tmp_path_factory.mktemp("admin")
    database = work / "site.sqlite3"
    env = production_env(work, f"sqlite:///{database}")
    manage(env, "migrate", "--noinput")
    write_articles(work / "articles", ARTICLES)
    manage(env, "import_seeds", "--publish", str(work / "articles"))
    context = quick_context(work, ARTICLES, loaded={"sqlite": f"sqlite:///{database}"})
    return database, admin.run(context)


def test_both_changelists_and_their_searches_are_timed(measured):
    _, result = measured
    results = result.figures["results"]
    assert set(results) == {"article", "quote", "article_search", "quote_search", "article_name"}
    assert results["article"]["path"] == "/admin/articles/article/"
    assert results["quote"]["path"] == "/admin/articles/quote/"
    assert results["article_search"]["path"].startswith("/admin/articles/article/?q=")
    for name, figures in results.items():
        assert 0 < figures["median_ms"] <= figures["max_ms"], name
        assert figures["queries"] == len(figures["sql"]) > 0, name
        assert all(query["ms"] >= 0 for query in figures["sql"]), name


def test_the_article_list_is_also_searched_for_the_surname_mentioned_most(measured):
    """As an editor looking for someone's coverage would: the person in most articles."""
    database, result = measured
    with sqlite3.connect(database) as connection:
        [(name, _mentions), *_] = connection.execute(
            "SELECT person.name, COUNT(*) FROM people_person AS person"
            " JOIN articles_article_people AS mention ON mention.person_id = person.id"
            " GROUP BY person.id ORDER BY COUNT(*) DESC, person.id"
        ).fetchall()
    path = result.figures["results"]["article_name"]["path"]
    assert path == f"/admin/articles/article/?q={quote(name.split()[-1])}"
    assert "searched for a name" in result.rows[-1].measure


def test_the_requests_were_made_logged_in_as_a_superuser(measured):
    """A logged-out request would be redirected to the login page, which lists no articles."""
    _, result = measured
    sql = result.figures["results"]
    statements = {name: [query["sql"] for query in sql[name]["sql"]] for name in sql}
    assert any("django_session" in query for query in statements["article"])
    assert any('FROM "articles_article"' in query for query in statements["article"])
    assert any('FROM "articles_quote"' in query for query in statements["quote"])


def test_rows_name_the_table_sizes(measured):
    _, result = measured
    assert result.figures["rows"] == {
        "article": ARTICLES,
        "quote": ARTICLES * QUOTES_PER_ARTICLE,
    }
    measures = [row.measure for row in result.rows]
    assert measures[0] == f"article changelist ({ARTICLES} rows)"
    assert measures[1] == f"quote changelist ({ARTICLES * QUOTES_PER_ARTICLE} rows)"
    assert all(row.section == "Admin" and "queries" in row.value for row in result.rows)


def test_the_benchmark_user_is_removed(measured):
    database, _ = measured
    with sqlite3.connect(database) as connection:
        (users,) = connection.execute("SELECT COUNT(*) FROM auth_user").fetchone()
    assert users == 0
