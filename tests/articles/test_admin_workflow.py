"""The article workflow in admin: who may publish, from the change form and from actions."""

import pytest

from articles.models import Article
from tests.admin_pages import offered_actions, run_action
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def test_editor_publishes_from_the_change_form(django_app, editor_user, imported_article):
    """An editor sets the status to published and the article is public."""
    form = django_app.get(change_url(imported_article), user=editor_user).forms["article_form"]
    form["headline"] = "Library will open next spring"
    form["status"] = Article.Status.PUBLISHED
    form.submit().follow()
    imported_article.refresh_from_db()
    assert imported_article.is_public


def test_publishing_with_the_provisional_headline_is_refused(
    django_app, editor_user, imported_article
):
    """The form will not publish an article whose headline the importer made up."""
    form = django_app.get(change_url(imported_article), user=editor_user).forms["article_form"]
    form["status"] = Article.Status.PUBLISHED
    page = form.submit()
    assert "still the importer’s provisional one" in page.text or "provisional one" in page.text
    imported_article.refresh_from_db()
    assert imported_article.status == Article.Status.DRAFT


def test_reporter_cannot_publish_from_the_change_form(django_app, reporter_user, imported_article):
    """The form refuses, with a message naming the status field, and nothing is saved."""
    form = django_app.get(change_url(imported_article), user=reporter_user).forms["article_form"]
    form["headline"] = "Library will open next spring"
    form["status"] = Article.Status.PUBLISHED
    page = form.submit()
    error = page.html.select_one(".field-status .errorlist").get_text(strip=True)
    assert "You do not have permission to publish" in error
    imported_article.refresh_from_db()
    assert imported_article.status == Article.Status.DRAFT
    assert imported_article.headline_needs_review is True


def test_reporter_sees_a_published_article_read_only(django_app, client, reporter_user):
    """A live article is changed by editors only: reporters get no form, and a POST is refused."""
    article = ArticleFactory()
    page = django_app.get(change_url(article), user=reporter_user)
    assert "headline" not in page.forms["article_form"].fields
    assert page.html.select_one(".field-headline .readonly").get_text() == article.headline
    client.force_login(reporter_user)
    response = client.post(change_url(article), {"headline": "Changed", "status": "draft"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.is_public


def test_reporter_cannot_revert_a_published_article_from_history(client, reporter_user):
    """Viewing history is allowed; posting a revert without the right to change is not."""
    article = ArticleFactory(headline="First")
    Article.objects.get(pk=article.pk).save()  # a second version
    first = article.history.earliest()
    client.force_login(reporter_user)
    url = f"/admin/articles/article/{article.pk}/history/{first.history_id}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"headline": "First", "status": "draft", "slug": article.slug})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.is_public


def run_article_action(django_app, user, action, articles):
    return run_action(django_app, CHANGELIST, user=user, action=action, objects=articles).follow()


def test_send_to_review_action(django_app, reporter_user, imported_article):
    """A reporter moves a draft into review with the action."""
    run_article_action(django_app, reporter_user, "send_to_review_action", [imported_article])
    imported_article.refresh_from_db()
    assert imported_article.status == Article.Status.REVIEW


def test_publish_action_publishes_and_holds_back_provisional_headlines(django_app, editor_user):
    """Articles with real headlines go live; provisional ones stay and are named in a warning."""
    ready = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    provisional = ArticleFactory(
        status=Article.Status.REVIEW, headline="Made up", headline_needs_review=True
    )
    page = run_article_action(django_app, editor_user, "publish_now", [ready, provisional])
    ready.refresh_from_db()
    provisional.refresh_from_db()
    assert ready.is_public
    assert provisional.status == Article.Status.REVIEW
    assert "Not published, the headline is still provisional: “Made up”" in page.text


def test_reporter_is_not_offered_the_publish_action_and_cannot_force_it(django_app, reporter_user):
    """Reporters see no publish or unpublish action, and posting one anyway publishes nothing."""
    article = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    offered = offered_actions(django_app.get(CHANGELIST, user=reporter_user))
    assert "send_to_review_action" in offered
    assert "publish_now" not in offered
    assert "unpublish" not in offered

    run_article_action(django_app, reporter_user, "publish_now", [article])
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_unpublish_action(django_app, editor_user):
    """Unpublishing takes the article off the site, back to draft."""
    article = ArticleFactory()
    run_article_action(django_app, editor_user, "unpublish", [article])
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert not Article.objects.published().exists()
