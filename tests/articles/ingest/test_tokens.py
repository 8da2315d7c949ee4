"""Splitting a paragraph into words (``articles.ingest.tokens.tokenize``).

A word is a letter followed by letters, digits, apostrophes and hyphens, less
a trailing hyphen. ``tokenize`` reads most words without its regular
expression, so these tests hold it to the grammar on awkward text.
"""

import re

from hypothesis import example, given
from hypothesis import strategies as st

from articles.ingest.tokens import tokenize

# The grammar, written out here rather than imported, so that a change to the
# parser's own pattern shows up as a failure.
WORD = re.compile(r"[^\W\d_][\w’'\-]*")

PIECES = [
    *"abcXYZéÉßøĳ",
    "Ωμέγα",
    "Москва",
    "東京",
    *"0123456789²½_",
    *"’'-‐–—",
    *'“”‘"«»()[]{}.,;:!?…/&',
    *" \t\n\r\u00a0\u2009\u2028\x1c",
    "O’Connell",
    "well-known",
    "Tenants’",
    "2nd",
    "said,”",
    "“We’re",
]


def words(text: str) -> list[tuple[str, int]]:
    return [(token.text, token.start) for token in tokenize(text)]


def test_words_keep_their_apostrophes_and_hyphens_and_lose_the_punctuation_around_them():
    """Quote marks, commas and full stops around a word are not part of it; an
    apostrophe or hyphen inside or ending it is, and numbers are not words."""
    text = "“We’re here,” said Mrs O’Connell-Smith, 45, of the Tenants’ group."
    assert words(text) == [
        ("We’re", 1),
        ("here", 7),
        ("said", 14),
        ("Mrs", 19),
        ("O’Connell-Smith", 23),
        ("of", 44),
        ("the", 47),
        ("Tenants’", 51),
        ("group", 60),
    ]


def test_a_word_starts_at_a_letter_and_runs_on_through_digits_and_underscores():
    assert words("the 2nd _id x_y2 vote-") == [
        ("the", 0),
        ("nd", 5),
        ("id", 9),
        ("x_y2", 12),
        ("vote", 17),
    ]


@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
@example("«Oui», dit-il… [sic] ¿Qué?")
@example("end-- 'quoted' ‘single’ \u2028next")
def test_every_word_is_found_where_the_grammar_finds_it(text):
    expected = [(match.group().rstrip("-"), match.start()) for match in WORD.finditer(text)]
    assert words(text) == expected
