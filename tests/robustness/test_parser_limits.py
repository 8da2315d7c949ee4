"""Long and awkward input parses in time proportional to its length.

The first test feeds 50 kB of each shape that makes parsers slow. The others
are the inputs the property-based tests found (or that profiling them showed):
each took between 4 and 15 seconds before its fix, and takes well under half a
second after it.
"""

import pytest

from articles.ingest import IngestError, parse_article
from tests.robustness.parser_checks import parse_or_refuse

SECONDS = 3  # per input: a busy machine's worst case for 50-200 kB of linear work
SIZE = 50_000
AWKWARD = {
    "words on one line": "word ",
    "names on one line": "Jane Okafor ",
    "a capitalised run": "Alpha Beta ",
    "titles and names": "deputy mayor for policing Sophie Linden ",
    "names with ages": "John Smith, 45, ",
    "speech": "Mr Smith said: ",
    "opening quote marks": "“",
    "every quote mark": "“ ” \" ‘ ’ ' „ « » ",
    "quote marks without spaces": "“”\"‘’'",
    "single-mark quotes": "‘word’ ",
    "brackets": "(",
    "blank lines": "\n",
    "short lines": "Short line\n",
    "one long word": "a",
    "one long word in capitals": "A",
    "other scripts": "Ωμέγα 中文 Ünïcödé عربي ",
    "control characters": "\x01a\x02b\x0bc ",
    "full stops": ". ",
    "spokespeople": "a spokesperson for the ",
    "organisations": "Council of ",
}


def _parse(text: str):
    return parse_or_refuse(lambda: parse_article(text, source="long.txt"), seconds=SECONDS)


@pytest.mark.parametrize("unit", AWKWARD.values(), ids=AWKWARD.keys())
def test_fifty_kilobytes_of_an_awkward_shape_parse_within_seconds(unit):
    """50 kB of one repeated shape gives an article or a reason within a few seconds."""
    _parse("The standfirst comes first.\n\n" + unit * (SIZE // len(unit)))


def test_a_standfirst_of_forty_thousand_words_gets_a_short_headline_quickly():
    """The provisional headline is cut to whole words without rejoining them word by word."""
    article = _parse("word " * 40_000)
    assert article.headline == " ".join(["word"] * 20)


@pytest.mark.parametrize(
    "sentence",
    ["John Smith, 45, " * 4000, "(HMIC " * 6000],
    ids=["a person named 4000 times", "an acronym 6000 times"],
)
def test_a_sentence_naming_thousands_of_entities_parses_quickly(sentence):
    """Finding each sentence's subject reads the sentence once, not once per name in it."""
    _parse("The standfirst comes first.\n\n" + sentence)


def test_a_standfirst_with_thousands_of_unclosed_brackets_parses_quickly():
    """Dropping "(…)" asides from the provisional headline is linear in the standfirst."""
    article = _parse("(a " * 30_000)
    assert article.headline.startswith("(a (a")


def test_a_caption_full_of_photo_credits_parses_quickly():
    """Spotting a "(Photo: …)" credit at the end of a short line is linear in its length."""
    _parse("The standfirst comes first.\n\nA caption (photo: " + "(photo:" * 30_000 + "x")


def test_a_bracketed_credit_still_makes_a_caption():
    """The faster credit check still sees a credit that ends a short line."""
    article = _parse(
        "The standfirst comes first, as it always does.\n\n"
        "Crowds at the harbour (Photo: Jane Doe)\n\n"
        "The rest of the story follows in a longer paragraph."
    )
    assert [block.kind for block in article.blocks] == ["paragraph", "caption", "paragraph"]


def test_empty_quote_marks_are_not_a_quote():
    """“” with nothing inside is not stored as an empty quote."""
    article = _parse("“” The standfirst says “something” here.\n\nThe body follows.")
    assert [quote.text for quote in article.quotes] == ["something"]


def test_a_standfirst_without_words_takes_the_headline_from_the_next_paragraph():
    """A first paragraph of punctuation alone does not give an empty headline."""
    article = _parse("!!!\n\nCouncil approves the budget. More follows.")
    assert article.headline == "Council approves the budget"


def test_an_article_without_any_words_is_refused_with_a_reason():
    """Text with no word anywhere is refused: there is nothing to make a headline from."""
    with pytest.raises(IngestError, match="no words to make a headline from"):
        parse_article("“\n\n!!!\n\n— ? —", source="marks.txt")
