"""Stored article pages: built once, then served from one row until what they show changes.

Every change to content empties the whole page cache (``articles.cache``), and
an article page built afresh costs nine queries and its whole template (about
25 ms at 10,000 articles on PostgreSQL, 30 times what a cached page costs). So
``ArticleRender`` keeps what only changes when the article or what it shows
changes: the page's head links, the article, its side panels and the ids of
related articles. A page the cache does not hold is then one query for the
article with its render and one for which of the related articles are published
now, so an unpublished article drops out of "Related coverage" at once.

A render is served only while it is current:

- it was built from the article's present ``updated_at`` (any save of the article);
- and from its present ``render_version``, which ``forget_renders`` moves on,
  once the change commits, when a block, quote, correction, tag or mention of the
  article changes, a person or organisation it shows is saved, or the importer
  writes it. A page built from rows read before such a change carries the old
  version, so it is never served after the change, whichever finishes first;
- it was built for the request's scheme and host (the head has absolute links),
  and by the templates and code of the running release (``layout_digest``);
- it is younger than ``RENDER_MAX_AGE``: related articles published since, or a
  role the importer filled in on a speaker, reach older pages within that time.
"""

import hashlib
import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from importlib import import_module
from pathlib import Path

from django.db import DatabaseError, connection, transaction
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from .models import Article, ArticleRender, Quote

logger = logging.getLogger(__name__)

RENDER_MAX_AGE = timedelta(hours=6)
RELATED_SHOWN = 5
PARTS = ("head", "body", "panels")  # templates/articles/render/<part>.html
STORED_FIELDS = (*PARTS, "related_ids")
# What a stored row is checked against, in ``store_parts``'s order.
RENDER_KEYS = (
    "article_id",
    "article_updated_at",
    "render_version",
    "origin",
    "layout",
    "rendered_at",
)
# What builds the stored parts, besides Django: a change to any of these files
# (a release) makes every stored page not current.
LAYOUT_TEMPLATES = tuple(f"articles/render/{part}.html" for part in PARTS)
LAYOUT_MODULES = (
    "articles.article_page",
    "articles.body",
    "articles.structured_data",
    "articles.templatetags.reader",
    "newsroom.links",
)
CHANGE_KINDS = ("article_ids", "people", "organisations", "tags")

_pending = threading.local()


@dataclass(frozen=True)
class ArticleParts:
    """The parts of an article page that are stored: HTML our templates escaped, and
    the related articles' ids, best first."""

    head: SafeString
    body: SafeString
    panels: SafeString
    related_ids: tuple[int, ...]


def page_origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def published_article(slug: str, origin: str) -> Article | None:
    """The published article at ``slug`` (all but ``imported_values``), with its stored
    parts for ``origin`` as ``stored_parts`` reads them. One query.

    Plain SQL, written once a process: the ORM took 1.4 ms to compile the same
    query with its render joined, half of what the whole stored page costs.
    ``RawQuerySet`` still converts the article's own columns as the ORM would.
    """
    return next(iter(_with_parts("slug", [slug], origin)), None)


def published_with_parts(ids: list[int], origin: str) -> list[Article]:
    """``published_article`` for the published ones among ``ids``, in one query."""
    return list(_with_parts("id", ids, origin))


def _with_parts(column: str, values: list, origin: str):
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    params = (
        origin,
        layout_digest(),
        adapt(now - RENDER_MAX_AGE),
        *values,
        Article.Status.PUBLISHED,
        adapt(now),
    )
    return Article.objects.raw(_article_sql(connection.vendor, column, len(values)), params)


def stored_parts(article: Article) -> ArticleParts | None:
    """The stored parts of an article from ``published_article``, or None when there
    are none or they are not current (see the module's docstring)."""
    if not article.stored_current:
        return None
    related = article.stored_related_ids
    # Written only by ``store_parts``, from templates that escaped all they printed;
    # no form or admin page edits these rows.
    html = (mark_safe(getattr(article, f"stored_{name}")) for name in PARTS)  # noqa: S308
    return ArticleParts(*html, related_ids=tuple(json.loads(related)))


@lru_cache
def layout_digest() -> str:
    """SHA-256 of the files that build the stored parts (``LAYOUT_TEMPLATES`` and
    ``LAYOUT_MODULES``), read once a process."""
    digest = hashlib.sha256()
    paths = [get_template(name).origin.name for name in LAYOUT_TEMPLATES]
    paths += [import_module(name).__file__ for name in LAYOUT_MODULES]
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


@lru_cache
def _article_sql(vendor: str, column: str, count: int) -> str:
    qn = connection.ops.quote_name
    article = [
        f"a.{qn(field.column)}"
        for field in Article._meta.concrete_fields
        if field.name != "imported_values"  # a copy of the body no page shows
    ]
    stored = [f"r.{qn(name)} AS stored_{name}" for name in STORED_FIELDS]
    current = " AND ".join(
        [
            "r.article_id IS NOT NULL",
            "r.article_updated_at = a.updated_at",
            "r.render_version = a.render_version",
            "r.origin = %s",
            "r.layout = %s",
            "r.rendered_at > %s",
        ]
    )
    # Only names from the models' own meta go in; every value is a parameter.
    return f"""
        SELECT {", ".join(article + stored)},
            CASE WHEN {current} THEN 1 ELSE 0 END AS stored_current
        FROM {qn(Article._meta.db_table)} a
        LEFT JOIN {qn(ArticleRender._meta.db_table)} r ON r.article_id = a.id
        WHERE a.{qn(column)} IN ({", ".join(["%s"] * count)})
            AND a.status = %s AND a.published_at <= %s
    """  # noqa: S608


def store_parts(article: Article, origin: str, parts: ArticleParts) -> None:
    """Keep ``parts`` for the next time the page is built: one upsert.

    Storing is a saving, never a condition of serving the page: a write that
    fails (SQLite busy with an import, the article deleted meanwhile) is logged
    and the page is served all the same. Pages are served in autocommit (no
    ATOMIC_REQUESTS), so the statement is a transaction of its own; plain SQL
    because ``bulk_create`` wraps even one row in a transaction (BEGIN and COMMIT
    are two more statements on SQLite).
    """
    adapt = connection.ops.adapt_datetimefield_value
    values = (
        article.pk,
        adapt(article.updated_at),
        article.render_version,
        origin,
        layout_digest(),
        adapt(timezone.now()),
        *(getattr(parts, name) for name in PARTS),
        json.dumps(parts.related_ids),
    )
    try:
        _upsert(values)
    except DatabaseError as error:
        logger.warning("Article %s: page not stored (%s)", article.pk, error)


def _upsert(values: tuple) -> None:
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(connection.vendor), values)


@lru_cache
def _upsert_sql(vendor: str) -> str:
    qn = connection.ops.quote_name
    columns = [qn(name) for name in (*RENDER_KEYS, *STORED_FIELDS)]
    replaced = ", ".join(f"{column} = excluded.{column}" for column in columns[1:])
    table = qn(ArticleRender._meta.db_table)
    placeholders = ", ".join(["%s"] * len(columns))
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608
    return f"{insert} ON CONFLICT ({columns[0]}) DO UPDATE SET {replaced}"


def related_to_show(related_ids: Iterable[int]) -> list[Article]:
    """The first ``RELATED_SHOWN`` of ``related_ids`` that readers may see now, in order.
    One query, in plain SQL as ``published_article`` explains."""
    rank = {int(pk): index for index, pk in enumerate(related_ids)}
    if not rank:
        return []
    qn = connection.ops.quote_name
    sql = f"""
        SELECT id, headline, slug, published_at FROM {qn(Article._meta.db_table)}
        WHERE id IN ({", ".join(["%s"] * len(rank))}) AND status = %s AND published_at <= %s
    """  # noqa: S608 (names from the model's meta; values are parameters)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = Article.objects.raw(sql, (*rank, Article.Status.PUBLISHED, now))
    return sorted(rows, key=lambda row: rank[row.pk])[:RELATED_SHOWN]


def forget_renders(
    *,
    article_ids: Iterable[int] = (),
    people: Iterable[int] = (),
    organisations: Iterable[int] = (),
    tags: Iterable[int] = (),
) -> None:
    """Once the current transaction commits, stop serving the stored pages of these
    articles and of the articles that show these people, organisations or tags."""
    pending = getattr(_pending, "changes", None)
    if pending is None:
        pending = _pending.changes = {name: set() for name in CHANGE_KINDS}
    for name, ids in zip(CHANGE_KINDS, (article_ids, people, organisations, tags), strict=True):
        pending[name].update(ids)
    # One callback for each call, as ``cache.after_commit`` does: the first to run
    # does the work, and a rolled-back transaction leaves nothing that blocks the next.
    transaction.on_commit(_flush)


def _flush() -> None:
    changes, _pending.changes = getattr(_pending, "changes", None), None
    if changes:
        for articles in _affected(**changes):
            articles.update(render_version=F("render_version") + 1)


def articles_showing(*, people: Iterable[int] = (), organisations: Iterable[int] = ()) -> set[int]:
    """Ids of the articles that mention or quote these people or organisations now
    (for a deletion, whose mentions are gone by the time it commits)."""
    found = _affected(article_ids=(), people=people, organisations=organisations, tags=())
    return {pk for articles in found for pk in articles.values_list("pk", flat=True)}


def _affected(*, article_ids, people, organisations, tags) -> list[QuerySet[Article]]:
    """One queryset per kind of change: an OR of joins would read every article."""
    found = []
    if article_ids:
        found.append(Article.objects.filter(pk__in=article_ids))
    for ids, relation, field in (
        (people, Article.people.through, "person"),
        (organisations, Article.organisations.through, "organisation"),
    ):
        if ids:
            mentions = relation.objects.filter(**{f"{field}__in": ids}).values("article_id")
            quoting = Quote.objects.filter(**{f"speaker_{field}__in": ids}).values("article_id")
            found += [
                Article.objects.filter(pk__in=mentions),
                Article.objects.filter(pk__in=quoting),
            ]
    if tags:
        found.append(Article.objects.filter(tags__in=tags))
    return found
