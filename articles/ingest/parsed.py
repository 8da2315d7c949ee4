"""What the parser hands to the loader: frozen dataclasses, no Django.

Block indexes (``ParsedQuote.first_block``/``last_block``) count every
paragraph of the article body from 0, the standfirst included: block 0 is the
standfirst. Dropped footer lines are not blocks.
"""

from dataclasses import dataclass, field
from datetime import datetime


class IngestError(Exception):
    """Input the importer cannot turn into an article; the message says why."""


@dataclass(frozen=True)
class ParsedBlock:
    kind: str  # "paragraph", "subhead" or "caption"
    text: str


@dataclass(frozen=True)
class ParsedPerson:
    name: str  # the fullest form the text uses, e.g. "Steve O’Connell"
    aliases: tuple[str, ...] = ()  # other forms seen: "Mr O’Connell", "O’Connell"
    role: str = ""  # "Mayor of Tower Hamlets", from captions, appositives, titles


@dataclass(frozen=True)
class ParsedOrganisation:
    name: str  # the expanded name, e.g. "Crown Prosecution Service"
    aliases: tuple[str, ...] = ()  # acronyms and short forms: "CPS", "the Met"
    acronym: str = ""
    kind: str = "other"  # one of people.Organisation.Kind's values


@dataclass(frozen=True)
class ParsedQuote:
    text: str  # the quoted words without the outer quote marks
    speaker: str | None  # a ParsedPerson/ParsedOrganisation name, or None
    speaker_kind: str | None  # "person", "organisation" or None
    kind: str  # "direct", "partial", "fragment" or "indirect"
    verb: str  # "said", "wrote", "added"… or "" when none was found
    first_block: int
    last_block: int


@dataclass(frozen=True)
class ParsedArticle:
    source: str  # the file name the article came from
    checksum: str  # sha256 of the file's bytes
    headline: str
    headline_is_provisional: bool  # True when derived from the text, not given
    standfirst: str
    blocks: tuple[ParsedBlock, ...]
    byline: str = ""
    publication: str = ""
    published_at: datetime | None = None
    tags: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()  # footer boilerplate left out of the body
    people: tuple[ParsedPerson, ...] = ()
    organisations: tuple[ParsedOrganisation, ...] = ()
    quotes: tuple[ParsedQuote, ...] = ()
    warnings: tuple[str, ...] = field(default=())
