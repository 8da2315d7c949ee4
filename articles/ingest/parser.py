"""Top level of the parser: text in, ``ParsedArticle`` out.

PROVISIONAL: structure only (blocks, standfirst, provisional headline). Quote,
people and organisation extraction land with the importer issue.
"""

import re

from .parsed import IngestError, ParsedArticle, ParsedBlock

_BLANK_LINES = re.compile(r"\n\s*\n")


def parse_article(text: str, *, source: str, checksum: str = "") -> ParsedArticle:
    paragraphs = [p.strip() for p in _BLANK_LINES.split(text.replace("\r\n", "\n")) if p.strip()]
    if not paragraphs:
        raise IngestError("no paragraphs found")
    blocks = tuple(ParsedBlock("paragraph", p) for p in paragraphs)
    headline = " ".join(paragraphs[0].split()[:12]).rstrip(".,;:")
    return ParsedArticle(
        source=source,
        checksum=checksum,
        headline=headline,
        headline_is_provisional=True,
        standfirst=paragraphs[0],
        blocks=blocks,
    )
