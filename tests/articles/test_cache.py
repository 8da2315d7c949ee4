"""The page cache: anonymous pages are stored, validated and emptied when content changes."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import views
from articles.cache import (
    GENERATION_KEY,
    PAGE_SECONDS,
    SCHEDULE_KEY,
    coalesced_emptying,
    empty_page_cache,
    page_lifetime,
)
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


def test_a_cached_page_has_the_same_body_and_headers_as_the_fresh_one(
    client, django_assert_num_queries
):
    """A hit sends what the first visit got: the security headers of every middleware
    (CSP, frame denial, nosniff…), the ETag, public Cache-Control and Vary: Cookie."""
    article = ArticleFactory()
    fresh = client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        cached = client.get(article.get_absolute_url())
    assert cached.status_code == 200 and cached.content == fresh.content
    assert dict(cached.items()) == dict(fresh.items())
    assert "frame-ancestors 'none'" in cached["Content-Security-Policy"]
    assert cached["X-Frame-Options"] == "DENY"
    assert cached["X-Content-Type-Options"] == "nosniff"
    assert cached["Cross-Origin-Opener-Policy"] == "same-origin"
    assert cached["ETag"] and cached["Vary"] == "Cookie"
    assert cached["Cache-Control"] == "public, max-age=60"


def test_cached_pages_carry_validators_and_public_cache_control(client):
    """Anonymous pages carry an ETag and public Cache-Control; a matching ETag gets 304."""
    ArticleFactory()
    response = client.get("/")
    assert response["ETag"]
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    again = client.get("/", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == response["ETag"]


def test_revalidating_after_the_cache_was_emptied_gets_304_and_refills_it(
    client, django_assert_num_queries
):
    """A browser asking again after an unrelated change gets 304 for an unchanged page,
    and the page rebuilt to answer it is kept for the next reader."""
    ArticleFactory()
    etag = client.get("/")["ETag"]
    empty_page_cache()
    assert client.get("/", headers={"if-none-match": etag}).status_code == 304
    with django_assert_num_queries(0):
        assert client.get("/")["ETag"] == etag


def test_head_requests_are_answered_from_the_cache_too(client, django_assert_num_queries):
    """HEAD gets a page's headers without its body, cached like GET, and leaves GET whole."""
    ArticleFactory()
    page = client.get("/")
    client.head("/")
    with django_assert_num_queries(0):
        head = client.head("/")
        again = client.get("/")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == page["ETag"] and head["Content-Type"] == page["Content-Type"]
    assert again.content == page.content


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


def _bulk_write(article, **values):
    """A write that sends no signal and empties nothing, as the importer's bulk writes
    are until it sends ``articles_imported``; like them, it stamps ``updated_at``."""
    Article.objects.filter(pk=article.pk).update(**values, updated_at=timezone.now())


def test_import_signal_empties_the_cache(client):
    """After the importer's articles_imported signal, changed pages are rebuilt."""
    article = ArticleFactory(headline="Before import")
    assert b"Before import" in client.get("/").content
    _bulk_write(article, headline="After import")
    assert b"Before import" in client.get("/").content
    articles_imported.send(sender=None, article_ids=[article.pk])
    assert b"After import" in client.get("/").content


def test_an_editor_saving_in_admin_empties_the_cache(
    client, django_app, editor_user, django_capture_on_commit_callbacks
):
    """A headline an editor changes in admin shows on the cached article page at once."""
    article = ArticleFactory(headline="Library opens in spring")
    assert b"Library opens in spring" in client.get(article.get_absolute_url()).content
    form = django_app.get(f"/admin/articles/article/{article.pk}/change/", user=editor_user).forms[
        "article_form"
    ]
    form["headline"] = "Library opening delayed to autumn"
    with django_capture_on_commit_callbacks(execute=True):
        form.submit().follow()
    assert b"Library opening delayed to autumn" in client.get(article.get_absolute_url()).content


def test_a_page_stored_under_an_old_generation_is_not_served(client):
    """Emptying the cache hides every page stored before, even one kept under the same URL,
    and so does losing the generation itself (the cache server restarted or evicted it)."""
    article = ArticleFactory(headline="First headline")
    assert b"First headline" in client.get("/").content
    _bulk_write(article, headline="Second headline")
    empty_page_cache()
    assert b"Second headline" in client.get("/").content
    _bulk_write(article, headline="Third headline")
    cache.delete(GENERATION_KEY)
    assert b"Third headline" in client.get("/").content


def test_a_change_committed_while_a_page_is_built_is_not_hidden(client, monkeypatch):
    """A page built from rows that changed before it was stored is not served afterwards."""
    article = ArticleFactory(headline="Old headline")
    listing_page = views._listing_page

    def editor_commits_meanwhile(request, articles, **options):
        # the home page now holds the old headline
        listing = listing_page(request, articles, **options)
        _bulk_write(article, headline="New headline")
        empty_page_cache()
        return listing

    monkeypatch.setattr(views, "_listing_page", editor_commits_meanwhile)
    assert b"Old headline" in client.get("/").content
    monkeypatch.undo()
    assert b"New headline" in client.get("/").content


def test_a_missing_draft_is_not_remembered(client):
    """The 404 a reader gets for a draft's address is not cached: once the article is
    published (even by a bulk write that empties nothing), readers see it."""
    draft = ArticleFactory(headline="Embargoed story", status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED)
    assert b"Embargoed story" in client.get(draft.get_absolute_url()).content


def test_staff_are_never_served_a_cached_page(client):
    """An editor always sees the current content, never the page cached for readers."""
    article = ArticleFactory(headline="Cached headline")
    assert b"Cached headline" in client.get("/").content
    _bulk_write(article, headline="Current headline")
    client.force_login(UserFactory(is_staff=True))
    home = client.get("/")
    assert b"Current headline" in home.content
    assert "private" in home["Cache-Control"] and "ETag" not in home
    client.logout()
    assert b"Cached headline" in client.get("/").content


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
    assert page_lifetime(1, None) == PAGE_SECONDS
    ArticleFactory(published_at=timezone.now() + timedelta(seconds=90))
    assert 0 < page_lifetime(2, cache.get(SCHEDULE_KEY)) <= 90


def test_the_schedule_is_looked_up_once_a_generation(django_assert_num_queries):
    """Pages stored under one generation share one lookup of the next scheduled article
    (also when the page read the schedule before another lookup stored it); a new
    generation (content changed) or a scheduled time that has passed looks again."""
    ArticleFactory(published_at=timezone.now() + timedelta(seconds=90))
    with django_assert_num_queries(1):
        first = page_lifetime(1, None)
    with django_assert_num_queries(0):
        assert page_lifetime(1, cache.get(SCHEDULE_KEY)) <= first <= 90
        assert page_lifetime(1, None) <= first
    with django_assert_num_queries(1):
        assert page_lifetime(2, cache.get(SCHEDULE_KEY)) <= 90
    passed = (2, timezone.now() - timedelta(seconds=1))
    cache.set(SCHEDULE_KEY, passed)
    with django_assert_num_queries(1):
        assert 0 < page_lifetime(2, passed) <= 90


def test_a_cold_page_under_a_known_generation_skips_the_schedule_query(
    client, django_assert_num_queries
):
    """The page cache reads the schedule with the page: once one page was stored, the
    next page built under the same generation makes one query fewer."""
    first, second = ArticleFactory(), ArticleFactory()
    cache.clear()
    with CaptureQueriesContext(connection) as built_first:
        client.get(first.get_absolute_url())
    with django_assert_num_queries(len(built_first) - 1):
        client.get(second.get_absolute_url())


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
