"""Search under attack: SQL metacharacters, LIKE wildcards, NUL bytes and huge queries.

Each query gets the normal results page (200), finds only what really
contains its words, and never lists an unpublished article, whatever the
query does to the SQL (PostgreSQL full-text search or the SQLite fallback).
"""

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db

PUBLISHED = "Harbour wall repairs approved"
DRAFT = "Embargoed: harbour deal 1=1 OR 100% certain_ per C:\\legal"

# None of their words is in the published article (which has no "or" and no digit).
INJECTIONS = [
    "' OR 1=1 --",
    "' OR '1'='1",
    '" OR ""="',
    "'; DROP TABLE articles_article; --",
    "1; SELECT * FROM auth_user",
    "' UNION SELECT password FROM auth_user --",
    "1\x00=1",
    "\x00' OR 1=1 --\x00",
]
# LIKE and full-text wildcards and escapes: they must match themselves, not everything.
WILDCARDS = ["%", "%%", "_", "_%_", "\\", "\\\\%", "'\\'", "\x00", "*", ":*"]
# Query syntax that may legitimately match something, but never an unpublished article.
SYNTAX = ["!:*&|<->()", '"unclosed', "OR OR OR", "-1", "-harbour", "harbour:*", "harbour & !wall"]


@pytest.fixture
def articles(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # builds the search text
        published = ArticleFactory(headline=PUBLISHED, standfirst="The council agreed the plan.")
        BlockFactory(article=published, text="Builders start on the harbour in May.")
        for status in (Article.Status.DRAFT, Article.Status.REVIEW):
            draft = ArticleFactory(headline=DRAFT, standfirst=DRAFT, status=status)
            BlockFactory(article=draft, text=f"{DRAFT} 1=1 OR % _ \\")
    return published


def _search(client, query: str) -> str:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="page-title">Search</h1>' in html
    return html


@pytest.mark.parametrize("query", INJECTIONS + WILDCARDS)
def test_sql_metacharacters_and_wildcards_match_nothing_and_leak_nothing(client, articles, query):
    """Injection strings, wildcards and NUL bytes give an ordinary page that lists neither
    the published article (it has none of those characters) nor the unpublished ones."""
    html = _search(client, query)
    assert PUBLISHED not in html
    assert "Embargoed" not in html


@pytest.mark.parametrize("query", SYNTAX)
def test_search_syntax_never_lists_an_unpublished_article(client, articles, query):
    """Operators, negations and prefixes give an ordinary page without unpublished articles."""
    assert "Embargoed" not in _search(client, query)


def test_a_word_shared_with_drafts_finds_only_the_published_article(client, articles):
    """The query "harbour" is in every article; only the published one is listed."""
    html = _search(client, "harbour")
    assert PUBLISHED in html and "Embargoed" not in html


@pytest.mark.parametrize(
    "query",
    ["harbour " * 1250, "harbour" + "'" * 10_000, "harbour " + "%\\" * 5000],
    ids=["ten thousand characters of words", "ten thousand quotes", "ten thousand wildcards"],
)
def test_a_ten_thousand_character_query_still_searches_its_first_words(client, articles, query):
    """A huge query is cut to its first words and searched like any other."""
    html = _search(client, query)
    assert PUBLISHED in html and "Embargoed" not in html


@pytest.mark.parametrize("url", ["/", "/people/", "/organisations/", "/search/?q=harbour"])
@pytest.mark.parametrize("page", ["1' OR 1=1 --", "-1", "99999999999999999999999", "%00", "1e9"])
def test_odd_page_numbers_give_a_page_not_an_error(client, articles, url, page):
    """?page= with SQL or nonsense in it answers 200 with a listing, never an error."""
    separator = "&" if "?" in url else "?"
    assert client.get(f"{url}{separator}page={page}").status_code == 200
