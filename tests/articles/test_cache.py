"""The page cache: anonymous pages are stored, validated and emptied when content changes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.cache import PAGE_SECONDS, _seconds_until_next_scheduled, coalesced_emptying
from articles.models import Article
from articles.signals import articles_imported
from tests.factories import ArticleFactory, CorrectionFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_second_anonymous_visit_is_served_from_the_cache(client, django_assert_num_queries):
    """A repeated anonymous request is answered without touching the database."""
    article = ArticleFactory()
    first = client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())
    assert second.content == first.content


def test_cached_pages_carry_validators_and_public_cache_control(client):
    """Anonymous pages carry an ETag and public Cache-Control; a matching ETag gets 304."""
    ArticleFactory()
    response = client.get("/")
    assert response["ETag"]
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    again = client.get("/", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_publishing_an_article_empties_the_cache(client, django_capture_on_commit_callbacks):
    """A draft that an editor publishes appears on the cached home page at once."""
    draft = ArticleFactory(headline="Breaking story", status=Article.Status.DRAFT)
    assert b"Breaking story" not in client.get("/").content
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = Article.Status.PUBLISHED
        draft.save()
    assert b"Breaking story" in client.get("/").content


def test_related_rows_empty_the_cache_too(client, django_capture_on_commit_callbacks):
    """Adding a correction or renaming a person shows on the next view of the article."""
    article = ArticleFactory()
    person = PersonFactory(name="Old Name")
    url = article.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        article.people.add(person)
    assert b"Old Name" in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        CorrectionFactory(article=article, text="We got the date wrong.")
        person.name = "New Name"
        person.save()
    content = client.get(url).content
    assert b"We got the date wrong." in content and b"New Name" in content


def test_import_signal_empties_the_cache(client):
    """After the importer's articles_imported signal, changed pages are rebuilt."""
    article = ArticleFactory(headline="Before import")
    assert b"Before import" in client.get("/").content
    Article.objects.filter(pk=article.pk).update(headline="After import")  # a bulk write
    assert b"Before import" in client.get("/").content
    articles_imported.send(sender=None, article_ids=[article.pk])
    assert b"After import" in client.get("/").content


def test_staff_pages_are_never_stored_or_served_from_the_cache(client):
    """A staff preview is private and does not leak to readers through the cache."""
    draft = ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(headline="Public story")
    client.get("/")  # cache the public home page
    staff = client
    staff.force_login(UserFactory(is_staff=True))
    assert staff.get(draft.get_absolute_url()).status_code == 200
    home = staff.get("/")
    assert "private" in home["Cache-Control"] and "ETag" not in home
    staff.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_cache_lifetime_stops_at_the_next_scheduled_article():
    """Pages are kept no longer than the time left before a scheduled article appears."""
    assert _seconds_until_next_scheduled() == PAGE_SECONDS
    ArticleFactory(published_at=timezone.now() + timedelta(seconds=90))
    assert 0 < _seconds_until_next_scheduled() <= 90


def test_only_get_and_head_are_allowed(client):
    """Public pages refuse POST instead of caching or processing it."""
    assert client.post("/").status_code == 405
    assert client.head("/").status_code == 200


def test_an_import_run_empties_the_cache_at_most_once_per_interval(client):
    """While an import publishes articles in quick succession, readers keep the cached
    pages: the first article shows at once, the others once the interval passes or the
    run ends."""
    first, second = (
        ArticleFactory(headline=f"{word} imported story", status=Article.Status.DRAFT)
        for word in ("First", "Second")
    )
    assert b"imported story" not in client.get("/").content  # now cached

    def publish(article):
        Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
        articles_imported.send(sender=Article, article_ids=[article.pk])

    with coalesced_emptying(interval=60):
        publish(first)
        assert b"First imported story" in client.get("/").content
        publish(second)
        assert b"Second imported story" not in client.get("/").content
    assert b"Second imported story" in client.get("/").content
