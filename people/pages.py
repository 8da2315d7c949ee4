"""What a person's or an organisation's page reads, in SQL written once a process.

The page shows the speaker with their affiliations, and a page of the published
articles about them with each one's stored entry (``articles.entries``). Through
the ORM, building and compiling those querysets again for every page was half
the time the most quoted person's page took from stored entries (8.1 → 4.4 ms a
request on PostgreSQL, ``bench/HISTORY.md``). Here the SQL is written from the
models' meta (``newsroom.db.sql_from_meta``) and its rows become the instances the
ORM would make (``newsroom.db.instances``).

The speaker's queries look up one row by its slug and are prepared once a
connection (``newsroom.db.execute_prepared``). The listing is not: with a
generic plan PostgreSQL would walk the newest articles for a speaker mentioned
once as for one mentioned in thousands, so it is planned for each speaker.
"""

from functools import lru_cache

from django.db import connection
from django.utils import timezone

from articles.content import TABLES as CONTENT_TABLES
from articles.entries import STORED_ENTRY_SQL, speaker_place, stored_entry_params
from articles.models import Article, ArticleEntry, Quote
from articles.public import articles_about
from articles.renders import page_fields
from newsroom.db import execute_prepared, instances, joined_instances, sql_from_meta

from .models import Affiliation, Organisation, Person

# A page of the articles about a speaker of the kind KIND (person, organisation).
LISTING_SQL = """SELECT {article:a}, {stored_entry} FROM {article} a
    WHERE a.status = %s AND a.published_at <= %s AND (
        a.id IN (SELECT m.article_id FROM {mentions_KIND} m WHERE m.KIND_id = %s)
        OR a.id IN (SELECT q.article_id FROM {quote} q
            WHERE q.speaker_KIND_id = %s AND q.status <> %s))
    ORDER BY a.published_at DESC, a.id DESC LIMIT %s OFFSET %s"""
SPEAKER_SQL = {
    "person": "SELECT {person:p} FROM {person} p WHERE p.slug = %s",
    "person_affiliations": """SELECT {affiliation:a}, {organisation:o} FROM {affiliation} a
        JOIN {organisation} o ON o.id = a.organisation_id
        WHERE a.person_id = %s ORDER BY a.is_current DESC, o.name, a.id""",
    "organisation": """SELECT {organisation:o}, {organisation:parent} FROM {organisation} o
        LEFT JOIN {organisation} parent ON parent.id = o.parent_id WHERE o.slug = %s""",
    "organisation_affiliations": """SELECT {affiliation:a}, {person:p} FROM {affiliation} a
        JOIN {person} p ON p.id = a.person_id
        WHERE a.organisation_id = %s ORDER BY a.is_current DESC, p.name, a.id""",
    **{
        f"{kind}_articles": LISTING_SQL.replace("{stored_entry}", STORED_ENTRY_SQL).replace(
            "KIND", kind
        )
        for kind in ("person", "organisation")
    },
}
TABLES = {
    **CONTENT_TABLES,  # people, organisations, quotes, mentions
    "affiliation": Affiliation,
    "article": (Article, page_fields()),
    "entry": ArticleEntry,
}


def read_person(slug: str) -> tuple[Person, list[Affiliation]] | None:
    """The person at ``slug`` and their affiliations, current ones first, each with
    its organisation; None when no one has that slug. Two queries."""
    found = _read_speaker("person", slug, [Person], other=Organisation)
    if found is None:
        return None
    (person,), affiliations = found
    return person, affiliations


def read_organisation(slug: str) -> tuple[Organisation, list[Affiliation]] | None:
    """The organisation at ``slug`` with its parent, and its members, current ones
    first, each with their person; None when none has that slug. Two queries."""
    found = _read_speaker("organisation", slug, [Organisation, Organisation], other=Person)
    if found is None:
        return None
    (organisation, parent), members = found
    Organisation.parent.field.set_cached_value(organisation, parent)
    return organisation, members


def _read_speaker(kind: str, slug: str, models: list, *, other: type) -> tuple | None:
    """The row of the speaker of ``kind`` at ``slug`` as instances of ``models`` (the
    speaker, then what its query joins), and its affiliations, each with the speaker
    and the ``other`` side read with it."""
    with connection.cursor() as cursor:
        found = _rows(cursor, kind, slug)
        if not found:
            return None
        [speaker_row] = joined_instances(models, found, using=connection.alias)
        rows = _rows(cursor, f"{kind}_affiliations", speaker_row[0].pk)
    speaker_side = getattr(Affiliation, kind).field
    other_side = getattr(Affiliation, other._meta.model_name).field
    affiliations = []
    for affiliation, them in joined_instances([Affiliation, other], rows, using=connection.alias):
        speaker_side.set_cached_value(affiliation, speaker_row[0])
        other_side.set_cached_value(affiliation, them)
        affiliations.append(affiliation)
    return speaker_row, affiliations


class ArticlesAbout:
    """The published articles about ``speaker`` (``articles_about``), newest first,
    each with ``stored_entry`` as ``with_stored_entries`` gives it: for a paginator,
    which slices it (one query a page) and counts it (through the ORM)."""

    def __init__(self, speaker: Person | Organisation):
        self.speaker = speaker

    def count(self) -> int:
        return articles_about(self.speaker).count()

    def __getitem__(self, window: slice) -> list[Article]:
        start, stop = window.start or 0, window.stop
        kind = self.speaker._meta.model_name
        adapt = connection.ops.adapt_datetimefield_value
        params = (
            *stored_entry_params(speaker_place(self.speaker)),
            Article.Status.PUBLISHED,
            adapt(timezone.now()),
            self.speaker.pk,
            self.speaker.pk,
            Quote.Status.REJECTED,
            stop - start,
            start,
        )
        with connection.cursor() as cursor:
            cursor.execute(_speaker_sql(connection.alias)[f"{kind}_articles"], params)
            rows = cursor.fetchall()
        fields = page_fields()
        articles = instances(Article, fields, [row[:-1] for row in rows], using=connection.alias)
        for article, row in zip(articles, rows, strict=True):
            article.stored_entry = row[-1]
        return articles


def _rows(cursor, name: str, *params) -> list[tuple]:
    sql = _speaker_sql(connection.alias)[name]
    execute_prepared(cursor, name=f"speaker_{name}", sql=sql, params=params)
    return cursor.fetchall()


@lru_cache
def _speaker_sql(using: str) -> dict[str, str]:
    return sql_from_meta(SPEAKER_SQL, TABLES, using=using)
