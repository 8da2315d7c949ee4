"""Workflow services: publishing, scheduling, unpublishing, review and quote status."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.models import Article, Quote
from articles.services import (
    publish_articles,
    send_to_review,
    set_quote_status,
    unpublish_articles,
)
from tests.factories import ArticleFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def test_publish_now_makes_an_undated_article_public(editor_user):
    """An article without a date goes live now."""
    article = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    outcome = publish_articles(articles=[article], user=editor_user)
    article.refresh_from_db()
    assert outcome.published == [article]
    assert article.is_public
    assert timezone.now() - article.published_at < timedelta(minutes=1)


def test_publish_keeps_an_earlier_original_publication_date(editor_user):
    """An article's earlier original date survives publishing."""
    original = timezone.now() - timedelta(days=30)
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=original)
    publish_articles(articles=[article], user=editor_user)
    article.refresh_from_db()
    assert article.published_at == original


def test_publish_now_brings_a_scheduled_article_forward(editor_user):
    """Publishing a scheduled article now makes it public at once."""
    article = ArticleFactory(published_at=timezone.now() + timedelta(days=3))
    publish_articles(articles=[article], user=editor_user)
    assert Article.objects.published().get() == article


def test_publish_at_a_future_time_schedules(editor_user):
    """Publishing at a future time schedules: published, but not yet public."""
    article = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    publish_articles(articles=[article], user=editor_user, at=timezone.now() + timedelta(hours=2))
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert not article.is_public


def test_provisional_headlines_are_held_back(editor_user):
    """An article whose headline the importer made up is not published."""
    article = ArticleFactory(status=Article.Status.REVIEW, headline_needs_review=True)
    outcome = publish_articles(articles=[article], user=editor_user)
    article.refresh_from_db()
    assert outcome.provisional_headline == [article]
    assert article.status == Article.Status.REVIEW


@pytest.mark.parametrize("service", [publish_articles, unpublish_articles])
def test_reporter_may_not_publish_or_unpublish(reporter_user, service):
    """The services themselves refuse users without the publish permission."""
    article = ArticleFactory(status=Article.Status.REVIEW)
    with pytest.raises(PermissionDenied, match="permission to publish"):
        service(articles=[article], user=reporter_user)
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_unpublish_returns_to_draft_and_keeps_the_date(editor_user):
    """Unpublished articles become drafts with their date kept for republishing."""
    article = ArticleFactory()
    published_at = article.published_at
    assert unpublish_articles(articles=[article], user=editor_user) == [article]
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.DRAFT, published_at)


def test_send_to_review_moves_drafts_only():
    """Only drafts go to review; a published article is left alone."""
    draft = ArticleFactory(status=Article.Status.DRAFT)
    published = ArticleFactory()
    assert send_to_review(articles=[draft, published]) == [draft]
    published.refresh_from_db()
    assert published.status == Article.Status.PUBLISHED


def test_workflow_changes_are_recorded_in_history(editor_user):
    """A status change made by a service is a history record."""
    article = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    publish_articles(articles=[article], user=editor_user)
    latest = article.history.latest()
    assert latest.status == Article.Status.PUBLISHED
    assert latest.history_type == "~"


def test_set_quote_status_changes_only_quotes_in_another_state():
    """Only quotes not already in the status are saved (and reported changed)."""
    extracted = QuoteFactory(status=Quote.Status.EXTRACTED)
    confirmed = QuoteFactory(status=Quote.Status.CONFIRMED)
    changed = set_quote_status(quotes=[extracted, confirmed], status=Quote.Status.CONFIRMED)
    assert changed == [extracted]
    extracted.refresh_from_db()
    assert extracted.status == Quote.Status.CONFIRMED
