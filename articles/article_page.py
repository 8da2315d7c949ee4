"""Everything the article page shows, fetched in a fixed number of queries."""

from datetime import timedelta

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
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
            queryset=Quote.objects.exclude(status=Quote.Status.REJECTED).select_related(
                "speaker_person", "speaker_organisation"
            ),
            to_attr="visible_quote_list",
        ),
        "tags",
        Prefetch("people", queryset=Person.objects.order_by("name")),
        Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
        "corrections",
    )


def related_articles(
    article: Article, people: list[Person], organisations: list[Organisation]
) -> list[Article]:
    """Published articles sharing the most people and organisations with ``article``.

    Each candidate's shared people and shared organisations are counted in
    two small subqueries on the mention tables' indexes. Joining both tables
    at once and counting distinct rows multiplied every candidate's people by
    its organisations: most of an uncached article page's time at 10,000
    articles (`make bench`).
    """
    if not people and not organisations:
        return []
    shared_people = _shared(Article.people.through, "person", people)
    shared_organisations = _shared(Article.organisations.through, "organisation", organisations)
    return list(
        published_articles()
        .exclude(pk=article.pk)
        .filter(
            Q(pk__in=shared_people.values("article"))
            | Q(pk__in=shared_organisations.values("article"))
        )
        .annotate(
            shared=_count_for_article(shared_people) + _count_for_article(shared_organisations)
        )
        .order_by("-shared", "-published_at", "-id")[:RELATED_COUNT]
    )


def _shared(through, field: str, entities: list) -> QuerySet:
    return through.objects.filter(**{f"{field}__in": entities})


def _count_for_article(mentions: QuerySet) -> Coalesce:
    counted = mentions.filter(article=OuterRef("pk")).values("article").annotate(n=Count("*"))
    return Coalesce(Subquery(counted.values("n")), 0)


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
