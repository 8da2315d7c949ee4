"""Stored article pages: served from one row while current, never once what they show changed.

Each test first views the page (built and stored), then changes something,
empties the page cache as every change does, and views it again: what a reader
sees must be the change, never the stored copy.
"""

import logging
import re
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.utils import timezone

from articles import renders
from articles.importer import import_article
from articles.models import Article, ArticleRender
from articles.renders import RENDER_MAX_AGE
from articles.signals import articles_imported
from tests.articles import changes
from tests.articles.parsed_builders import article as parsed_article
from tests.articles.parsed_builders import person
from tests.factories import (
    ArticleFactory,
    BlockFactory,
    CorrectionFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _view(client, article) -> str:
    cache.clear()  # as any change to content does: the page cache no longer helps
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def quoted_article():
    article = ArticleFactory(headline="Bridge to close", standfirst="Works start in May.")
    speaker = PersonFactory(name="Jane Doe", role="Engineer")
    council = OrganisationFactory(name="Rudstone Council")
    block = BlockFactory(article=article, position=1, text="The bridge is unsafe.")
    QuoteFactory(article=article, speaker_person=speaker, first_block=block, last_block=block)
    article.people.add(speaker)
    article.organisations.add(council)
    article.tags.add("Transport")
    return article


def test_a_stored_page_is_the_page_built_afresh(client, quoted_article, django_assert_num_queries):
    """The second view is put together from the stored row in 2 queries (the article
    with its page and related articles, the next scheduled one), byte for byte the
    page built from the database."""
    ArticleFactory(headline="Related story").people.add(*quoted_article.people.all())
    built = _view(client, quoted_article)
    assert "Related story" in built
    assert ArticleRender.objects.filter(article=quoted_article).exists()
    cache.clear()
    with django_assert_num_queries(2):
        stored = client.get(quoted_article.get_absolute_url()).content.decode()
    assert stored == built
    ArticleRender.objects.all().delete()
    assert _view(client, quoted_article) == built


def test_stored_html_stays_escaped(client):
    """Markup typed into a headline or paragraph is shown as text from the stored row too."""
    article = ArticleFactory(headline="<script>alert(1)</script> vote")
    BlockFactory(article=article, position=1, text="<img src=x onerror=alert(2)>")
    for _ in range(2):
        page = _view(client, article)
        assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
        assert "<img src=x" not in page


def _edit_block(article):
    block = article.blocks.get()
    block.text = "The bridge reopened today."
    block.save()
    return "The bridge reopened today."


def _correct(article):
    CorrectionFactory(article=article, text="An earlier version misspelt the bridge.")
    return "An earlier version misspelt the bridge."


def _rename_speaker(article):
    person = article.people.get()
    person.name, person.role = "Janet Doe", "Chief engineer"
    person.save()
    return "Chief engineer"


def _rename_organisation(article):
    organisation = article.organisations.get()
    organisation.name = "Rudstone Borough Council"
    organisation.save()
    return "Rudstone Borough Council"


def _mention_from_the_person(article):
    PersonFactory(name="Sam Newcomer").articles.add(article)
    return "Sam Newcomer"


@pytest.mark.parametrize(
    "change",
    [
        _edit_block,
        _correct,
        _rename_speaker,
        _rename_organisation,
        changes.rename_tag,
        changes.add_tag,
        _mention_from_the_person,
        changes.save_article,
    ],
)
def test_every_change_to_what_the_page_shows_reaches_it(client, on_commit, quoted_article, change):
    """A paragraph, a correction, a speaker's name or role, an organisation, a tag, a
    mention added from the person's side, the article itself: the next view shows it."""
    _view(client, quoted_article)
    with on_commit():
        expected = change(quoted_article)
    assert expected in _view(client, quoted_article)


def test_a_rejected_quote_leaves_the_stored_page(client, on_commit, quoted_article):
    assert "Who’s quoted" in _view(client, quoted_article)
    with on_commit():
        changes.reject_quote(quoted_article)
    assert "Who’s quoted" not in _view(client, quoted_article)


@pytest.mark.parametrize("side", ["person deleted", "mentions cleared from the person"])
def test_a_person_gone_from_the_article_leaves_its_page(client, on_commit, quoted_article, side):
    """Deleting a person, or clearing their mentions from their side, reaches the pages
    that showed them, although the rows linking them are gone by the time it commits."""
    other = PersonFactory(name="Maxine Gone")
    quoted_article.people.add(other)
    assert "Maxine Gone" in _view(client, quoted_article)
    with on_commit():
        other.delete() if side == "person deleted" else other.articles.clear()
    assert "Maxine Gone" not in _view(client, quoted_article)


def test_the_importer_signal_reaches_the_stored_page(client, on_commit, quoted_article):
    """The importer writes blocks in bulk (no save signals) and then says which articles."""
    _view(client, quoted_article)
    quoted_article.blocks.update(text="Imported again with new words.")
    with on_commit():
        articles_imported.send(sender=Article, article_ids=[quoted_article.pk])
    assert "Imported again with new words." in _view(client, quoted_article)


def _related_pair():
    first, second = ArticleFactory(headline="First story"), ArticleFactory(headline="Second")
    person = PersonFactory()
    first.people.add(person)
    second.people.add(person)
    return first, second


def test_related_coverage_is_checked_each_time(client, on_commit):
    """An article unpublished or retitled after the page was stored leaves or changes its
    "Related coverage" link at once: which related articles are public is read live."""
    first, second = _related_pair()
    assert "Second" in _view(client, first)
    with on_commit():
        second.headline = "Second, retitled"
        second.save()
    assert "Second, retitled" in _view(client, first)
    with on_commit():
        second.status = Article.Status.DRAFT
        second.save()
    page = _view(client, first)
    assert "Second, retitled" not in page and "Related coverage" not in page
    assert ArticleRender.objects.get(article=first).related_ids == [second.pk]  # not rebuilt


def test_stored_related_coverage_keeps_its_order_and_fills_gaps(client, on_commit):
    """The page lists the five related articles sharing the most people, best first,
    from the stored row too; one unpublished, the sixth takes its place, in order."""
    people = PersonFactory.create_batch(7)
    article = ArticleFactory()
    article.people.add(*people)
    others = []
    for shared in range(1, 8):  # the best last: neither ids nor dates give the order
        other = ArticleFactory(headline=f"Shares {shared}")
        other.people.add(*people[:shared])
        others.append(other)

    def listed(page):
        return re.findall(r">(Shares \d)</a>", page)

    best = ["Shares 7", "Shares 6", "Shares 5", "Shares 4", "Shares 3"]
    assert listed(_view(client, article)) == best
    assert listed(_view(client, article)) == best
    with on_commit():
        others[-1].status = Article.Status.DRAFT
        others[-1].save()
    assert listed(_view(client, article)) == [*best[1:], "Shares 2"]
    assert ArticleRender.objects.get(article=article).related_ids[0] == others[-1].pk


def test_a_page_stored_for_another_address_is_built_again(client, quoted_article):
    """Stored pages carry absolute links (canonical, JSON-LD): another host gets its own."""
    _view(client, quoted_article)
    cache.clear()
    other = client.get(quoted_article.get_absolute_url(), headers={"host": "localhost"})
    assert 'href="http://localhost/articles/' in other.content.decode()
    assert ArticleRender.objects.get(article=quoted_article).origin == "http://localhost"


def test_a_page_stored_by_another_release_is_built_again(client, quoted_article):
    """A release that changes the templates or the code building the page makes every
    stored page not current: readers never get the old markup."""
    _view(client, quoted_article)
    ArticleRender.objects.update(page_start="<p>Markup of the last release</p>", layout="0" * 64)
    page = _view(client, quoted_article)
    assert "Markup of the last release" not in page and "The bridge is unsafe." in page
    assert ArticleRender.objects.get().layout == renders.layout_digest()


@pytest.fixture
def fresh_digest():
    """``layout_digest`` read again in the test, and again after it (the real files)."""
    renders.layout_digest.cache_clear()
    yield renders.layout_digest
    renders.layout_digest.cache_clear()


@pytest.mark.parametrize("changed", renders.LAYOUT_TEMPLATES)
def test_the_layout_digest_follows_the_templates_of_the_page(
    tmp_path, settings, fresh_digest, changed
):
    """Another copy of the page's templates, one of them one character different:
    another digest."""
    before = fresh_digest()
    for name in renders.LAYOUT_TEMPLATES:
        text = (settings.BASE_DIR / "templates" / name).read_text()
        copy = tmp_path / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(text + ("\n" if name == changed else ""))
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    renders.layout_digest.cache_clear()
    assert fresh_digest() != before


def test_the_layout_digest_follows_the_site_name(settings, fresh_digest):
    """The page prints the site's name: a site renamed is a page built again."""
    before = fresh_digest()
    settings.SITE_NAME = "The Other Gazette"
    renders.layout_digest.cache_clear()
    assert fresh_digest() != before


def test_the_layout_digest_follows_the_static_files(monkeypatch, fresh_digest):
    """The page links to the stylesheet by its hashed name: a release whose collectstatic
    named it anew builds pages again, never links a file it no longer serves."""

    def collected(stylesheet):
        storage = SimpleNamespace(hashed_files={"css/site.css": stylesheet})
        monkeypatch.setattr(renders, "staticfiles_storage", storage)
        renders.layout_digest.cache_clear()
        return fresh_digest()

    assert collected("css/site.1.css") != collected("css/site.2.css")


def test_an_old_stored_page_lists_newer_related_coverage_without_being_built_again(
    client, quoted_article, django_assert_num_queries
):
    """Past RENDER_MAX_AGE the related articles are worked out again, so one published
    since gets in; the page itself, still current, is kept (no template, no content
    queries: the article with its page, the people and organisations it mentions, the
    related articles, the upsert, the next scheduled one), and the next view is 2 queries."""
    _view(client, quoted_article)
    render = ArticleRender.objects.get(article=quoted_article)
    render.rendered_at -= RENDER_MAX_AGE + timedelta(minutes=1)
    render.page_start += "<!-- kept -->"
    render.save()
    newer = ArticleFactory(headline="Newer coverage")
    newer.people.add(*quoted_article.people.all())
    about_the_council = ArticleFactory(headline="The council again")
    about_the_council.organisations.add(*quoted_article.organisations.all())
    cache.clear()
    with django_assert_num_queries(5):
        page = client.get(quoted_article.get_absolute_url()).content.decode()
    assert "Newer coverage" in page and "The council again" in page and "<!-- kept -->" in page
    related = ArticleRender.objects.get(article=quoted_article).related_ids
    assert sorted(related) == sorted([newer.pk, about_the_council.pk])
    cache.clear()
    with django_assert_num_queries(2):
        assert "Newer coverage" in client.get(quoted_article.get_absolute_url()).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="lz4 is PostgreSQL's")
def test_stored_pages_are_compressed_with_lz4_and_served_whole(client, quoted_article):
    """On PostgreSQL a stored page long enough to compress is kept with lz4 (migration
    0013), and served byte for byte as built."""
    BlockFactory(article=quoted_article, position=50, text="A long paragraph. " * 400)
    built = _view(client, quoted_article)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_column_compression(page_start) FROM articles_articlerender")
        assert cursor.fetchone() == ("lz4",)
    cache.clear()
    assert client.get(quoted_article.get_absolute_url()).content.decode() == built


def test_related_articles_worked_out_again_update_only_the_page_they_came_from(
    client, quoted_article
):
    """The related articles of a page still current are stored with the time, the
    page itself left as it was; a page stored meanwhile under another version (an
    edit) is not touched."""
    _view(client, quoted_article)
    stored = ArticleRender.objects.get(article=quoted_article)
    parts = renders.ArticleParts(stored.page_start, stored.page_end, (999,))
    origin = "http://testserver"
    ArticleRender.objects.update(render_version=stored.render_version + 1)
    renders.store_related(quoted_article, origin, parts)
    assert ArticleRender.objects.get().related_ids == stored.related_ids
    ArticleRender.objects.update(render_version=stored.render_version)
    renders.store_related(quoted_article, origin, parts)
    again = ArticleRender.objects.get()
    assert again.related_ids == [999] and again.rendered_at > stored.rendered_at
    assert (again.page_start, again.page_end) == (stored.page_start, stored.page_end)


def test_render_articles_works_out_old_related_coverage_again(client, quoted_article):
    """``render_articles`` counts a page whose related articles are old as one to store."""
    _view(client, quoted_article)
    ArticleRender.objects.update(rendered_at=timezone.now() - RENDER_MAX_AGE * 2)
    newer = ArticleFactory(headline="Newer coverage")
    newer.people.add(*quoted_article.people.all())
    call_command("render_articles", "--origin", "http://testserver", stdout=StringIO())
    assert ArticleRender.objects.get(article=quoted_article).related_ids == [newer.pk]


def test_a_role_the_importer_fills_in_reaches_stored_pages(client, on_commit):
    """The importer fills a speaker's blank role in bulk, without save signals; the
    pages already stored that show the speaker are built again with it."""
    with on_commit():  # what these changes forget, forgotten before the page is stored
        article = ArticleFactory()
        speaker = PersonFactory(name="Jane Okafor", role="")
        block = BlockFactory(article=article, position=1, text="The bridge is unsafe.")
        QuoteFactory(article=article, speaker_person=speaker, first_block=block, last_block=block)
        article.people.add(speaker)
    assert "Leader of the council" not in _view(client, article)
    with on_commit():
        import_article(
            parsed=parsed_article(people=(person("Jane Okafor", role="Leader of the council"),))
        )
    assert "Leader of the council" in _view(client, article)


def test_a_page_built_from_rows_read_before_a_change_is_not_served(client, on_commit):
    """A reader's build that read the article before an editor's change, and stored after
    it committed, carries the old version: the next view builds the page again."""
    article = ArticleFactory()
    block = BlockFactory(article=article, position=1, text="Old paragraph.")
    _view(client, article)
    stale = ArticleRender.objects.get(article=article)
    with on_commit():
        block.text = "New paragraph."
        block.save()
    stale.save()  # the late write of the build that started before the change
    assert "New paragraph." in _view(client, article)


def test_a_page_that_cannot_be_stored_is_served_anyway(client, quoted_article, monkeypatch, caplog):
    """Storing is a saving: a failed write (a busy SQLite file) is logged, the page served."""

    def busy(values):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(renders, "_upsert", busy)
    with caplog.at_level(logging.WARNING, logger="articles.renders"):
        assert "Bridge to close" in _view(client, quoted_article)
    assert "page not stored (database is locked)" in caplog.text
    assert not ArticleRender.objects.exists()


def test_a_staff_preview_is_never_stored(client):
    """Drafts are built for staff each time and never leave a stored copy."""
    draft = ArticleFactory(status=Article.Status.DRAFT, headline="Unpublished scoop")
    client.force_login(UserFactory(is_staff=True))
    assert "Unpublished scoop" in client.get(draft.get_absolute_url()).content.decode()
    assert not ArticleRender.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_pages_served_outside_a_transaction_are_stored_and_their_related_lists_kept(
    client, quoted_article
):
    """As gunicorn serves them (autocommit, where PostgreSQL's stored pages commit
    without waiting for the disk): the page built is stored, and an old page's
    related articles worked out again are kept with it."""
    _view(client, quoted_article)
    stored = ArticleRender.objects.get(article=quoted_article)
    ArticleRender.objects.update(rendered_at=stored.rendered_at - RENDER_MAX_AGE * 2)
    newer = ArticleFactory(headline="Newer coverage")
    newer.people.add(*quoted_article.people.all())
    assert "Newer coverage" in _view(client, quoted_article)
    kept = ArticleRender.objects.get(article=quoted_article)
    assert kept.related_ids == [newer.pk] and kept.rendered_at > stored.rendered_at
