"""Editorial workflow: moving articles between draft, review and published, and reviewing quotes.

Admin actions and forms call these functions. Each runs in one transaction and
saves row by row rather than with ``QuerySet.update()``, so django-simple-history
records who made the change and ``post_save`` listeners (such as the page
cache) hear about it.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .models import Article, Quote

PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether ``user`` may publish, schedule and unpublish articles (the Editor group may)."""
    return user.has_perm(PUBLISH_PERMISSION)


def require_publish_permission(user: AbstractBaseUser | AnonymousUser) -> None:
    if not can_publish(user):
        raise PermissionDenied(
            "You do not have permission to publish or unpublish articles: "
            "send them to review and an editor will publish them."
        )


def publication_time(article: Article, *, at: datetime | None = None) -> datetime:
    """When an article published now goes live.

    An explicit ``at`` schedules it. Otherwise an earlier date the article
    already carries (its original publication date) is kept, and a missing or
    future one becomes now.
    """
    now = timezone.now()
    if at is not None:
        return at
    if article.published_at is not None and article.published_at <= now:
        return article.published_at
    return now


@dataclass
class PublishOutcome:
    published: list[Article] = field(default_factory=list)
    provisional_headline: list[Article] = field(default_factory=list)


@transaction.atomic
def publish_articles(
    *,
    articles: Iterable[Article],
    user: AbstractBaseUser | AnonymousUser,
    at: datetime | None = None,
) -> PublishOutcome:
    """Publish ``articles`` (or schedule them when ``at`` is in the future).

    Articles whose headline the importer made up are held back until an editor
    writes a real one. Raises ``PermissionDenied`` for users without the
    publish permission, whatever screen they came from.
    """
    require_publish_permission(user)
    outcome = PublishOutcome()
    for article in articles:
        if article.headline_needs_review:
            outcome.provisional_headline.append(article)
            continue
        article.status = Article.Status.PUBLISHED
        article.published_at = publication_time(article, at=at)
        article.save(update_fields=["status", "published_at", "updated_at"])
        outcome.published.append(article)
    return outcome


@transaction.atomic
def unpublish_articles(
    *, articles: Iterable[Article], user: AbstractBaseUser | AnonymousUser
) -> list[Article]:
    """Take published (or scheduled) articles off the site, back to draft.

    The publication date is kept so that publishing again restores it.
    """
    require_publish_permission(user)
    return _move(articles, source=Article.Status.PUBLISHED, target=Article.Status.DRAFT)


@transaction.atomic
def send_to_review(*, articles: Iterable[Article]) -> list[Article]:
    """Move drafts into review. Published articles are left alone: unpublish them first."""
    return _move(articles, source=Article.Status.DRAFT, target=Article.Status.REVIEW)


def _move(
    articles: Iterable[Article], *, source: Article.Status, target: Article.Status
) -> list[Article]:
    """Give every article in ``source`` status the ``target`` status; return those changed."""
    changed = []
    for article in articles:
        if article.status == source:
            article.status = target
            article.save(update_fields=["status", "updated_at"])
            changed.append(article)
    return changed


@transaction.atomic
def set_quote_status(*, quotes: Iterable[Quote], status: Quote.Status) -> list[Quote]:
    """Confirm or reject quotes. The importer keeps any quote that is no longer ``extracted``."""
    changed = []
    for quote in quotes:
        if quote.status == status:
            continue
        quote.status = status
        quote.save(update_fields=["status", "updated_at"])
        changed.append(quote)
    return changed
