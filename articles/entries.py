"""Stored list entries: how each article shows in other pages, built once and then read
with the page's articles while it is current.

A listing page built afresh ran a template for each of its twenty articles, and
two queries for their tags and quoted speakers: about 7 of the home page's 9.5 ms
at 10,000 articles, and the quotes of a most-quoted person's page half of its
20 ms. ``ArticleEntry`` keeps, for each article, its entry in the home and tag
pages' lists and each speaker's group of its quotes for the person and
organisation pages. A listing page then reads the entries of its articles in one
query; the ones missing or not current are built (two queries for any number)
and stored for next time (one more).

An entry is current under the rules of ``articles.renders`` (the article's
``updated_at`` and ``render_version``, which ``forget_renders`` moves on when a
tag, quote or speaker it shows changes; the release's templates and code; the
age limit), for any address: its links are relative. It is built from the
articles as the page read them, before their tags and quotes, so one built from
rows older than a change carries the old version and is never served after it.
"""

import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import F
from django.db.models.fields.json import KT
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from newsroom.db import upsert
from people.models import Organisation, Person

from .models import Article, ArticleEntry, Quote
from .public import article_listing, published_articles, with_tags
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
# What a list entry shows of each quoted speaker: its name and slug (so its address).
SPEAKER_FIELDS = tuple(
    f"speaker_{model}__{field}"
    for model in ("person", "organisation")
    for field in ("name", "slug")
)
STORED_COLUMNS = (
    "article_id",
    "article_updated_at",
    "render_version",
    "layout",
    "rendered_at",
    "listed",
    "quote_groups",
)


def speaker_key(speaker: Person | Organisation) -> str:
    """The key of ``speaker``'s quote group in ``ArticleEntry.quote_groups``."""
    return f"{speaker._meta.model_name}:{speaker.pk}"


@lru_cache
def entries_layout() -> str:
    templates = [LISTED_TEMPLATE, QUOTE_GROUP_TEMPLATE]
    return files_digest(templates, ENTRY_MODULES, [settings.TIME_ZONE])


def listed_entries(articles: list[Article]) -> list[SafeString]:
    """The list entry of each of ``articles`` (published ones), in their order."""
    found = _entries(articles, key=None)
    return [found[article.pk] for article in articles]


def quote_groups(articles: list[Article], speaker: Person | Organisation) -> list[SafeString]:
    """``speaker``'s quotes in each of ``articles`` (published ones) that has any, in
    their order, grouped under the article."""
    found = _entries(articles, key=speaker_key(speaker))
    return [group for article in articles if (group := found[article.pk])]


def _entries(articles: list[Article], *, key: str | None) -> dict[int, SafeString | None]:
    """Each article's list entry (``key`` None) or ``key``'s quote group, by article id:
    read where current, else built and stored."""
    found = _current(articles, key=key)
    missing = [article for article in articles if article.pk not in found]
    if missing:
        built = build_entries(missing)
        store_entries(built)
        for entry in built:
            html = entry.listed if key is None else entry.quote_groups.get(key)
            found[entry.article_id] = html and mark_safe(html)  # noqa: S308 (rendered)
    return found


def _current(articles: list[Article], *, key: str | None) -> dict[int, SafeString | None]:
    if not articles:
        return {}
    stored = "listed" if key is None else KT(f"quote_groups__{key}")
    rows = ArticleEntry.objects.filter(
        article__in=[article.pk for article in articles],
        article_updated_at=F("article__updated_at"),
        render_version=F("article__render_version"),
        layout=entries_layout(),
        rendered_at__gt=timezone.now() - RENDER_MAX_AGE,
    ).values_list("article_id", stored)
    # Written only by ``store_entries``, from templates that escaped all they printed.
    return {pk: html and mark_safe(html) for pk, html in rows}  # noqa: S308


def build_entries(articles: list[Article]) -> list[ArticleEntry]:
    """The entries of ``articles`` as their templates render them now: two queries."""
    with_tags(articles)
    quotes = _visible_quotes(articles)
    rendered_at, layout = timezone.now(), entries_layout()
    entries = []
    for article in articles:
        groups = _by_speaker(quotes[article.pk])
        article.quoted_speakers = [group[0].speaker for group in groups.values()]
        quote_groups = {
            key: render_to_string(QUOTE_GROUP_TEMPLATE, {"article": article, "quotes": group})
            for key, group in groups.items()
        }
        entries.append(
            ArticleEntry(
                article=article,
                article_updated_at=article.updated_at,
                render_version=article.render_version,
                layout=layout,
                rendered_at=rendered_at,
                listed=render_to_string(LISTED_TEMPLATE, {"article": article}),
                quote_groups=quote_groups,
            )
        )
    return entries


def _visible_quotes(articles: Iterable[Article]) -> dict[int, list[Quote]]:
    """Each article's visible quotes in their order, with their speakers' names and slugs."""
    quotes = (
        Quote.objects.not_rejected()
        .filter(article__in=[article.pk for article in articles])
        .select_related("speaker_person", "speaker_organisation")
        .only("article_id", "text", "kind", *SPEAKER_FIELDS)
        .order_by("position", "id")
    )
    by_article: dict[int, list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_article[quote.article_id].append(quote)
    return by_article


def _by_speaker(quotes: list[Quote]) -> dict[str, list[Quote]]:
    """``quotes`` by their speaker's key, speakers in order of their first quote;
    quotes nobody is named for are in no group."""
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        if quote.speaker is not None:
            groups.setdefault(speaker_key(quote.speaker), []).append(quote)
    return groups


def store_entries(entries: list[ArticleEntry]) -> None:
    """Keep ``entries`` for the next pages that list their articles: one statement
    (``newsroom.db.upsert``).

    A saving, never a condition of serving the page: a write that fails (SQLite
    busy with an import, an article deleted meanwhile) is logged and the page is
    served all the same. Pages are served in autocommit (no ATOMIC_REQUESTS), so
    the statement is a transaction of its own.
    """
    adapt = connection.ops.adapt_datetimefield_value
    rows = [
        (
            entry.article_id,
            adapt(entry.article_updated_at),
            entry.render_version,
            entry.layout,
            adapt(entry.rendered_at),
            entry.listed,
            json.dumps(entry.quote_groups),
        )
        for entry in entries
    ]
    try:
        with connection.cursor() as cursor:
            upsert(cursor, table=ArticleEntry._meta.db_table, columns=STORED_COLUMNS, rows=rows)
    except DatabaseError as error:
        ids = [entry.article_id for entry in entries]
        logger.warning("Articles %s: list entries not stored (%s)", ids, error)


def store_stale_entries(*, batch_size: int = 100) -> int:
    """Build and store the entries of every published article that has none current
    (after an import or a release); how many were."""
    ids = list(published_articles().order_by("pk").values_list("pk", flat=True))
    built = 0
    for start in range(0, len(ids), batch_size):
        batch = published_articles().filter(pk__in=ids[start : start + batch_size])
        articles = list(article_listing(batch))
        current = _current(articles, key=None)
        stale = [article for article in articles if article.pk not in current]
        if stale:
            store_entries(build_entries(stale))
        built += len(stale)
    return built
