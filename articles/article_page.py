"""Everything the article page shows, fetched in a fixed number of queries, and the
parts of it ``articles.renders`` stores."""

import zlib
from dataclasses import replace
from datetime import datetime, timedelta
from functools import lru_cache

from django.db import connection, connections
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from newsroom.db import execute_prepared, instances, sql_from_meta

from .body import build_body, quote_summary, standfirst_anchors
from .content import TABLES as CONTENT_TABLES
from .content import ArticleContent, fetch_content
from .models import Article
from .prepared import PreparedQuery
from .public import published_articles, published_id_batches
from .renders import (
    RELATED_SLOT,
    ArticleParts,
    page_origin,
    published_with_parts,
    store_parts,
    store_related,
)
from .structured_data import article_ld
from .templatetags.reader import article_lines

# Related articles kept with a stored page: when some are unpublished later, the
# page still has others to show in their place.
RELATED_KEPT = 20
# Saves soon after publication (typo fixes while it goes live) are not called an update.
UPDATE_SHOWN_AFTER = timedelta(hours=1)


# Each person and organisation puts forward at most this many of the articles
# most recently added that mention it (drafts among them take a place, then are
# left out). Counting every mention of a council or its leader made the query
# grow with the archive: 17 ms of a 46 ms article page at 10,000 articles on
# PostgreSQL, 12 ms this way. Migration 0004's indexes make each lookup a short
# index scan.
CANDIDATES_PER_ENTITY = 100

# Each candidate's shared people and organisations, counted in one pass over
# the mention rows (a hash aggregate), each then looked up in the publication
# index (id, status, date: no table row read for each of some 500 candidates),
# and only the best's headlines read. The ORM can only count per candidate with
# correlated subqueries: two index probes for each article that shares one common
# organisation. The lookup is a subquery in the select list, not a join, so that
# the plan is the same whatever the ids: the query is then a prepared statement
# (``related_articles``), planned once per connection and shape; joined,
# the generic plan hashed all 10,000 articles (9 ms). The fence (OFFSET 0) keeps
# PostgreSQL from copying the lookup into both the filter and the sort.
RELATED_COLUMNS = ("id", "headline", "slug", "published_at")
RELATED_SQL = """
SELECT {columns}
FROM (
    SELECT counted.article_id AS id, counted.shared, counted.published_at
    FROM (
        SELECT mention.article_id, COUNT(*) AS shared, (
            SELECT candidate.published_at FROM ({candidates}) AS candidate
            WHERE candidate.id = mention.article_id
        ) AS published_at
        FROM ({mentions}) AS mention
        GROUP BY mention.article_id
        {fence}
    ) AS counted
    WHERE counted.published_at IS NOT NULL
    ORDER BY counted.shared DESC, counted.published_at DESC, counted.article_id DESC
    LIMIT %s
) AS best
INNER JOIN {articles} AS article ON article.id = best.id
ORDER BY best.shared DESC, best.published_at DESC, best.id DESC
"""
# SQLite wants a LIMIT before an OFFSET, and takes -1 for none; PostgreSQL refuses it.
FENCES = {"postgresql": "OFFSET 0", "sqlite": "LIMIT -1 OFFSET 0"}
# Each number of people and of organisations makes a statement of its own; beyond
# this many of either, the query is planned each time rather than kept.
PREPARED_UP_TO = 8
# Each lookup in a subquery of its own: SQLite allows no LIMIT on a UNION's parts.
LATEST_SQL = "SELECT * FROM ({lookup}) AS latest"


def related_articles(
    article: Article, people: list[int], organisations: list[int]
) -> list[Article]:
    """Up to RELATED_KEPT published articles sharing the most people and organisations
    with ``article`` (the ids of those it mentions), the most recent first among equals,
    from the ``CANDIDATES_PER_ENTITY`` articles last added about each of them."""
    lookups = [
        *_latest_mentions(Article.people.through, "person", people),
        *_latest_mentions(Article.organisations.through, "organisation", organisations),
    ]
    if not lookups:
        return []
    candidates_sql, candidates_params = CANDIDATES.sql(now=timezone.now())
    mentions_sql = " UNION ALL ".join(LATEST_SQL.format(lookup=sql) for sql, _ in lookups)
    mentions_params = [param for _, params in lookups for param in params]
    sql = RELATED_SQL.format(
        candidates=candidates_sql, mentions=mentions_sql, **_related_names(connection.alias)
    )
    # One more than kept, as the article itself is among them when it is among the
    # newest about each of its people: left out here, not in the SQL, which then
    # takes no value that a compiled query could not (``CANDIDATES``).
    params = (*candidates_params, *mentions_params, RELATED_KEPT + 1)
    with connection.cursor() as cursor:
        if max(len(people), len(organisations)) <= PREPARED_UP_TO:
            # Named after the SQL itself, which differs with each shape (and limit).
            name = f"related_{zlib.crc32(sql.encode()):08x}"
            execute_prepared(cursor, name=name, sql=sql, params=params)
        else:
            cursor.execute(sql, params)
        rows = [row for row in cursor.fetchall() if row[0] != article.pk][:RELATED_KEPT]
    return instances(Article, RELATED_FIELDS, rows, using=connection.alias)


def _candidates(*, now: datetime) -> QuerySet:
    return published_articles(at=now).order_by().values("id", "published_at")


# The articles related coverage may list, compiled once a process: building and
# compiling the queryset for each page was 0.5 ms of an old page's 5 (py-spy, under wrk).
CANDIDATES = PreparedQuery(_candidates)
RELATED_FIELDS = tuple(Article._meta.get_field(name) for name in RELATED_COLUMNS)


@lru_cache
def _related_names(using: str) -> dict[str, str]:
    """The articles table and the columns ``RELATED_SQL`` selects of it, quoted."""
    qn = connections[using].ops.quote_name
    columns = ", ".join(f"article.{qn(field.column)}" for field in RELATED_FIELDS)
    fence = FENCES[connections[using].vendor]
    return {"articles": qn(Article._meta.db_table), "columns": columns, "fence": fence}


def _latest_mentions(through, field: str, entities: list[int]) -> list[tuple[str, tuple]]:
    """For each entity's id, the SQL for the ids of the articles last added that mention it.

    The lookups differ only in the entity's id, so one is compiled once a process
    and given each id: compiling one per entity cost 0.3 ms each on every uncached
    page, and compiling even the one 0.25 ms.
    """
    if not entities:
        return []
    sql = _latest_mentions_sql(through, field, connection.vendor, CANDIDATES_PER_ENTITY)
    return [(sql, (entity,)) for entity in entities]


@lru_cache
def _latest_mentions_sql(through, field: str, vendor: str, limit: int) -> str:
    latest = (
        through.objects.filter(**{field: 0})
        .order_by("-article_id")
        .values_list("article_id")[:limit]
    )
    sql, _ = latest.query.sql_with_params()  # its one parameter is the id; the limit is in the SQL
    return sql


def build_parts(
    request: HttpRequest, article: Article, content: ArticleContent, *, preview: bool = False
) -> tuple[ArticleParts, list[Article]]:
    """``article``'s page as stored, built from its ``content``, and the
    related articles readers may see now, best first. A ``preview`` (for staff, of an
    article readers cannot see) says so on the page, and is never stored.

    Rendered without the request's context processors, as it is served to everyone:
    nothing of the user who happened to ask first gets into it."""
    quotes, people, organisations = content.quotes, content.people, content.organisations
    context = {
        "request": request,  # absolute links in the head
        "article": article,
        "preview": preview,
        "related_section": mark_safe(RELATED_SLOT),  # noqa: S308 (a constant)
        "show_updated": bool(
            article.published_at and article.updated_at - article.published_at > UPDATE_SHOWN_AFTER
        ),
        "body": build_body(content.blocks, quotes, people),
        "standfirst_anchors": standfirst_anchors(quotes),
        "quoted": quote_summary(quotes),
        "tags": content.tags,
        "people": people,
        "organisations": organisations,
        "corrections": content.corrections,
        "structured_data": article_ld(
            request,
            article,
            people=people,
            organisations=organisations,
            quotes=quotes,
            tags=[tag.name for tag in content.tags],
        ),
    }
    page = render_to_string("articles/article_detail.html", context)
    related = related_articles(
        article, [person.pk for person in people], [each.pk for each in organisations]
    )
    return ArticleParts.cut(page, tuple(other.pk for other in related)), related


def with_related_again(article: Article, parts: ArticleParts) -> tuple[ArticleParts, list[Article]]:
    """``parts``, still current, with the related articles worked out again (articles
    published since it was stored may belong in the list), and those articles: two
    queries, no template."""
    with connection.cursor() as cursor:
        cursor.execute(_mentioned_sql(connection.alias), [article.pk, article.pk])
        mentioned = cursor.fetchall()
    people = [person for person, _ in mentioned if person is not None]
    organisations = [organisation for _, organisation in mentioned if organisation is not None]
    related = related_articles(article, people, organisations)
    return replace(parts, related_ids=tuple(other.pk for other in related)), related


# The ids of the people and of the organisations an article mentions, in one query:
# two querysets cost 0.6 ms a request to build and compile, as much as running them.
MENTIONED_SQL = """SELECT m.person_id, NULL FROM {mentions_person} m WHERE m.article_id = %s
    UNION ALL
    SELECT NULL, m.organisation_id FROM {mentions_organisation} m WHERE m.article_id = %s"""


@lru_cache
def _mentioned_sql(using: str) -> str:
    return sql_from_meta({"mentioned": MENTIONED_SQL}, CONTENT_TABLES, using=using)["mentioned"]


# "Related coverage" is put into every stored page as it is served, so it is
# written here rather than in a template: the template engine took 0.8 ms for
# these five lines, a fifth of the whole request.
RELATED_PANEL = """<section class="panel" aria-labelledby="related-title">
      <h2 id="related-title" class="panel-title">Related coverage</h2>
      <ul class="related-list">{}
      </ul>
    </section>"""


def related_section(related: list) -> SafeString:
    """The "Related coverage" panel listing ``related`` (nothing when it is empty):
    ``Article`` or ``renders.RelatedLink`` rows."""
    if not related:
        return mark_safe("")
    return format_html(RELATED_PANEL, article_lines(related))


def store_stale_pages(request: HttpRequest, *, batch_size: int = 100) -> int:
    """Build and store the page of each published article whose stored parts are
    missing or not current for ``request``'s scheme and host, and work out again the
    related articles of those whose list is old, as a reader's view would; how many."""
    origin = page_origin(request)
    done = 0
    for ids in published_id_batches(batch_size):
        found = published_with_parts(ids, origin)
        stale = [row.article() for row in found if row.parts is None]
        for article, content in zip(stale, fetch_content(stale), strict=True):
            store_parts(article, origin, build_parts(request, article, content)[0])
        aged = [row for row in found if row.parts is not None and not row.related_current]
        for row in aged:
            article = row.article()
            store_related(article, origin, with_related_again(article, row.parts)[0])
        done += len(stale) + len(aged)
    return done
