"""Everything the article page shows, fetched in a fixed number of queries."""

from datetime import timedelta

from django.db.models import Count, Prefetch, Q
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
    """Published articles sharing the most people and organisations with ``article``."""
    if not people and not organisations:
        return []
    shared = Count("people", filter=Q(people__in=people), distinct=True) + Count(
        "organisations", filter=Q(organisations__in=organisations), distinct=True
    )
    return list(
        published_articles()
        .exclude(pk=article.pk)
        .filter(Q(people__in=people) | Q(organisations__in=organisations))
        .annotate(shared=shared)
        .order_by("-shared", "-published_at", "-id")[:RELATED_COUNT]
    )


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
