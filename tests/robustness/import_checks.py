"""Run ``manage.py`` in other processes and check, in plain SQL, what they left behind.

The checks use a DB-API cursor rather than the ORM so that they can read a
SQLite file another process wrote as well as the PostgreSQL test database.
"""

import os
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection
from taggit.models import TaggedItem

from articles.ingest import read_article
from articles.models import Article, Block, Quote, SearchDocument
from people.models import Organisation, OrganisationAlias, Person, PersonAlias

ARTICLE = Article._meta.db_table
BLOCK = Block._meta.db_table
QUOTE = Quote._meta.db_table
SEARCH = SearchDocument._meta.db_table
ARTICLE_PEOPLE = Article.people.through._meta.db_table
ARTICLE_ORGANISATIONS = Article.organisations.through._meta.db_table
TAGGED = TaggedItem._meta.db_table


def postgres_test_database_url() -> str:
    """The URL of the PostgreSQL database this test process uses, for other processes."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def manage(*args: str) -> list[str]:
    return [sys.executable, str(settings.BASE_DIR / "manage.py"), *args]


def environment(database_url: str) -> dict[str, str]:
    """This process's environment, pointed at ``database_url``."""
    return {**os.environ, "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}


def expected_counts(files: list[Path]) -> dict[str, tuple[int, ...]]:
    """File name → (blocks, quotes, people, organisations, tags) a whole import of it writes.

    The standfirst is the parser's block 0 and is stored on the article, not as a block.
    """
    counts = {}
    for path in files:
        parsed = read_article(path)
        counts[path.name] = (
            len(parsed.blocks) - 1,
            len(parsed.quotes),
            len(parsed.people),
            len(parsed.organisations),
            len(parsed.tags),
        )
    return counts


def _rows(cursor, sql: str) -> list[tuple]:
    cursor.execute(sql)
    return list(cursor.fetchall())


def stored_counts(cursor) -> dict[str, tuple[int, ...]]:
    """Source file → (blocks, quotes, people, organisations, tags) of each stored article."""
    content_type = (
        "(SELECT id FROM django_content_type WHERE app_label = 'articles' AND model = 'article')"
    )
    rows = _rows(
        cursor,
        f"""SELECT a.source_file,
            (SELECT COUNT(*) FROM {BLOCK} b WHERE b.article_id = a.id),
            (SELECT COUNT(*) FROM {QUOTE} q WHERE q.article_id = a.id),
            (SELECT COUNT(*) FROM {ARTICLE_PEOPLE} p WHERE p.article_id = a.id),
            (SELECT COUNT(*) FROM {ARTICLE_ORGANISATIONS} o WHERE o.article_id = a.id),
            (SELECT COUNT(*) FROM {TAGGED} t
              WHERE t.object_id = a.id AND t.content_type_id = {content_type})
        FROM {ARTICLE} a""",  # noqa: S608 (table names from the models, no input)
    )
    return {row[0]: tuple(row[1:]) for row in rows}


def leftovers(cursor) -> list[str]:
    """Rows that only a half-written import could leave: each named, for the failure message."""
    problems = []
    for end in ("first_block_id", "last_block_id"):
        for (quote,) in _rows(
            cursor,
            f"""SELECT q.id FROM {QUOTE} q LEFT JOIN {BLOCK} b ON b.id = q.{end}
            WHERE q.{end} IS NOT NULL AND (b.id IS NULL OR b.article_id <> q.article_id)""",  # noqa: S608
        ):
            problems.append(f"quote {quote}: {end} is not a block of its own article")
    for entity, alias, key, mentions in (
        (Person, PersonAlias, "person_id", ARTICLE_PEOPLE),
        (Organisation, OrganisationAlias, "organisation_id", ARTICLE_ORGANISATIONS),
    ):
        table, alias_table = entity._meta.db_table, alias._meta.db_table
        for (name,) in _rows(
            cursor,
            f"""SELECT e.name FROM {table} e
            WHERE NOT EXISTS (SELECT 1 FROM {mentions} m WHERE m.{key} = e.id)""",  # noqa: S608
        ):
            problems.append(f"{entity._meta.verbose_name} {name!r} is in no article")
        for (name,) in _rows(
            cursor,
            f"""SELECT normalized_name FROM {table}
            GROUP BY normalized_name HAVING COUNT(*) > 1""",  # noqa: S608
        ):
            problems.append(f"{entity._meta.verbose_name} {name!r} stored twice")
        for (name,) in _rows(
            cursor,
            f"""SELECT a.name FROM {alias_table} a LEFT JOIN {table} e ON e.id = a.{key}
            WHERE e.id IS NULL""",  # noqa: S608
        ):
            problems.append(f"alias {name!r} belongs to nobody")
    return problems


def unindexed(cursor) -> list[str]:
    """Articles without search text."""
    return [
        name
        for (name,) in _rows(
            cursor,
            f"""SELECT a.source_file FROM {ARTICLE} a
            WHERE NOT EXISTS (SELECT 1 FROM {SEARCH} s WHERE s.article_id = a.id)""",  # noqa: S608
        )
    ]
