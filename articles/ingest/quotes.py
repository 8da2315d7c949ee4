"""Find quoted passages: the spans between quote marks, across paragraphs.

Grammar (the conventions of English news copy)::

    quote        := open text close
                  | open text (break short_line* open text)* close
    open         := “ | " (straight, at the start of a word)      ‘ in single-mark house styles
    close        := ” | " (straight, at the end of a word)        ’ in single-mark house styles
    break        := the end of a paragraph
    short_line   := a caption or subhead (see structure.is_short_line)

A paragraph that opens a quote and does not close it continues into the next
paragraph that opens with a quote mark; captions and subheads in between are
skipped. A quote that is neither closed nor continued is unbalanced: the
article is refused with a message naming the paragraph, since guessing where
the quotation ends would attribute narration to a speaker.

The scan is a single left-to-right pass per paragraph over its quote marks
alone (a regular expression finds them), so its cost is linear in the length
of the text.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from .parsed import IngestError

DOUBLE_MARKS: Final = frozenset('“”"„‟')
DOUBLE_OPENERS: Final = frozenset('“"„‟')
SINGLE_OPENERS: Final = frozenset("‘'")
SINGLE_CLOSERS: Final = frozenset("’'")
_BEFORE_OPEN: Final = frozenset(" \t([{—–-/:;,")
_DOUBLE_MARK: Final = re.compile("[" + "".join(sorted(DOUBLE_MARKS)) + "]")
_SINGLE_MARK: Final = re.compile("[" + "".join(sorted(SINGLE_OPENERS | SINGLE_CLOSERS)) + "]")


@dataclass(frozen=True)
class Part:
    """The inside of a quote within one paragraph: ``text[start:end]``."""

    block: int
    start: int
    end: int


@dataclass(frozen=True)
class QuoteSpan:
    parts: tuple[Part, ...]

    @property
    def first_block(self) -> int:
        return self.parts[0].block

    @property
    def last_block(self) -> int:
        return self.parts[-1].block

    @property
    def open_at(self) -> int:
        """Index of the opening mark in the first paragraph."""
        return self.parts[0].start - 1

    @property
    def close_at(self) -> int:
        """Index of the closing mark in the last paragraph."""
        return self.parts[-1].end

    def text(self, paragraphs: tuple[str, ...] | list[str]) -> str:
        pieces = [paragraphs[p.block][p.start : p.end].strip() for p in self.parts]
        return "\n\n".join(piece for piece in pieces if piece)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _marks(text: str, marks: re.Pattern) -> Iterator[tuple[int, str, str, str]]:
    """(index, mark, character before, character after) of each quote mark in ``text``;
    a space stands in for the characters before the start and after the end."""
    last = len(text) - 1
    for match in marks.finditer(text):
        i = match.start()
        yield i, text[i], text[i - 1] if i else " ", text[i + 1] if i < last else " "


def _scan_double(text: str) -> list[tuple[int, int | None]]:
    """Return (open index, close index or None) pairs of double-mark quotes."""
    spans: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for i, ch, before, after in _marks(text, _DOUBLE_MARK):
        if open_at is None:
            if (
                ch in DOUBLE_OPENERS
                and not after.isspace()
                and (before in _BEFORE_OPEN or before in DOUBLE_MARKS or ch == "“")
            ):
                open_at = i
        elif ch == "“" and before.isspace() and not after.isspace():
            # A fresh opening mark while a quote is open: the first one was
            # never closed. Keep both and let the article check report it.
            spans.append((open_at, None))
            open_at = i
        elif not before.isspace() or not _is_word_char(after):
            spans.append((open_at, i))
            open_at = None
    if open_at is not None:
        spans.append((open_at, None))
    return spans


def _scan_single(text: str) -> list[tuple[int, int | None]]:
    """Single-mark house style: ‘…’, telling apostrophes (it’s, O’Neill) apart."""
    spans: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for i, ch, before, after in _marks(text, _SINGLE_MARK):
        if open_at is None:
            if ch in SINGLE_OPENERS and not _is_word_char(before) and _is_word_char(after):
                open_at = i
        elif ch in SINGLE_CLOSERS and not before.isspace() and not _is_word_char(after):
            spans.append((open_at, i))
            open_at = None
    if open_at is not None:
        spans.append((open_at, None))
    return spans


def uses_single_marks(paragraphs: list[str]) -> bool:
    """True when the article quotes with ‘…’ and has no double quote marks at all."""
    joined = "".join(paragraphs)
    return "‘" in joined and not _DOUBLE_MARK.search(joined)


def _starts_with_open(spans: list[tuple[int, int | None]], text: str) -> bool:
    return bool(spans) and not text[: spans[0][0]].strip()


def find_quotes(paragraphs: list[str], short_lines: list[bool]) -> list[QuoteSpan]:
    """All quotes in reading order, multi-paragraph ones joined into one span."""
    scan = _scan_single if uses_single_marks(paragraphs) else _scan_double
    quotes: list[QuoteSpan] = []
    pending: list[Part] = []  # an open quote waiting for its next paragraph
    for index, text in enumerate(paragraphs):
        if pending and short_lines[index]:
            continue  # a caption or subhead inside a running quote
        spans = scan(text)
        if pending:
            if not _starts_with_open(spans, text):
                raise _unbalanced(pending[0].block)
            open_at, close_at = spans.pop(0)
            pending.append(Part(index, open_at + 1, len(text) if close_at is None else close_at))
            if close_at is None:
                continue
            quotes.append(QuoteSpan(tuple(pending)))
            pending = []
        for number, (open_at, close_at) in enumerate(spans):
            if close_at is not None:
                quotes.append(QuoteSpan((Part(index, open_at + 1, close_at),)))
            elif number == len(spans) - 1:
                pending = [Part(index, open_at + 1, len(text))]
            else:
                raise _unbalanced(index)
    if pending:
        raise _unbalanced(pending[0].block)
    return [quote for quote in quotes if quote.text(paragraphs)]  # “” quotes no words


def _unbalanced(block: int) -> IngestError:
    return IngestError(
        f"unbalanced quote marks: the quote opened in paragraph {block + 1} is never closed"
    )


def inside_quote_ranges(quotes: list[QuoteSpan]) -> dict[int, list[tuple[int, int]]]:
    """For each paragraph, the character ranges that are quoted speech."""
    ranges: dict[int, list[tuple[int, int]]] = {}
    for quote in quotes:
        for part in quote.parts:
            ranges.setdefault(part.block, []).append((part.start - 1, part.end + 1))
    return ranges
