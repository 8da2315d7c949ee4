"""Reading article files: the checks that turn bad input into a one-line reason.

Plain Python, no Django. Every failure is an ``IngestError`` whose message is
the reason only; the caller prefixes the file name.
"""

import hashlib
import re
from pathlib import Path

from .parsed import IngestError

MAX_BYTES = 2 * 1024 * 1024  # larger files are not articles; refuse before reading them
# Control characters other than the tab, line feed, form feed and carriage return,
# counted by the regular expression engine rather than a Python loop over every character.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def decode_article_bytes(data: bytes) -> str:
    """Return the text of an article file's bytes, or raise ``IngestError`` saying why not."""
    if not data.strip():
        raise IngestError("file is empty")
    if len(data) > MAX_BYTES:
        raise IngestError(f"file is {len(data):,} bytes, over the {MAX_BYTES:,}-byte limit")
    if b"\x00" in data:
        raise IngestError("file is binary, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reason = f"file is not UTF-8 text (invalid byte at offset {error.start})"
        raise IngestError(reason) from None
    controls = len(_CONTROL.findall(text))
    if controls > len(text) // 100 + 2:
        raise IngestError("file looks binary, not text (too many control characters)")
    return text


def read_article_bytes(path: Path) -> bytes:
    """Read a file, refusing anything that is not a regular file or is too big."""
    if not path.exists():
        raise IngestError("no such file or folder")
    if not path.is_file():
        raise IngestError("not a regular file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise IngestError(f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit")
    try:
        return path.read_bytes()
    except OSError as error:
        raise IngestError(f"cannot be read ({error.strerror or error})") from None


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
