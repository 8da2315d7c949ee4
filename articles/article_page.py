"""Everything the article page shows, fetched in a fixed number of queries."""

from datetime import timedelta

from django.db.models import Prefetch
from django.http import HttpRequest

from people.models import Organisation, Person

from .body import build_body, quote_summary, standfirst_anchors
from .models import Article, Block, Quote
from .public import published_articles
from .structured_data import article_ld

RELATED_COUNT = 5
# Saves soon after publication (typo fixes while it goes live) are not called an update.
UPDATE_SHOWN_AFTER = timedelta(hours=1)


def article_with_content(articles):
    """``articles`` with blocks, visible quotes, tags, people, organisations and corrections."""
    return articles.prefetch_related(
        Prefetch("blocks", queryset=Block.objects.order_by("position", "id")),
        Prefetch(
            "quotes",
            queryset=Quote.objects.not_rejected().select_related(
                "speaker_person", "speaker_organisation"
            ),
            to_attr="visible_quote_list",
        ),
        "tags",
        Prefetch("people", queryset=Person.objects.order_by("name")),
        Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
        "corrections",
    )


# Each person and organisation puts forward at most this many of the articles
# most recently added that mention it (drafts among them take a place, then are
# left out). Counting every mention of a council or its leader made the query
# grow with the archive: 17 ms of a 46 ms article page at 10,000 articles on
# PostgreSQL, 12 ms this way. Migration 0004's indexes make each lookup a short
# index scan.
CANDIDATES_PER_ENTITY = 100

# Each candidate's shared people and organisations, counted in one pass over
# the mention rows (a hash aggregate), then joined to the published articles.
# The ORM can only count per candidate with correlated subqueries: two index
# probes for each article that shares one common organisation.
RELATED_SQL = """
SELECT article.id, article.headline, article.slug, article.published_at
FROM ({candidates}) AS article
INNER JOIN (
    SELECT mention.article_id, COUNT(*) AS shared
    FROM ({mentions}) AS mention
    GROUP BY mention.article_id
) AS counted ON counted.article_id = article.id
ORDER BY counted.shared DESC, article.published_at DESC, article.id DESC
LIMIT %s
"""
# Each lookup in a subquery of its own: SQLite allows no LIMIT on a UNION's parts.
LATEST_SQL = "SELECT * FROM ({lookup}) AS latest"


def related_articles(
    article: Article, people: list[Person], organisations: list[Organisation]
) -> list[Article]:
    """Up to RELATED_COUNT published articles sharing the most people and organisations
    with ``article``, the most recent first among equals, from the
    ``CANDIDATES_PER_ENTITY`` articles last added about each of them."""
    lookups = [
        *_latest_mentions(Article.people.through, "person", people),
        *_latest_mentions(Article.organisations.through, "organisation", organisations),
    ]
    if not lookups:
        return []
    candidates = (
        published_articles()
        .exclude(pk=article.pk)
        .order_by()
        .values("id", "headline", "slug", "published_at")
    )
    candidates_sql, candidates_params = candidates.query.sql_with_params()
    mentions_sql = " UNION ALL ".join(LATEST_SQL.format(lookup=sql) for sql, _ in lookups)
    mentions_params = [param for _, params in lookups for param in params]
    sql = RELATED_SQL.format(candidates=candidates_sql, mentions=mentions_sql)
    params = (*candidates_params, *mentions_params, RELATED_COUNT)
    return list(Article.objects.raw(sql, params))


def _latest_mentions(through, field: str, entities: list) -> list[tuple[str, tuple]]:
    """For each entity, the SQL for the ids of the articles last added that mention it.

    The lookups differ only in the entity's id, so one is compiled and given each id:
    compiling one per entity cost 0.3 ms each on every uncached page.
    """
    if not entities:
        return []
    latest = (
        through.objects.filter(**{field: entities[0]})
        .order_by("-article_id")
        .values_list("article_id")[:CANDIDATES_PER_ENTITY]
    )
    sql, _ = latest.query.sql_with_params()  # its one parameter is the id; the limit is in the SQL
    return [(sql, (entity.pk,)) for entity in entities]


def article_page_context(request: HttpRequest, article: Article) -> dict:
    blocks = list(article.blocks.all())
    quotes = article.visible_quote_list
    people = list(article.people.all())
    organisations = list(article.organisations.all())
    tags = sorted(article.tags.all(), key=lambda tag: tag.name.casefold())
    return {
        "article": article,
        "show_updated": bool(
            article.published_at and article.updated_at - article.published_at > UPDATE_SHOWN_AFTER
        ),
        "body": build_body(blocks, quotes, people),
        "standfirst_anchors": standfirst_anchors(quotes),
        "quoted": quote_summary(quotes),
        "tags": tags,
        "people": people,
        "organisations": organisations,
        "corrections": list(article.corrections.all()),
        "related": related_articles(article, people, organisations),
        "structured_data": article_ld(
            request,
            article,
            people=people,
            organisations=organisations,
            quotes=quotes,
            tags=[tag.name for tag in tags],
        ),
    }
