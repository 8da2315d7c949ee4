"""What an article page shows besides the article's own fields, read for one article
or for many, always in six queries.

Many articles (``render_articles`` storing pages ahead) are prefetched through the
ORM. One article, a page built as a reader asks for it, is read with SQL written
once a process from the models' meta and run as prepared statements
(``newsroom.db.execute_prepared``): the ORM built and compiled six querysets for
every such page, and that Python was two thirds of the 8 ms its content took at
10,000 articles on PostgreSQL. The rows become the model instances the ORM would
make (``newsroom.db.instances``).
"""

from dataclasses import dataclass
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.models import Model, Prefetch, prefetch_related_objects
from taggit.models import Tag, TaggedItem

from newsroom.db import (
    concrete_fields,
    execute_prepared,
    instances,
    joined_instances,
    sql_from_meta,
)
from people.models import Organisation, Person

from .models import Article, Block, Correction, Quote


@dataclass(frozen=True)
class ArticleContent:
    """An article's blocks in order, the quotes readers may see in order (each with
    its speaker), its tags by name, the people and organisations it mentions by name,
    and its corrections, oldest first."""

    blocks: list[Block]
    quotes: list[Quote]
    tags: list[Tag]
    people: list[Person]
    organisations: list[Organisation]
    corrections: list[Correction]


def fetch_content(articles: list[Article]) -> list[ArticleContent]:
    """The content of each of ``articles``, in their order: six queries for any number."""
    prefetch_related_objects(
        articles,
        Prefetch("blocks", queryset=Block.objects.order_by("position", "id")),
        Prefetch(
            "quotes",
            queryset=Quote.objects.not_rejected().select_related(
                "speaker_person", "speaker_organisation"
            ),
            to_attr="visible_quote_list",
        ),
        "tags",
        Prefetch("people", queryset=Person.objects.order_by("name", "id")),
        Prefetch("organisations", queryset=Organisation.objects.order_by("name", "id")),
        Prefetch("corrections", queryset=Correction.objects.order_by("created_at", "id")),
    )
    return [
        ArticleContent(
            blocks=list(article.blocks.all()),
            quotes=article.visible_quote_list,
            tags=_by_name(article.tags.all()),
            people=list(article.people.all()),
            organisations=list(article.organisations.all()),
            corrections=list(article.corrections.all()),
        )
        for article in articles
    ]


def read_content(article: Article, *, using: str = "default") -> ArticleContent:
    """``fetch_content([article])[0]``, the same six queries prepared once a connection."""
    sql = _content_sql(using)
    with connections[using].cursor() as cursor:

        def rows(name: str, *params) -> list[tuple]:
            execute_prepared(cursor, name=f"article_{name}", sql=sql[name], params=params)
            return cursor.fetchall()

        def read(name: str, model: type[Model], *before) -> list:
            rows_read = rows(name, *before, article.pk)
            return instances(model, concrete_fields(model), rows_read, using=using)

        content_type = ContentType.objects.db_manager(using).get_for_model(Article).pk
        return ArticleContent(
            blocks=read("blocks", Block),
            quotes=_quotes(rows("quotes", article.pk, Quote.Status.REJECTED), using),
            tags=_by_name(read("tags", Tag, content_type)),
            people=read("people", Person),
            organisations=read("organisations", Organisation),
            corrections=read("corrections", Correction),
        )


def _quotes(rows: list[tuple], using: str) -> list[Quote]:
    """Quotes from rows of a quote's columns, then its speaker person's and organisation's
    (all null where it has none), each given its speakers as ``select_related`` would."""
    quotes = []
    speakers = (Quote, Person, Organisation)
    for quote, person, organisation in joined_instances(speakers, rows, using=using):
        Quote.speaker_person.field.set_cached_value(quote, person)
        Quote.speaker_organisation.field.set_cached_value(quote, organisation)
        quotes.append(quote)
    return quotes


def _by_name(tags) -> list[Tag]:
    return sorted(tags, key=lambda tag: tag.name.casefold())


# The six queries, each taking the article's id (``tags`` its content type first).
# ``{block}`` is a model's table, ``{block:b}`` its columns under the alias ``b``.
CONTENT_SQL = {
    "blocks": "SELECT {block:b} FROM {block} b WHERE b.article_id = %s ORDER BY b.position, b.id",
    "quotes": """SELECT {quote:q}, {person:p}, {organisation:o} FROM {quote} q
        LEFT JOIN {person} p ON p.id = q.speaker_person_id
        LEFT JOIN {organisation} o ON o.id = q.speaker_organisation_id
        WHERE q.article_id = %s AND q.status <> %s ORDER BY q.position, q.id""",
    "tags": """SELECT {tag:t} FROM {tag} t JOIN {tagged} i ON i.tag_id = t.id
        WHERE i.content_type_id = %s AND i.object_id = %s""",
    "people": """SELECT {person:e} FROM {person} e JOIN {mentions_person} m ON m.person_id = e.id
        WHERE m.article_id = %s ORDER BY e.name, e.id""",
    "organisations": """SELECT {organisation:e} FROM {organisation} e
        JOIN {mentions_organisation} m ON m.organisation_id = e.id
        WHERE m.article_id = %s ORDER BY e.name, e.id""",
    "corrections": """SELECT {correction:c} FROM {correction} c
        WHERE c.article_id = %s ORDER BY c.created_at, c.id""",
}
TABLES = {
    "block": Block,
    "quote": Quote,
    "person": Person,
    "organisation": Organisation,
    "tag": Tag,
    "tagged": TaggedItem,
    "mentions_person": Article.people.through,
    "mentions_organisation": Article.organisations.through,
    "correction": Correction,
}


@lru_cache
def _content_sql(using: str) -> dict[str, str]:
    return sql_from_meta(CONTENT_SQL, TABLES, using=using)
