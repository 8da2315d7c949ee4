"""Turn plain-text news articles into structured data: no Django in here.

    >>> from articles.ingest import parse_article
    >>> article = parse_article(text, source="story.txt")

``read_article(path)`` does the same for a file, after checking it is a
readable UTF-8 text file of sensible size. Both raise ``IngestError`` with a
one-line reason for input that is not an article.

``make parser`` compiles the parser with mypyc for speed (see ``compiled``).
"""

# ruff: noqa: E402 -- the check must run before the modules it guards are imported

import traceback
from collections.abc import Sequence
from pathlib import Path

from .compiled import use_source_if_stale

use_source_if_stale()  # before any compiled module loads: never run one older than its source

from .parsed import (
    IngestError,
    ParsedArticle,
    ParsedBlock,
    ParsedOrganisation,
    ParsedPerson,
    ParsedQuote,
)
from .parser import parse_article
from .source import checksum, decode_article_bytes, read_article_bytes

__all__ = [
    "IngestError",
    "ParsedArticle",
    "ParsedBlock",
    "ParsedOrganisation",
    "ParsedPerson",
    "ParsedQuote",
    "parse_article",
    "read_article",
    "read_articles",
]


def read_article(path: Path) -> ParsedArticle:
    """Read and parse one article file; ``IngestError`` says why a file is refused."""
    data = read_article_bytes(path)
    text = decode_article_bytes(data)
    return parse_article(text, source=path.name, checksum=checksum(data))


def read_articles(paths: Sequence[Path]) -> list[ParsedArticle | Exception]:
    """``read_article`` for each path: its ``ParsedArticle``, or what reading it raised,
    so that one bad file fails alone. For parser worker processes: any error but
    ``IngestError`` (a bug) carries its traceback as a note, since a traceback
    does not cross processes."""
    results: list[ParsedArticle | Exception] = []
    for path in paths:
        try:
            results.append(read_article(path))
        except IngestError as error:
            results.append(error)
        except Exception as error:
            error.add_note(f"In the parser process:\n{traceback.format_exc()}")
            results.append(error)
    return results
