"""``render_articles``: store pages ahead of readers, for the address they use."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleEntry, ArticleRender, Quote
from tests.factories import (
    ArticleFactory,
    BlockFactory,
    CorrectionFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("render_articles", *args, stdout=out)
    return out.getvalue()


def test_stores_published_pages_and_entries_once_and_readers_are_served_them(
    client, settings, django_assert_num_queries
):
    """Every published article gets its page and list entries stored (drafts never); a
    second run finds nothing to do, and a reader's first visits are served from the
    stored rows."""
    settings.ALLOWED_HOSTS = ["news.example.org"]
    published = ArticleFactory.create_batch(3)
    ArticleFactory(status=Article.Status.DRAFT)
    assert _run("--origin", "https://news.example.org") == (
        "Pages stored for 3 articles at https://news.example.org.\n"
        "List entries stored for 3 articles.\n"
    )
    for stored in (ArticleRender, ArticleEntry):
        assert set(stored.objects.values_list("article", flat=True)) == {a.pk for a in published}
    again = _run("--origin", "https://news.example.org/")
    assert "Pages stored for 0 articles" in again and "List entries stored for 0" in again
    # On PostgreSQL a connection's first article page also prepares its query, once.
    client.get(published[1].get_absolute_url(), headers={"host": "news.example.org"}, secure=True)
    cache.clear()
    with django_assert_num_queries(2):  # the article with its page, the next scheduled one
        page = client.get(
            published[0].get_absolute_url(), headers={"host": "news.example.org"}, secure=True
        )
    assert 'href="https://news.example.org/articles/' in page.content.decode()
    cache.clear()
    with django_assert_num_queries(3):  # count, page with its entries, the next scheduled one
        client.get("/", headers={"host": "news.example.org"}, secure=True)


@pytest.mark.parametrize(
    ("origin", "reason"),
    [
        ("news.example.org", "give a scheme and host"),
        ("ftp://news.example.org", "give a scheme and host"),
        ("https://news.example.org/section", "give a scheme and host"),
        ("https://elsewhere.example.com", "not in ALLOWED_HOSTS"),
    ],
)
def test_a_bad_origin_is_refused_before_anything_is_stored(settings, origin, reason):
    settings.ALLOWED_HOSTS = ["news.example.org"]
    ArticleFactory()
    with pytest.raises(CommandError, match=reason):
        _run("--origin", origin)
    assert not ArticleRender.objects.exists() and not ArticleEntry.objects.exists()


def test_a_page_stored_ahead_is_the_page_a_reader_would_have_built(client, settings):
    """``render_articles`` reads articles a hundred at a time, a reader's visit one at a
    time with other queries: for an article with quotes from a person and an
    organisation, an unattributed and a rejected one, tags, mentions and a correction,
    both store the same page, byte for byte."""
    settings.ALLOWED_HOSTS = ["news.example.org"]
    article = ArticleFactory(headline="Bridge to close")
    block = BlockFactory(article=article, position=1, text="The bridge is unsafe.")
    BlockFactory(article=article, position=2, kind="caption", text="Jane Doe at the bridge.")
    person = PersonFactory(name="Jane Doe", role="Engineer")
    council = OrganisationFactory(name="Rudstone Council")
    article.people.add(person)
    article.organisations.add(council)
    article.tags.add("Transport", "roads")
    for speaker in ({"speaker_person": person}, {"speaker_person": None}):
        QuoteFactory(article=article, first_block=block, last_block=block, **speaker)
    QuoteFactory(article=article, speaker_person=None, speaker_organisation=council)
    QuoteFactory(article=article, text="Never shown.", status=Quote.Status.REJECTED)
    CorrectionFactory(article=article)
    ArticleFactory(headline="Related story").people.add(person)
    _run("--origin", "https://news.example.org")
    stored_ahead = ArticleRender.objects.values("page_start", "page_end").get(article=article)
    ArticleRender.objects.filter(article=article).delete()
    cache.clear()
    page = client.get(article.get_absolute_url(), headers={"host": "news.example.org"}, secure=True)
    assert "Rudstone Council" in page.content.decode()
    assert "Never shown." not in page.content.decode()
    built = ArticleRender.objects.values("page_start", "page_end").get(article=article)
    assert built == stored_ahead
