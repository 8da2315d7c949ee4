"""What every parser result must satisfy, and a hard time limit for one call.

Shared by the property-based tests and the regression tests built from what
they found.
"""

import signal
from collections.abc import Callable
from contextlib import contextmanager

from articles.ingest import IngestError, ParsedArticle

BLOCK_KINDS = {"paragraph", "subhead", "caption"}
QUOTE_KINDS = {"direct", "partial", "fragment", "indirect"}
# A backstop for a parser that hangs: hypothesis's deadline reports slow inputs,
# but only once the call returns. Python's regular expressions check for signals,
# so the alarm also stops a runaway pattern.
HANG_SECONDS = 20


class TooSlow(Exception):
    """The parser did not return within the time limit."""


@contextmanager
def time_limit(seconds: float):
    def stop(signum, frame):
        raise TooSlow(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_or_refuse(parse: Callable[[], ParsedArticle], *, seconds: float = HANG_SECONDS):
    """Run ``parse``: it returns a whole article or refuses with a one-line reason.

    Returns the article, or None when it was refused. Any other exception, or
    no answer within ``seconds``, fails the calling test.
    """
    try:
        with time_limit(seconds):
            article = parse()
    except IngestError as error:
        message = str(error)
        assert message.strip(), "IngestError without a reason"
        assert "\n" not in message and "\r" not in message, f"reason not on one line: {message!r}"
        return None
    assert_whole_article(article)
    return article


def assert_whole_article(article: ParsedArticle) -> None:
    """The invariants an editor would notice if they broke."""
    assert isinstance(article, ParsedArticle)
    assert article.headline.strip(), "empty headline"
    assert article.blocks, "no blocks"
    assert article.standfirst == article.blocks[0].text
    for block in article.blocks:
        assert block.kind in BLOCK_KINDS
        assert block.text.strip(), f"empty {block.kind}"
    people = {person.name for person in article.people}
    organisations = {organisation.name for organisation in article.organisations}
    assert all(name.strip() for name in people | organisations), "empty name"
    for quote in article.quotes:
        assert quote.kind in QUOTE_KINDS
        assert quote.text.strip(), "empty quote"
        assert 0 <= quote.first_block <= quote.last_block < len(article.blocks), quote
        spanned = [block.text for block in article.blocks[quote.first_block : quote.last_block + 1]]
        for part in quote.text.split("\n\n"):  # one part per paragraph the quote runs over
            assert any(part in text for text in spanned), f"{part!r} is not in the article"
        assert (quote.speaker is None) == (quote.speaker_kind is None), quote
        if quote.speaker_kind == "person":
            assert quote.speaker in people, quote
        elif quote.speaker is not None:
            assert quote.speaker_kind == "organisation" and quote.speaker in organisations, quote
