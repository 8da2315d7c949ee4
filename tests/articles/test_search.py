"""Search across articles, quotes, people and organisations (PostgreSQL and SQLite)."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles import search as search_module
from articles.models import Article, Block, Quote, SearchDocument
from articles.search import refresh_search_documents
from articles.signals import articles_imported
from tests.factories import (
    ArticleFactory,
    BlockFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db


def _search(client, query: str) -> str:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def _article_with_body(django_capture_on_commit_callbacks, text: str, **fields) -> Article:
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(**fields)
        BlockFactory(article=article, text=text)
    return article


def test_finds_published_articles_by_words_in_the_body(client, django_capture_on_commit_callbacks):
    """A word only in a body paragraph finds the article; a draft with it is not listed."""
    found = _article_with_body(
        django_capture_on_commit_callbacks, "The aqueduct repairs will cost millions."
    )
    draft = _article_with_body(
        django_capture_on_commit_callbacks,
        "Secret aqueduct plans.",
        status=Article.Status.DRAFT,
    )
    html = _search(client, "aqueduct")
    assert found.headline in html and draft.headline not in html
    assert "<mark>aqueduct</mark>" in html


def test_finds_quotes_and_people_but_not_rejected_quotes(client):
    """Quotes match on their words and people on their names; rejected quotes never do."""
    person = PersonFactory(name="Winifred Ashdown")
    QuoteFactory(speaker_person=person, text="Our harbour deserves better")
    QuoteFactory(text="The harbour plan is a scandal", status=Quote.Status.REJECTED)
    ArticleFactory().people.add(person)
    html = _search(client, "harbour")
    assert "<mark>harbour</mark> deserves better" in html
    assert "scandal" not in html
    assert ">Winifred Ashdown</a>" in _search(client, "ashdown")


def test_result_lines_link_their_pages_and_escape_what_they_show(
    client, django_capture_on_commit_callbacks
):
    """An article result links the article, a quote result the quote in its article and
    its speaker's page (a person's or an organisation's; "In" the article for a quote
    nobody is credited with), an organisation result its page with its kind;
    headlines and names are shown as text, never as markup."""
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(headline='<b>Ferry</b> & "sons" return')
        BlockFactory(article=article, text="The ferry is back.")
        speaker = PersonFactory(name="<i>Ann</i> Ferryman", role="Skipper <3")
        quote = QuoteFactory(article=article, speaker_person=speaker, text="The ferry is ours.")
        organisation = OrganisationFactory(name="Ferry <Users>", kind="media")
        said_by_users = QuoteFactory(
            article=article,
            speaker_person=None,
            speaker_organisation=organisation,
            text="Ferry users welcome it.",
        )
        unattributed = QuoteFactory(article=article, speaker_person=None, text="A ferry, at last.")
        article.people.add(speaker)
        article.organisations.add(organisation)
    html = _search(client, "ferry")
    assert "<b>Ferry" not in html and "<i>Ann" not in html and "<Users>" not in html
    headline = "&lt;b&gt;Ferry&lt;/b&gt; &amp; &quot;sons&quot; return"
    assert f'<a href="{article.get_absolute_url()}">{headline}</a>' in html
    quote_link = f"{article.get_absolute_url()}#quote-{quote.pk}"
    assert f'<blockquote cite="{quote_link}"><p>The <mark>ferry</mark> is ours.</p>' in html
    speaker_link = f'<a href="{speaker.get_absolute_url()}">&lt;i&gt;Ann&lt;/i&gt; Ferryman</a>'
    assert f'{speaker_link}, in <a href="{quote_link}">{headline}</a>' in html
    assert f'{speaker_link} <span class="entity-role">Skipper &lt;3</span>' in html
    users_link = f'<a href="{organisation.get_absolute_url()}">Ferry &lt;Users&gt;</a>'
    users_quote = f"{article.get_absolute_url()}#quote-{said_by_users.pk}"
    assert f'{users_link}, in <a href="{users_quote}">{headline}</a>' in html
    unattributed_quote = f"{article.get_absolute_url()}#quote-{unattributed.pk}"
    assert f'In <a href="{unattributed_quote}">{headline}</a>' in html
    assert (
        f'<a href="{organisation.get_absolute_url()}">Ferry &lt;Users&gt;</a> '
        '<span class="entity-role">Media</span>'
    ) in html


def test_people_named_only_in_drafts_are_not_listed(client):
    """People are found by name or alias, each once, and only when a published
    article names them."""
    public = [PersonFactory(name=f"Ada Quenby {n}") for n in (1, 2, 3)]
    public[0].aliases.create(name="Councillor Quenby")
    ArticleFactory().people.add(*public)
    hidden = PersonFactory(name="Bob Quenby")
    ArticleFactory(status=Article.Status.DRAFT).people.add(hidden)
    html = _search(client, "quenby")
    assert [html.count(f">{person.name}</a>") for person in public] == [1, 1, 1]
    assert hidden.name not in html


def test_headline_matches_rank_above_body_matches(client, django_capture_on_commit_callbacks):
    """An article with the word in its headline is listed before one with it in the body."""
    body_only = _article_with_body(
        django_capture_on_commit_callbacks, "Plans for the marina were discussed."
    )
    in_headline = _article_with_body(
        django_capture_on_commit_callbacks,
        "Nothing relevant here.",
        headline="Marina expansion approved",
    )
    html = _search(client, "marina")
    assert html.index(in_headline.headline) < html.index(body_only.headline)


@pytest.mark.parametrize(
    "query",
    ["", "   ", "x" * 5000, "&|!:*()'\"<>\\", "OR AND NOT", "-", "é ü ß 中文", "\x00\x07", "the"],
)
def test_odd_queries_get_a_page_not_an_error(client, query):
    """Empty, very long, operator-only or control-character queries still answer 200."""
    ArticleFactory()
    _search(client, query)


def test_query_is_escaped_on_the_results_page(client):
    """A query containing markup is shown as text in the form and the summary."""
    html = _search(client, '<script>alert("q")</script>')
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt;" in html


def test_snippet_markup_from_articles_is_escaped_around_highlights(
    client, django_capture_on_commit_callbacks
):
    """Highlighted snippets never pass the article's markup through; only <mark> is markup.

    (PostgreSQL's ts_headline drops tags; the SQLite fallback escapes them.)
    """
    _article_with_body(
        django_capture_on_commit_callbacks, "The <script>evil()</script> lighthouse closed."
    )
    html = _search(client, "lighthouse")
    assert "<script>evil" not in html and "evil()" in html
    assert "<mark>lighthouse</mark>" in html


def _filler(count: int) -> str:
    """``count`` long words: a body far longer than a snippet."""
    return " ".join(f"lengthyfiller{n:04d}word" for n in range(count))


def test_a_word_far_down_a_long_article_is_highlighted_in_its_snippet(
    client, django_capture_on_commit_callbacks
):
    """The snippet is cut from around the word searched for, however far down the
    body it first appears (here some 6,000 characters in)."""
    _article_with_body(django_capture_on_commit_callbacks, f"{_filler(250)} The aqueduct reopened.")
    assert "<mark>aqueduct</mark> reopened" in _search(client, "aqueduct")


def test_a_capitalised_word_starting_a_late_paragraph_is_highlighted(
    client, django_capture_on_commit_callbacks
):
    """A word first found capitalised at the start of a paragraph far down the body
    is still what the snippet is cut around."""
    body = f"{_filler(250)}\nAqueduct repairs began in June."
    _article_with_body(django_capture_on_commit_callbacks, body)
    assert "<mark>Aqueduct</mark> repairs began" in _search(client, "aqueduct")


@pytest.mark.parametrize("in_standfirst", [True, False], ids=["standfirst", "body only"])
def test_a_snippet_cut_from_the_middle_of_an_article_shows_whole_words(
    client, django_capture_on_commit_callbacks, in_standfirst
):
    """Cut from the middle of a long body, a snippet starts at a word, never halfway
    through one, whether it runs on from the standfirst or starts in the body."""
    standfirst = "The aqueduct reopened." if in_standfirst else "Works finished early."
    body = f"{_filler(120)} Crowds gathered to see the aqueduct. {_filler(120)}"
    _article_with_body(django_capture_on_commit_callbacks, body, standfirst=standfirst)
    html = _search(client, "aqueduct")
    snippet = re.search(r'<p class="result-snippet">(.*?)</p>', html, re.DOTALL).group(1)
    shown = re.findall(r"\w+", snippet.replace("<mark>", " ").replace("</mark>", " "))
    assert "aqueduct" in shown and len(shown) >= 10
    assert set(shown) <= set(re.findall(r"\w+", f"{standfirst} {body}"))


def test_the_same_search_again_is_answered_from_the_cache(
    client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """Asking the same words again sends the same page without searching again."""
    _article_with_body(django_capture_on_commit_callbacks, "The harbour wall is repaired.")
    first = _search(client, "harbour")
    with django_assert_num_queries(0):
        assert _search(client, "harbour") == first


def test_a_search_asked_before_an_article_is_published_then_finds_it(
    client, django_capture_on_commit_callbacks
):
    """The results page kept for a search does not hide an article published since."""
    article = _article_with_body(
        django_capture_on_commit_callbacks,
        "The harbour wall is repaired.",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    assert article.headline not in _search(client, "harbour")
    with django_capture_on_commit_callbacks(execute=True):
        article.status, article.published_at = Article.Status.PUBLISHED, timezone.now()
        article.save()
    assert article.headline in _search(client, "harbour")


def test_editing_a_block_in_admin_updates_search(client, django_capture_on_commit_callbacks):
    """After a paragraph is edited and committed, the new words find the article."""
    article = _article_with_body(django_capture_on_commit_callbacks, "Old words only.")
    block = article.blocks.get()
    with django_capture_on_commit_callbacks(execute=True):
        block.text = "Now about the observatory."
        block.save()
    assert article.headline in _search(client, "observatory")


def test_import_signal_indexes_articles_written_in_bulk(client):
    """Articles written with bulk queries become searchable once articles_imported is sent."""
    article = ArticleFactory()
    Block.objects.bulk_create([Block(article=article, position=1, text="The viaduct reopens.")])
    assert article.headline not in _search(client, "viaduct")
    articles_imported.send(sender=None, article_ids=[article.pk])
    assert article.headline in _search(client, "viaduct")


def test_refresh_replaces_the_document_and_skips_missing_articles():
    """Refreshing twice keeps one document per article; unknown ids are ignored."""
    article = ArticleFactory()
    BlockFactory(article=article, text="First")
    refresh_search_documents(article_ids=[article.pk, 999999])
    article.blocks.update(text="Second")
    refresh_search_documents(article_ids=[article.pk])
    assert list(SearchDocument.objects.values_list("body", flat=True)) == ["Second"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes exist on PostgreSQL")
def test_postgresql_has_gin_indexes_for_search():
    """The articles' and the quotes' search vectors are GIN-indexed on PostgreSQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN "
            "('search_document_vector', 'quote_search_vector')"
        )
        indexes = dict(cursor.fetchall())
    assert set(indexes) == {"search_document_vector", "quote_search_vector"}
    assert all("USING gin" in definition for definition in indexes.values())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_postgresql_search_matches_word_forms(client, django_capture_on_commit_callbacks):
    """Full-text search stems words: "libraries" finds an article about a "library"."""
    article = _article_with_body(django_capture_on_commit_callbacks, "The library reopened.")
    assert article.headline in _search(client, "libraries")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stop words are PostgreSQL's")
def test_postgresql_marks_the_words_it_matched_on_not_the_stop_words(
    client, django_capture_on_commit_callbacks
):
    """Searching "the libraries" marks every form of "library" in the snippets of
    articles and quotes, and never "the", which full-text search leaves out."""
    article = _article_with_body(
        django_capture_on_commit_callbacks, "Plans for the Library were agreed."
    )
    QuoteFactory(article=article, text="The libraries are the heart of the town.")
    html = _search(client, "the libraries")
    assert "Plans for the <mark>Library</mark> were agreed." in html
    assert "<p>The <mark>libraries</mark> are the heart of the town.</p>" in html
    assert "<mark>the</mark>" not in html.lower()


def test_rebuild_search_command_indexes_existing_articles(client):
    """Articles written before search existed become findable after rebuild_search."""
    article = ArticleFactory(headline="Old archive piece")
    article.blocks.create(position=1, text="The tramway closed long ago.")
    SearchDocument.objects.all().delete()
    assert article.headline not in _search(client, "tramway")
    out = StringIO()
    call_command("rebuild_search", stdout=out)
    assert "rebuilt for 1 articles" in out.getvalue()
    assert article.headline in _search(client, "tramway")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_a_quote_edited_in_admin_is_found_by_its_new_words_not_its_old(
    client, django_capture_on_commit_callbacks
):
    """PostgreSQL keeps each quote's stored search vector in step with its text,
    whichever way the row is written; the search page asked before shows the change."""
    quote = QuoteFactory(text="The viaduct will reopen in spring.")
    assert "will reopen in spring" in _search(client, "viaduct")
    with django_capture_on_commit_callbacks(execute=True):
        quote.text = "The aqueduct will reopen in spring."
        quote.save()
    assert "will reopen in spring" in _search(client, "aqueduct")
    assert "will reopen in spring" not in _search(client, "viaduct")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL's")
def test_a_word_in_many_articles_is_ranked_among_the_most_recent(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    """Only the most recent matches are ranked: an old article that mentions the
    word more often than newer ones does not come back once enough newer ones match."""
    monkeypatch.setattr(search_module, "RANKED_MATCHES", 2)
    monkeypatch.setattr(search_module.ARTICLE_HITS, "_compiled", {})  # compiled with 200
    old = _article_with_body(
        django_capture_on_commit_callbacks,
        "Ferry ferry ferry: the ferry is late.",
        headline="Old ferry story",
        published_at=timezone.now() - timedelta(days=30),
    )
    newer = [
        _article_with_body(
            django_capture_on_commit_callbacks,
            "A ferry sailed.",
            headline=f"Recent ferry story {n}",
            published_at=timezone.now() - timedelta(days=n),
        )
        for n in (1, 2)
    ]
    html = _search(client, "ferry")
    assert all(article.headline in html for article in newer)
    assert old.headline not in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL's")
def test_the_page_lists_the_best_ranked_matches_not_the_newest(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    """With room for one article and one quote, the page lists the match ranked
    best (the word in the headline; said three times), though a newer one matches."""
    monkeypatch.setattr(search_module, "RESULTS_PER_KIND", 1)
    for query in (search_module.ARTICLE_HITS, search_module.QUOTE_HITS):
        monkeypatch.setattr(query, "_compiled", {})  # compiled with 20
    best = _article_with_body(
        django_capture_on_commit_callbacks,
        "The crossing was discussed.",
        headline="Ferry timetable cut",
        published_at=timezone.now() - timedelta(days=3),
    )
    newer = _article_with_body(
        django_capture_on_commit_callbacks,
        "A ferry sailed late.",
        headline="Harbour news",
        published_at=timezone.now() - timedelta(days=1),
    )
    QuoteFactory(article=best, text="Ferry, ferry, ferry: that is all we hear.")
    QuoteFactory(article=newer, text="The ferry was late again.")
    html = _search(client, "ferry")
    assert best.headline in html and "that is all we hear" in html
    assert newer.headline not in html and "was late again" not in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="column storage is PostgreSQL's")
def test_postgresql_keeps_article_search_vectors_in_the_table_row():
    """Migration 0014: a search reads each article's vector from its row, not
    from the TOAST table, which took two more lookups an article."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute"
            " WHERE attrelid = 'articles_searchdocument'::regclass AND attname = 'vector'"
        )
        assert cursor.fetchone() == ("m",)
