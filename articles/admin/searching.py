"""Admin search helpers: the words an editor typed, and matching them through
PostgreSQL's GIN-indexed search vectors rather than a LIKE over every row."""

from collections.abc import Iterator

from django.contrib.postgres.search import SearchQuery
from django.utils.text import smart_split, unescape_string_literal

from ..search import SEARCH_CONFIG


def search_words(search_term: str) -> Iterator[str]:
    """The words and "quoted phrases" of a search, split as Django's admin splits them."""
    for word in smart_split(search_term):
        yield unescape_string_literal(word) if word[0] in "\"'" else word


def words_query(words: str) -> SearchQuery:
    """``words`` as whole words in any form, in order: "mayoral" finds "mayor"."""
    return SearchQuery(words, search_type="phrase", config=SEARCH_CONFIG)
