"""The shape of a plain-text article: front matter, paragraphs, footer, headline.

Grammar of the input, as far as this module is concerned::

    article      := front_matter? paragraph (separator paragraph)*
    front_matter := ("Key: value" newline)+ blank_line      Key in FRONT_MATTER_KEYS
    separator    := blank line(s), or a single line break between whole paragraphs

A single line break is a paragraph break unless the lines are hard-wrapped
prose (several long lines of similar width), which are joined back together.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from .lexicon import FOOTER_PLATFORMS, FUNCTION_WORDS

FRONT_MATTER_KEYS: Final = {
    "headline": "headline",
    "title": "headline",
    "byline": "byline",
    "author": "byline",
    "by": "byline",
    "published": "published",
    "date": "published",
    "tags": "tags",
    "publication": "publication",
    "source": "publication",
}
_FRONT_MATTER_LINE: Final = re.compile(r"^([A-Za-z]+)[ \t]*:[ \t]*(\S.*)$")
_BLANK_LINE: Final = re.compile(r"\n[ \t\f\v\u00a0]*\n")
# Runs of spaces that need changing into one " ": a single plain space is left alone,
# since replacing every gap between words with itself made this the layout's slowest step.
_SPACES: Final = re.compile(r"[ \t\f\v\u00a0\u2009\u202f]{2,}|[\t\f\v\u00a0\u2009\u202f]")
_FOOTER_FOLLOW: Final = re.compile(r"^(?:follow|like)\s+(?P<who>.+?)\s+on\s+\S", re.IGNORECASE)
_FOOTER_PHRASES: Final = re.compile(
    r"^(?:keep up to date|stay up to date|sign up|subscribe|get the latest|share this|"
    r"click here|read more|related:|for more (?:news|stories)|download (?:our|the) app|"
    r"support (?:our|local) journalism)",
    re.IGNORECASE,
)
_BYLINE: Final = re.compile(r"^By\s+([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})$")
_TERMINAL: Final = ".!?…:;\"”’'"
HEADLINE_MAX: Final = 100
SHORT_LINE_WORDS: Final = 14  # subheads and captions are at most this long


@dataclass(frozen=True)
class Layout:
    """The article's text after front matter and footer are taken off."""

    meta: dict[str, str]
    paragraphs: tuple[str, ...]
    dropped: tuple[str, ...]
    publication: str
    byline: str


def normalise_newlines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return text.replace("\u2029", "\n\n").lstrip("\ufeff")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Take leading ``Key: value`` lines off when a blank line follows them."""
    head, sep, rest = text.lstrip("\n").partition("\n\n")
    lines = head.split("\n")
    meta = {}
    for line in lines:
        match = _FRONT_MATTER_LINE.match(line.strip())
        if not match or match.group(1).lower() not in FRONT_MATTER_KEYS:
            return {}, text
        meta[FRONT_MATTER_KEYS[match.group(1).lower()]] = match.group(2).strip()
    return (meta, rest) if sep else ({}, text)


def _is_hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    body = lines[:-1]
    widths = [len(line) for line in body]
    ends_sentence = sum(1 for line in body if line[-1] in _TERMINAL)
    return min(widths) >= 40 and max(widths) - min(widths) <= 30 and ends_sentence * 2 <= len(body)


def _join_soft_breaks(lines: list[str]) -> list[str]:
    """Join a line to the next when the next plainly continues the sentence."""
    out: list[str] = []
    for line in lines:
        if out and out[-1][-1] not in _TERMINAL and line[:1].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def split_paragraphs(body: str) -> list[str]:
    """Split on blank lines; inside a chunk, single line breaks also separate paragraphs."""
    paragraphs = []
    for chunk in _BLANK_LINE.split(body):
        lines = [_single_spaced(line).strip() for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if _is_hard_wrapped(lines):
            lines = [" ".join(lines)]
        paragraphs.extend(_join_soft_breaks(lines))
    return paragraphs


def _single_spaced(line: str) -> str:
    """The line with each run of spaces, tabs and fixed-width spaces made one " "."""
    if line.isprintable() and "  " not in line:
        # No tab, form feed or fixed-width space is printable, so nothing needs
        # changing: two quick scans in C save most lines a regular expression's.
        return line
    return _SPACES.sub(" ", line)


def footer_publication(paragraph: str) -> str | None:
    """Return the publication a footer line names ("" if none), or None if not a footer."""
    if len(paragraph) > 200:
        return None
    padded = f" {paragraph.lower()} "
    follow = _FOOTER_FOLLOW.match(paragraph)
    if follow and any(platform in padded for platform in FOOTER_PLATFORMS):
        who = follow.group("who")
        return "" if who.lower() in {"us", "me"} else who
    if _FOOTER_PHRASES.match(paragraph):
        return ""
    return None


def is_short_line(paragraph: str) -> bool:
    """A subhead or caption candidate: short, with no closing full stop or quote mark."""
    words = paragraph.split(maxsplit=SHORT_LINE_WORDS)  # stop counting past the limit
    return (
        0 < len(words) <= SHORT_LINE_WORDS
        and paragraph[-1] not in _TERMINAL
        and paragraph[0] not in "“\"‘'"
    )


def layout(text: str) -> Layout:
    meta, body = split_front_matter(normalise_newlines(text))
    paragraphs = split_paragraphs(body)
    kept, dropped, publication = [], [], meta.get("publication", "")
    for paragraph in paragraphs:
        found = footer_publication(paragraph)
        if found is None:
            kept.append(paragraph)
            continue
        dropped.append(paragraph)
        publication = publication or found
    byline = meta.get("byline", "")
    if kept and (match := _BYLINE.match(kept[0])) and len(kept) > 1:
        byline = byline or match.group(1)
        kept = kept[1:]
    return Layout(meta, tuple(kept), tuple(dropped), publication, byline)


def derive_headline(standfirst: str) -> str:
    """A provisional headline from the standfirst: whole words, at most 100 characters.

    Takes the first sentence (or clause, if the sentence is too long), cuts it
    at a word boundary, and trims dangling little words and punctuation so the
    result never ends in "of the" or a comma.
    """
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", standfirst, maxsplit=1)[0]
    # "(HMIC)" is not headline material. Nothing after the last ")" can match, and
    # leaving it out keeps a run of unclosed "(" from making the search quadratic.
    closed, bracket, rest = sentence.rpartition(")")
    sentence = re.sub(r"\s*\([^)]*\)", "", closed + bracket) + rest
    if len(sentence) > HEADLINE_MAX:
        clause = sentence.split(", ")[0]
        sentence = clause if 30 <= len(clause) <= HEADLINE_MAX else sentence
    words = sentence.split()
    length = -1  # of " ".join(words[:count]); counted up, since joining per word is quadratic
    for count, word in enumerate(words):
        length += len(word) + 1
        if length > HEADLINE_MAX:
            words = words[:count]
            break
    trailing = FUNCTION_WORDS | {"will", "be", "is", "are", "was", "were", "has", "have", "had"}
    while len(words) > 3 and words[-1].lower().strip(",;:") in trailing:
        words.pop()
    return " ".join(words).rstrip(" .,;:!?-–—'\"“”‘’")


def parse_published(value: str) -> datetime | None:
    """Read a front-matter date: ISO 8601, or "1 March 2024", or "March 1, 2024"."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None
