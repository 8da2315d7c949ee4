"""Stored article pages: built once, then served from one row until what they show changes.

Every change to content empties the whole page cache (``articles.cache``), and
an article page built afresh costs nine queries and its whole template (15 to 25
ms at 10,000 articles on PostgreSQL, by the hour, against about 1 ms served from
here). So ``ArticleRender`` keeps the page as built, cut where "Related coverage" goes,
and the ids of the related articles. A page the cache does not hold is then one
query for the article with its stored page and which of its related articles
are published now (so an unpublished article drops out of "Related coverage"
at once, and a retitled one shows its new headline), and that short list
written between the two halves: no template runs.

A render is served only while it is current:

- it was built from the article's present ``updated_at`` (any save of the article);
- and from its present ``render_version``, which ``forget_renders`` moves on,
  once the change commits, when a block, quote, correction, tag or mention of the
  article changes, a person or organisation it shows is saved, or the importer
  writes it. A page built from rows read before such a change carries the old
  version, so it is never served after the change, whichever finishes first;
- it was built for the request's scheme and host (the head has absolute links),
  and by the templates, code and settings of the running release (``layout_digest``).

Its related articles are worked out again once they are older than
``RENDER_MAX_AGE``, so articles published since get into the list; the page
itself, still current, is kept (``FoundArticle.related_current``).
"""

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError, connection, connections
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from newsroom.db import execute_prepared, instances, unsynced, upsert
from newsroom.links import slug_url

from .after_commit import CommitBatch
from .models import Article, ArticleRender, Quote

logger = logging.getLogger(__name__)

RENDER_MAX_AGE = timedelta(hours=6)
RELATED_SHOWN = 5
PARTS = ("page_start", "page_end")
STORED_FIELDS = (*PARTS, "related_ids")
# Where the page is cut: "Related coverage" is put in its place on each view. A
# comment no escaped text can hold, as every ``<`` of content is ``&lt;``.
RELATED_SLOT = "<!-- related coverage -->"
# Which page a stored row holds, in ``_page_keys``'s order, then when it was stored.
PAGE_KEYS = ("article_id", "article_updated_at", "render_version", "origin", "layout")
RENDER_KEYS = (*PAGE_KEYS, "rendered_at")
# What builds the stored page, besides Django: a change to any of these files
# (a release) makes every stored page not current.
LAYOUT_TEMPLATES = (
    "base.html",
    "articles/article_detail.html",
    *(f"articles/render/{part}.html" for part in ("head", "body", "panels")),
)
LAYOUT_MODULES = (
    "articles.article_page",
    "articles.body",
    "articles.content",
    "articles.structured_data",
    "articles.templatetags.reader",
    "newsroom.links",
    "newsroom.urls",
    "articles.urls",
    "people.urls",
)
CHANGE_KINDS = ("article_ids", "people", "organisations", "tags")


@dataclass(frozen=True)
class ArticleParts:
    """An article page as stored: the HTML our templates escaped, before and after
    ``RELATED_SLOT``, and the related articles' ids, best first."""

    page_start: SafeString
    page_end: SafeString
    related_ids: tuple[int, ...]

    @classmethod
    def cut(cls, page: str, related_ids: tuple[int, ...]) -> "ArticleParts":
        start, *end = page.split(RELATED_SLOT)
        if len(end) != 1:
            raise ValueError(f"an article page must hold {RELATED_SLOT} once, not {len(end)}")
        return cls(mark_safe(start), mark_safe(end[0]), related_ids)  # noqa: S308 (rendered)

    def page(self, related: SafeString) -> str:
        return self.page_start + related + self.page_end


@dataclass(frozen=True)
class RelatedLink:
    """A related article as "Related coverage" lists it, read with the stored page."""

    pk: int
    headline: str
    slug: str
    published_at: datetime

    def get_absolute_url(self) -> str:
        return slug_url("articles:article_detail", self.slug)


def page_origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


@dataclass(frozen=True)
class FoundArticle:
    """A published article as ``published_article`` reads it: the page stored for it
    when that is current (``parts``) with the related articles it lists that readers
    may see now, best first; else only the article's row, for ``article()``. When
    ``related_current`` is false, the list is older than ``RENDER_MAX_AGE``: work it
    out again."""

    row: tuple
    parts: ArticleParts | None = None
    related: tuple[RelatedLink, ...] = ()
    related_current: bool = True

    def article(self) -> Article:
        """The article itself (all but ``imported_values``), as the ORM would give it."""
        [article] = instances(Article, page_fields(), [self.row], using=connection.alias)
        return article


def published_article(slug: str, origin: str) -> FoundArticle | None:
    """The published article at ``slug``, with its stored page for ``origin`` when that
    is current and the related articles it lists. One query, prepared once a connection.

    Plain SQL, written once a process, and read with a cursor: the ORM took 1.4 ms
    to compile the same query, and making an ``Article`` of every row a fifth of
    what serving a stored page costs, so that is done only when the page is built.
    """
    with connection.cursor() as cursor:
        sql = _article_sql(connection.vendor, "slug", 1)
        execute_prepared(cursor, name="published_article", sql=sql, params=_params(origin, [slug]))
        row = cursor.fetchone()
    return None if row is None else _found(row)


def published_with_parts(ids: list[int], origin: str) -> list[FoundArticle]:
    """``published_article`` for the published ones among ``ids``, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(_article_sql(connection.vendor, "id", len(ids)), _params(origin, ids))
        return [_found(row) for row in cursor.fetchall()]


def _params(origin: str, values: list) -> tuple:
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    return (
        Article.Status.PUBLISHED,  # related articles readers may see
        adapt(now),
        origin,
        layout_digest(),
        adapt(now - RENDER_MAX_AGE),
        *values,
        Article.Status.PUBLISHED,
        adapt(now),
    )


def _found(row: tuple) -> FoundArticle:
    """A row of ``_article_sql``: the article's columns, then what is stored for it."""
    *article, page_start, page_end, related_ids, related_rows, current, related_current = row
    if not current:
        return FoundArticle(tuple(article))
    ids = json.loads(related_ids)
    # Written only by ``store_parts``, from templates that escaped all they printed;
    # no form or admin page edits these rows.
    html = (mark_safe(page_start), mark_safe(page_end))  # noqa: S308
    parts = ArticleParts(*html, related_ids=tuple(ids))
    related = _related_links(ids, related_rows)
    return FoundArticle(tuple(article), parts, related, related_current=bool(related_current))


def _related_links(related_ids: list[int], rows: str | None) -> tuple[RelatedLink, ...]:
    rank = {pk: index for index, pk in enumerate(related_ids)}
    links = [
        RelatedLink(pk, headline, slug, _aware(published_at))
        for pk, headline, slug, published_at in json.loads(rows or "[]")
    ]
    return tuple(sorted(links, key=lambda link: rank[link.pk]))


def _aware(text: str) -> datetime:
    # PostgreSQL's JSON gives the offset; SQLite keeps UTC without one.
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@lru_cache
def layout_digest() -> str:
    """What builds the stored page, read once a process (``files_digest``): the files
    of ``LAYOUT_TEMPLATES`` and ``LAYOUT_MODULES``, the settings the page prints, and
    the hashed names of the static files (the page links to ``css/site.<hash>.css``)."""
    static_names = sorted(getattr(staticfiles_storage, "hashed_files", {}).items())
    configured = [settings.SITE_NAME, settings.TIME_ZONE, static_names]
    return files_digest(LAYOUT_TEMPLATES, LAYOUT_MODULES, configured)


def files_digest(templates: Iterable[str], modules: Iterable[str], configured: list) -> str:
    """SHA-256 of these templates' and modules' files and the ``configured`` values."""
    digest = hashlib.sha256()
    paths = [get_template(name).origin.name for name in templates]
    paths += [import_module(name).__file__ for name in modules]
    for path in paths:
        digest.update(Path(path).read_bytes())
    digest.update(json.dumps(configured).encode())
    return digest.hexdigest()


# The first RELATED_SHOWN published articles among a render's related ids, best
# first, as one JSON text of [id, headline, slug, published_at] rows: read in the
# article's own query, as a second query was a fifth of a stored page's time.
# The ids are read in their stored order until enough are found. The two
# databases the site runs on name their JSON functions differently.
RELATED_ROWS = {
    "postgresql": """(
        SELECT json_agg(json_build_array(id, headline, slug, published_at) ORDER BY rank)::text
        FROM (
            SELECT b.id, b.headline, b.slug, b.published_at, e.rank
            FROM jsonb_array_elements_text(r.related_ids) WITH ORDINALITY AS e(value, rank)
            JOIN {table} b ON b.id = e.value::bigint
            WHERE b.status = %s AND b.published_at <= %s
            ORDER BY e.rank LIMIT {shown}
        ) AS shown)""",
    "sqlite": """(
        SELECT json_group_array(json_array(id, headline, slug, published_at))
        FROM (
            SELECT b.id, b.headline, b.slug, b.published_at
            FROM json_each(r.related_ids) AS e
            JOIN {table} b ON b.id = e.value
            WHERE b.status = %s AND b.published_at <= %s
            ORDER BY e.key LIMIT {shown}
        ))""",
}


@lru_cache
def page_fields() -> list:
    """An article's fields but ``imported_values`` (a copy of the body no page shows):
    what pages read, as ``article_listing`` does."""
    return [field for field in Article._meta.concrete_fields if field.name != "imported_values"]


@lru_cache
def _article_sql(vendor: str, column: str, count: int) -> str:
    qn = connection.ops.quote_name
    related = RELATED_ROWS[vendor].format(table=qn(Article._meta.db_table), shown=RELATED_SHOWN)
    article = [f"a.{qn(field.column)}" for field in page_fields()]
    stored = [f"r.{qn(name)}" for name in STORED_FIELDS]
    current = " AND ".join(
        [
            "r.article_id IS NOT NULL",
            "r.article_updated_at = a.updated_at",
            "r.render_version = a.render_version",
            "r.origin = %s",
            "r.layout = %s",
        ]
    )
    # Only names from the models' own meta go in; every value is a parameter.
    return f"""
        SELECT {", ".join(article + stored)}, {related},
            CASE WHEN {current} THEN 1 ELSE 0 END,
            CASE WHEN r.rendered_at > %s THEN 1 ELSE 0 END
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
    values = (
        *_page_keys(article, origin),
        connection.ops.adapt_datetimefield_value(timezone.now()),
        *(getattr(parts, name) for name in PARTS),
        json.dumps(parts.related_ids),
    )
    try:
        _upsert(values)
    except DatabaseError as error:
        logger.warning("Article %s: page not stored (%s)", article.pk, error)


def _upsert(values: tuple) -> None:
    with connection.cursor() as cursor:
        table = ArticleRender._meta.db_table
        columns = (*RENDER_KEYS, *STORED_FIELDS)
        upsert(
            cursor, table=table, columns=columns, unique=columns[:1], rows=[values], derived=True
        )


def store_related(article: Article, origin: str, parts: ArticleParts) -> None:
    """Keep the related articles worked out again for a stored page that is still
    current (``article_page.with_related_again``), and when: one UPDATE of those two
    columns, left undone if the row was replaced meanwhile by a page built later.

    Not ``store_parts``: writing the whole row wrote the page it already held again,
    some 30 KB compressed, stored out of line and logged by PostgreSQL.
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    values = (json.dumps(parts.related_ids), now, *_page_keys(article, origin))
    try:
        with connection.cursor() as cursor:
            cursor.execute(unsynced(_store_related_sql(connection.alias), connection), values)
    except DatabaseError as error:
        logger.warning("Article %s: related articles not stored (%s)", article.pk, error)


def _page_keys(article: Article, origin: str) -> tuple:
    """``PAGE_KEYS``' values for ``article``'s page built now for ``origin``."""
    updated_at = connection.ops.adapt_datetimefield_value(article.updated_at)
    return (article.pk, updated_at, article.render_version, origin, layout_digest())


@lru_cache
def _store_related_sql(using: str) -> str:
    qn = connections[using].ops.quote_name
    where = " AND ".join(f"{qn(key)} = %s" for key in PAGE_KEYS)
    table = qn(ArticleRender._meta.db_table)
    return f"UPDATE {table} SET related_ids = %s, rendered_at = %s WHERE {where}"  # noqa: S608


def forget_renders(
    *,
    article_ids: Iterable[int] = (),
    people: Iterable[int] = (),
    organisations: Iterable[int] = (),
    tags: Iterable[int] = (),
) -> None:
    """Once the current transaction commits, stop serving the stored pages of these
    articles and of the articles that show these people, organisations or tags."""
    _changes.add(article_ids=article_ids, people=people, organisations=organisations, tags=tags)


def _move_versions_on(**changes: set[int]) -> None:
    for articles in _affected(**changes):
        articles.update(render_version=F("render_version") + 1)


_changes = CommitBatch(CHANGE_KINDS, _move_versions_on)


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
