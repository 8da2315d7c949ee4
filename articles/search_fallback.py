"""Search on SQLite (development and the quick test run): rows that contain every
word of the query, highlighted in Python. PostgreSQL's full-text search is in
``articles.search``."""

import re
from datetime import datetime

from django.db.models import F, Q

from .public import published_articles, visible_quotes
from .search_results import (
    ARTICLE_HIT_FIELDS,
    MARK_START,
    MARK_STOP,
    QUOTE_HIT_FIELDS,
    RESULTS_PER_KIND,
    ArticleHit,
    QuoteHit,
    article_hit,
    quote_hit,
    speaker_columns,
)

_SPACE = re.compile(r"\s")


def matching_articles(terms: list[str], now: datetime) -> list[ArticleHit]:
    """Published articles with every term in the headline, standfirst or body, newest first."""
    rows = (
        published_articles(at=now)
        .filter(_every_term(terms, "headline", "standfirst", "search_document__body"))
        .annotate(body=F("search_document__body"))
        .values(*ARTICLE_HIT_FIELDS[:-1], "standfirst", "body")[:RESULTS_PER_KIND]
    )
    hits = []
    for row in rows:
        text = f"{row['standfirst']}\n{row['body'] or ''}"
        hits.append(article_hit({**row, "snippet": mark_terms(excerpt(text, terms), terms)}))
    return hits


def matching_quotes(terms: list[str], now: datetime) -> list[QuoteHit]:
    """Visible quotes with every term, in the newest articles first."""
    rows = (
        visible_quotes(at=now)
        .filter(_every_term(terms, "text"))
        .order_by("-article__published_at", "position")
        .annotate(snippet=F("text"))
        .values(*QUOTE_HIT_FIELDS, **speaker_columns())[:RESULTS_PER_KIND]
    )
    return [quote_hit({**row, "snippet": mark_terms(row["snippet"], terms)}) for row in rows]


def _every_term(terms: list[str], *lookups: str) -> Q:
    condition = Q()
    for term in terms:
        any_field = Q()
        for lookup in lookups:
            any_field |= Q(**{f"{lookup}__icontains": term})
        condition &= any_field
    return condition


def excerpt(text: str, terms: list[str], *, width: int = 240) -> str:
    """About ``width`` characters of ``text`` around the first of ``terms`` it
    contains, in whole words."""
    folded = text.casefold()
    hits = [folded.find(term) for term in terms if term in folded]
    first = min(hits, default=0)
    start = max(0, first - width // 3)
    if start > 0 and (space := _SPACE.search(text, start, first)):
        start = space.end()  # not halfway through a word
    end = start + width
    if end < len(text) and not text[end].isspace():
        end = max(text.rfind(" ", first, end), text.rfind("\n", first, end), first + 1)
    snippet = text[start:end].strip()
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return f"{prefix}{snippet}{suffix}"


def mark_terms(text: str, terms: list[str]) -> str:
    """Surround each occurrence of any of ``terms`` (any case) with the highlight markers."""
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    return pattern.sub(lambda match: f"{MARK_START}{match.group(0)}{MARK_STOP}", text)
