"""The parser never crashes and never hangs, whatever a file holds (property-based).

Arbitrary text, arbitrary bytes and "newsy" soups built from the things that
trip parsers up (every kind of quote mark by the hundred, long runs of
capitalised words, honorifics and speech verbs, blank lines, very long words,
other scripts, control characters) must each give a whole ``ParsedArticle``
or an ``IngestError`` with a one-line reason, within the per-input deadline of
the hypothesis profile (tests/robustness/conftest.py).
"""

import hashlib

from hypothesis import example, given
from hypothesis import strategies as st

from articles.ingest import decode_article_bytes, parse_article, read_article
from tests.robustness.parser_checks import parse_or_refuse

QUOTE_MARKS = list("“”\"‘’'„‟«»‹›`´")
CAPITALISED = (
    "Mr Mrs Ms Dr Cllr Sir Dame Judge Jane Okafor Tom Reyes O’Connell O'Neill McDonald-Smith "
    "Council Police Borough Riverside Metropolitan Met Crown Prosecution Service Her His "
    "Majesty’s Inspectorate Constabulary Tower Hamlets Mayor Deputy Chairman Committee Crime "
    "Trust NHS CPS HMIC BBC UK A I The St Mary’s Hospital Ltd Estates Act Street Road"
).split()
LOWER = (
    "of for the and van der de von al bin said says added told according to warned claimed "
    "he she they it we was were been being is quickly who whose aged spokesperson "
    "spokeswoman council police company a an in at from on"
).split()
PUNCTUATION = [
    *".,:;!?…—–-()[]{}/&%*#@",
    ", 45, ",
    " (HMIC) ",
    "(photo: ",
    " said: ",
    "’s ",
]
SPACES = [" ", "  ", "\t", "\n", "\n\n", "\n\n\n\n", "\r\n", "\r", "\u2028", "\u2029", "\u00a0"]
FRONT_MATTER = ["Headline: ", "Title: ", "By ", "Byline: ", "Published: ", "Tags: ", "Source: "]
FOOTERS = ["Follow us on Twitter", "Sign up to our newsletter", "Read more: "]
OTHER_SCRIPTS = [
    "中文新闻",
    "Ωμέγα",
    "Ünïcödé",
    "עברית",
    "العربية",
    "Привет",
    "🙂",
    "e\u0301",  # e + combining accent
    "İ",  # lower-cases to two characters
    "ß",
    "ﬁ",
    "\u200b",  # zero-width space
    "\ufeff",
    "\ue000",
]
CONTROL = [chr(code) for code in (*range(32), 0x7F, 0x85)]

pieces = st.sampled_from(
    QUOTE_MARKS
    + CAPITALISED
    + LOWER
    + PUNCTUATION
    + SPACES
    + FRONT_MATTER
    + FOOTERS
    + OTHER_SCRIPTS
    + CONTROL
)
# A piece, or a piece repeated up to 300 times: long lines, hundreds of quote marks,
# deep runs of capitalised words, many blank lines. (Longer inputs of each shape are
# in test_parser_limits.py; here they would only slow the search down.)
runs = st.builds(
    lambda piece, gap, times: (piece + gap) * times,
    pieces,
    st.sampled_from(["", " ", "\n", "\n\n"]),
    st.integers(min_value=2, max_value=300),
)
# One very long word, of letters, capitals or anything.
long_words = st.builds(
    lambda letter, times: letter * times,
    st.sampled_from(["a", "A", "x’", "Ab", "é", "(", "“", "'"]),
    st.integers(min_value=100, max_value=2000),
)
newsy_text = st.lists(
    st.one_of(pieces, pieces, pieces, runs, long_words, st.text(max_size=20)),
    max_size=40,
).map(" ".join)


def _parse_text(text: str):
    return parse_or_refuse(lambda: parse_article(text, source="fuzz.txt"))


@given(st.text(max_size=1000))
@example("")
@example("“”\n\nThe body of the article goes on from here.")
@example("!!!\n\nThe body of the article goes on from here.")
def test_any_text_gives_an_article_or_a_one_line_reason(text):
    """Any string parses to a whole article or is refused with a one-line IngestError."""
    _parse_text(text)


@given(newsy_text)
def test_newsy_text_gives_an_article_or_a_one_line_reason(text):
    """Text made of quote marks, names, speech verbs and odd characters never trips the parser."""
    _parse_text(text)


any_bytes = st.one_of(
    st.binary(max_size=1000),
    newsy_text.map(lambda text: text.encode()),
    newsy_text.map(lambda text: text.encode("utf-16")),
    newsy_text.map(lambda text: text.encode("latin-1", "replace")),
)


@given(data=any_bytes)
@example(b"\xff\xfe\x00\x00")
@example(b"\xef\xbb\xbf")  # a byte-order mark and nothing else
@example("“Quote”\x00 in a file".encode())
def test_any_bytes_from_memory_or_a_file_give_the_same_outcome(tmp_path_factory, data):
    """Bytes go through decode_article_bytes + parse_article, and read_article on a file:
    both give the same whole article, or both refuse with a one-line reason."""
    digest = hashlib.sha256(data).hexdigest()
    from_memory = parse_or_refuse(
        lambda: parse_article(decode_article_bytes(data), source="fuzz.txt", checksum=digest)
    )
    path = tmp_path_factory.mktemp("bytes") / "fuzz.txt"
    path.write_bytes(data)
    from_file = parse_or_refuse(lambda: read_article(path))
    assert from_file == from_memory


def test_a_missing_path_or_a_folder_is_refused_with_a_reason(tmp_path):
    """read_article refuses a path that is not there, or is a folder, with a one-line reason."""
    assert parse_or_refuse(lambda: read_article(tmp_path / "missing.txt")) is None
    assert parse_or_refuse(lambda: read_article(tmp_path)) is None
