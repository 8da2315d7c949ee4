"""Stored list entries: home, tag and speaker pages put together from them while they
are current, never once what they show has changed.

As in test_renders, each test first views a page (entries built and stored), then
changes something, empties the page cache as every change does, and views it
again: what a reader sees must be the change, never the stored copy.
"""

import logging
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from articles import entries
from articles.entries import speaker_place
from articles.models import ArticleEntry
from articles.renders import RENDER_MAX_AGE
from tests.articles import changes
from tests.factories import ArticleFactory, OrganisationFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def _view(client, url: str) -> str:
    cache.clear()  # as any change to content does: the page cache no longer helps
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def quoted_article():
    article = ArticleFactory(headline="Bridge to close", standfirst="Works start in May.")
    speaker = PersonFactory(name="Jane Doe")
    QuoteFactory(article=article, speaker_person=speaker, text="The bridge is unsafe.")
    article.people.add(speaker)
    article.tags.add("Transport")
    return article


def _pages(article) -> list[str]:
    return ["/", "/tags/transport/", article.people.get().get_absolute_url()]


def test_pages_from_stored_entries_are_the_pages_built_afresh(client, quoted_article):
    """Home, tag and person pages read from stored entries are byte for byte the pages
    built from the database, and the entries are what they were read from."""
    for url in _pages(quoted_article):
        ArticleEntry.objects.all().delete()
        built = _view(client, url)
        assert _view(client, url) == built
    for url in _pages(quoted_article):
        _view(client, url)
    assert {entry.place for entry in ArticleEntry.objects.all()} == {
        ArticleEntry.LIST,
        speaker_place(quoted_article.people.get()),
    }
    ArticleEntry.objects.filter(place=ArticleEntry.LIST).update(
        html="<article>Stored entry</article>"
    )
    ArticleEntry.objects.exclude(place=ArticleEntry.LIST).update(
        html="<section>Stored group</section>"
    )
    home, _tag, person = (_view(client, url) for url in _pages(quoted_article))
    assert "Stored entry" in home and "Bridge to close" not in home
    assert "Stored group" in person and "The bridge is unsafe." not in person


def test_an_organisations_page_shows_its_own_quotes_from_the_entry(client):
    """Each speaker's quotes are an entry of their own: an organisation's page shows its
    own quote and not the person's quoted in the same article."""
    article = ArticleFactory()
    council = OrganisationFactory(name="Rudstone Council")
    QuoteFactory(article=article, speaker_person=PersonFactory(), text="A person's words.")
    QuoteFactory(
        article=article, speaker_person=None, speaker_organisation=council, text="Our words."
    )
    for _ in range(2):
        page = _view(client, council.get_absolute_url())
        assert "Our words." in page and "A person&#x27;s words." not in page


def _edit_quote(article):
    quote = article.quotes.get()
    quote.text = "The bridge will reopen."
    quote.save()
    return "The bridge will reopen."


def _rename_speaker(article):
    person = article.people.get()
    person.name = "Janet Doe"
    person.save()
    return "Janet Doe"


@pytest.mark.parametrize(
    "change, shown_on",
    [
        (_edit_quote, ["person"]),
        (_rename_speaker, ["home", "tag", "person"]),
        (changes.rename_tag, ["home", "tag"]),
        (changes.add_tag, ["home", "tag"]),
        (changes.save_article, ["home", "tag", "person"]),
    ],
)
def test_every_change_to_what_an_entry_shows_reaches_the_pages(
    client, on_commit, quoted_article, change, shown_on
):
    """A quote's text, a speaker's name, a tag renamed or added, the headline: the next
    view of each page that lists the article shows it."""
    pages = dict(zip(["home", "tag", "person"], _pages(quoted_article), strict=True))
    for url in pages.values():
        _view(client, url)
    with on_commit():
        expected = change(quoted_article)
    for name in shown_on:
        assert expected in _view(client, pages[name]), name


def test_a_rejected_quote_leaves_the_entry_and_the_speakers_page(client, on_commit, quoted_article):
    home, _tag, person = _pages(quoted_article)
    assert "Quoted: " in _view(client, home)
    assert "The bridge is unsafe." in _view(client, person)
    with on_commit():
        changes.reject_quote(quoted_article)
    assert "Quoted: " not in _view(client, home)
    assert "The bridge is unsafe." not in _view(client, person)


def test_an_entry_built_by_another_release_or_too_long_ago_is_built_again(client, quoted_article):
    """A release that changes the entries' templates or code, or an entry older than
    RENDER_MAX_AGE: readers get the entry built afresh."""
    _view(client, "/")
    for stale in (
        {"layout": "0" * 64},
        {"rendered_at": quoted_article.updated_at - RENDER_MAX_AGE - timedelta(minutes=1)},
    ):
        ArticleEntry.objects.update(html="<article>Old entry</article>", **stale)
        page = _view(client, "/")
        assert "Old entry" not in page and "Bridge to close" in page
        assert ArticleEntry.objects.get().layout == entries.entries_layout()


def test_an_entry_built_from_rows_read_before_a_change_is_not_served(
    client, on_commit, quoted_article
):
    """A reader's build that read the article before an editor's change, and stored after
    it committed, carries the old version: the next view builds the entry again."""
    _view(client, "/")
    stale = ArticleEntry.objects.get()
    with on_commit():
        changes.rename_tag(quoted_article)
    stale.save()  # the late write of the build that started before the change
    assert "Roads and bridges" in _view(client, "/")


def test_entries_that_cannot_be_stored_leave_the_page_served(
    client, quoted_article, monkeypatch, caplog
):
    """Storing is a saving: a failed write (a busy SQLite file) is logged, the page served."""

    def busy(*args, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(entries, "upsert", busy)
    with caplog.at_level(logging.WARNING, logger="articles.entries"):
        assert "Bridge to close" in _view(client, "/")
    assert "entries in list not stored (database is locked)" in caplog.text
    assert not ArticleEntry.objects.exists()


def test_a_speaker_only_mentioned_is_not_looked_for_again(client):
    """An article that mentions a person without quoting them stores that it has nothing
    to show on their page, so the next view neither reads its quotes nor stores again."""
    person = PersonFactory()
    ArticleFactory().people.add(person)
    built, stored = (CaptureQueriesContext(connection) for _ in range(2))
    for queries in (built, stored):
        with queries:
            assert "Coverage" in _view(client, person.get_absolute_url())
    assert len(stored) == len(built) - 2
