"""Search on SQLite (development and the quick test run): rows that contain every
word of the query, newest first, highlighted as on PostgreSQL (``articles.highlight``).
PostgreSQL's full-text search is in ``articles.search``."""

from datetime import datetime

from django.db.models import F, Q

from .highlight import Highlighter
from .public import published_articles, visible_quotes
from .search_results import (
    ARTICLE_HIT_FIELDS,
    QUOTE_HIT_FIELDS,
    RESULTS_PER_KIND,
    ArticleHit,
    QuoteHit,
    article_hit,
    quote_hit,
    speaker_columns,
)


def matching_articles(terms: list[str], now: datetime) -> list[ArticleHit]:
    """Published articles with every term in the headline, standfirst or body, newest first."""
    rows = (
        published_articles(at=now)
        .filter(_every_term(terms, "headline", "standfirst", "search_document__body"))
        .annotate(body=F("search_document__body"))
        .values(*ARTICLE_HIT_FIELDS, "standfirst", "body")[:RESULTS_PER_KIND]
    )
    highlighter = Highlighter.for_words(terms)
    return [
        article_hit({**row, "snippet": highlighter.snippet(row["standfirst"], row["body"] or "")})
        for row in rows
    ]


def matching_quotes(terms: list[str], now: datetime) -> list[QuoteHit]:
    """Visible quotes with every term, in the newest articles first."""
    rows = (
        visible_quotes(at=now)
        .filter(_every_term(terms, "text"))
        .order_by("-article__published_at", "position")
        .annotate(snippet=F("text"))
        .values(*QUOTE_HIT_FIELDS, **speaker_columns())[:RESULTS_PER_KIND]
    )
    highlighter = Highlighter.for_words(terms)
    return [quote_hit({**row, "snippet": highlighter.mark_all(row["snippet"])}) for row in rows]


def _every_term(terms: list[str], *lookups: str) -> Q:
    condition = Q()
    for term in terms:
        any_field = Q()
        for lookup in lookups:
            any_field |= Q(**{f"{lookup}__icontains": term})
        condition &= any_field
    return condition
