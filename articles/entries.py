"""Stored list entries: how each article shows in other pages, built once and then read
with the page's articles while it is current.

A listing page built afresh ran a template for each of its twenty articles, and
two queries for their tags and quoted speakers: about 7 of the home page's 9.5 ms
at 10,000 articles, and the quotes of a most-quoted person's page half of its
20 ms. ``ArticleEntry`` keeps what each article shows in each place: its entry in
the home and tag pages' lists, and, once a speaker's page has shown it, that
speaker's group of its quotes. A listing page reads the entries of its articles
with the articles themselves (``with_stored_entries``: one column of the
listing's query); the ones missing or not current are built (the quotes or the
tags and speakers of all of them, in one or two queries) and stored in one more.

An entry is current under the rules of ``articles.renders`` (the article's
``updated_at`` and ``render_version``, which ``forget_renders`` moves on when a
tag, quote or speaker it shows changes; the release's templates and code; the
age limit), for any address: its links are relative. It is built from the
articles as the page read them, before their tags and quotes, so one built from
rows older than a change carries the old version and is never served after it.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache, partial

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import OuterRef, QuerySet, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from newsroom.db import upsert
from people.models import Organisation, Person

from .models import Article, ArticleEntry, Quote
from .public import (
    article_listing,
    published_articles,
    published_id_batches,
    with_quoted_speakers,
    with_tags,
)
from .renders import RENDER_MAX_AGE, files_digest

logger = logging.getLogger(__name__)

LISTED_TEMPLATE = "includes/article_entry.html"
QUOTE_GROUP_TEMPLATE = "people/includes/quote_group.html"
# What builds an entry, besides Django: a release that changes any of these makes
# every stored entry not current.
ENTRY_MODULES = (
    "articles.entries",
    "articles.public",
    "articles.templatetags.reader",
    "newsroom.links",
    "newsroom.urls",
    "articles.urls",
    "people.urls",
)
STORED_COLUMNS = (
    "article_id",
    "place",
    "article_updated_at",
    "render_version",
    "layout",
    "rendered_at",
    "html",
)

Builder = Callable[[list[Article]], dict[int, str]]


def speaker_place(speaker: Person | Organisation) -> str:
    """The ``ArticleEntry.place`` of ``speaker``'s quotes on their page."""
    return f"{speaker._meta.model_name}:{speaker.pk}"


@lru_cache
def entries_layout() -> str:
    templates = [LISTED_TEMPLATE, QUOTE_GROUP_TEMPLATE]
    return files_digest(templates, ENTRY_MODULES, [settings.TIME_ZONE])


def with_stored_entries(articles: QuerySet[Article], place: str) -> QuerySet[Article]:
    """``articles``, each with ``stored_entry``: its entry in ``place`` if one is
    stored and current, else None.

    Read as a column of the listing's own query, not in a query of their own: one
    round trip less for every listing page built. PostgreSQL looks the entries up
    for the rows of the page only, after sorting and cutting the listing.
    """
    current = ArticleEntry.objects.filter(
        article=OuterRef("pk"),
        place=place,
        article_updated_at=OuterRef("updated_at"),
        render_version=OuterRef("render_version"),
        layout=entries_layout(),
        rendered_at__gt=timezone.now() - RENDER_MAX_AGE,
    )
    return articles.annotate(stored_entry=Subquery(current.values("html")[:1]))


# ``with_stored_entries`` for listings written in SQL (the article under the alias
# ``a``): the column ``stored_entry``, given ``stored_entry_params`` and the table
# ``{entry}`` (``newsroom.db.sql_from_meta``).
STORED_ENTRY_SQL = """(SELECT e.html FROM {entry} e WHERE e.article_id = a.id
    AND e.place = %s AND e.article_updated_at = a.updated_at
    AND e.render_version = a.render_version AND e.layout = %s AND e.rendered_at > %s
) AS stored_entry"""


def stored_entry_params(place: str) -> tuple:
    """The values of ``STORED_ENTRY_SQL``'s placeholders, for entries in ``place``."""
    adapt = connection.ops.adapt_datetimefield_value
    return (place, entries_layout(), adapt(timezone.now() - RENDER_MAX_AGE))


def listed_entries(articles: list[Article]) -> list[SafeString]:
    """The list entry of each of ``articles`` (published ones, read through
    ``with_stored_entries(..., ArticleEntry.LIST)``), in their order."""
    found = _entries(articles, ArticleEntry.LIST, _build_listed)
    return [found[article.pk] for article in articles]


def quote_groups(articles: list[Article], speaker: Person | Organisation) -> list[SafeString]:
    """``speaker``'s quotes in each of ``articles`` (published ones, read through
    ``with_stored_entries(..., speaker_place(speaker))``) that has any, in their
    order, grouped under the article."""
    found = _entries(articles, speaker_place(speaker), partial(_build_groups, speaker))
    return [group for article in articles if (group := found[article.pk])]


def _entries(articles: list[Article], place: str, build: Builder) -> dict[int, SafeString]:
    """Each article's entry in ``place``, by article id: read where current, else
    built and stored."""
    found = _current(articles)
    return found | _build_missing(articles, place, build, found)


def _build_missing(
    articles: list[Article], place: str, build: Builder, current: dict[int, SafeString]
) -> dict[int, SafeString]:
    """Build and store the entries in ``place`` of the ``articles`` not in ``current``."""
    missing = [article for article in articles if article.pk not in current]
    if not missing:
        return {}
    built = build(missing)
    store_entries(place, missing, built)
    # Rendered just now by templates that escape all they print.
    return {pk: mark_safe(html) for pk, html in built.items()}  # noqa: S308


def _current(articles: list[Article]) -> dict[int, SafeString]:
    """The entries ``with_stored_entries`` found current, by article id."""
    # Written only by ``store_entries``, from templates that escaped all they printed.
    return {
        article.pk: mark_safe(article.stored_entry)  # noqa: S308
        for article in articles
        if article.stored_entry is not None
    }


def _build_listed(articles: list[Article]) -> dict[int, str]:
    """The list entries of ``articles``: two queries (tags, quoted speakers)."""
    with_quoted_speakers(with_tags(articles))
    return {
        article.pk: render_to_string(LISTED_TEMPLATE, {"article": article}) for article in articles
    }


def _build_groups(speaker: Person | Organisation, articles: list[Article]) -> dict[int, str]:
    """``speaker``'s group of visible quotes in each of ``articles`` ("" where it has
    none, so that is not looked for again): one query."""
    quotes = (
        Quote.objects.not_rejected()
        .filter(**{f"speaker_{speaker._meta.model_name}": speaker})
        .filter(article__in=[article.pk for article in articles])
        .only("article_id", "text", "kind")
        .order_by("position", "id")
    )
    by_article: dict[int, list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_article[quote.article_id].append(quote)
    return {
        article.pk: render_to_string(
            QUOTE_GROUP_TEMPLATE, {"article": article, "quotes": by_article[article.pk]}
        )
        if by_article[article.pk]
        else ""
        for article in articles
    }


def store_entries(place: str, articles: list[Article], built: dict[int, str]) -> None:
    """Keep the ``built`` entries of ``articles`` in ``place`` for the next pages that
    list them: one statement (``newsroom.db.upsert``), stamped with the versions of
    the articles as read before they were built.

    A saving, never a condition of serving the page: a write that fails (SQLite
    busy with an import, an article deleted meanwhile) is logged and the page is
    served all the same. Pages are served in autocommit (no ATOMIC_REQUESTS), so
    the statement is a transaction of its own.
    """
    adapt = connection.ops.adapt_datetimefield_value
    now, layout = adapt(timezone.now()), entries_layout()
    rows = [
        (a.pk, place, adapt(a.updated_at), a.render_version, layout, now, built[a.pk])
        for a in articles
    ]
    try:
        with connection.cursor() as cursor:
            table = ArticleEntry._meta.db_table
            upsert(
                cursor,
                table=table,
                columns=STORED_COLUMNS,
                unique=STORED_COLUMNS[:2],
                rows=rows,
                derived=True,
            )
    except DatabaseError as error:
        ids = [article.pk for article in articles]
        logger.warning("Articles %s: entries in %s not stored (%s)", ids, place, error)


def store_stale_entries(*, batch_size: int = 100) -> int:
    """Build and store the list entry of every published article that has none current
    (after an import or a release); how many were."""
    built = 0
    for ids in published_id_batches(batch_size):
        listing = article_listing(published_articles().filter(pk__in=ids))
        articles = list(with_stored_entries(listing, ArticleEntry.LIST))
        current = _current(articles)
        built += len(_build_missing(articles, ArticleEntry.LIST, _build_listed, current))
    return built
