"""Read one capitalised run as the name of a person, an organisation or neither.

A run such as "Mayor of Tower Hamlets John Biggs" holds a role ("Mayor of
Tower Hamlets") and a name ("John Biggs"); "Chairman Steve O’Connell" a title
and a name; "Her Majesty’s Inspectorate of Constabulary" an organisation;
"Police Act" a document; "Ms Linden" an honorific and a surname. ``read_run``
returns a ``Piece`` saying which, without looking at the rest of the article.
"""

from dataclasses import dataclass
from typing import Final

from .context import is_role_word
from .lexicon import (
    DOCUMENT_HEADS,
    FUNCTION_WORDS,
    HONORIFICS,
    ORGANISATION_HEADS,
    PLACE_HEADS,
    PLACE_OPENERS,
    POST_NOMINALS,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
)
from .tokens import JOINERS, PARTICLES, Run, Token, TokenSpan


@dataclass(frozen=True)
class Piece(TokenSpan):
    """What a run turned out to be.

    kind is one of: "name" (2-4 words that may be a person's full name),
    "surname" (one word after an honorific or a title: "Mr Rahman"),
    "organisation", "acronym", "single" (one capitalised word), "place",
    "document", "role" (a title with no name) or "other".
    """

    kind: str
    tokens: tuple[Token, ...]
    honorific: str = ""
    role: str = ""
    place: tuple[Token, ...] = ()  # "Tower Hamlets" in "Mayor of Tower Hamlets John Biggs"

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _is_role_word(token: Token) -> bool:
    return token.lower in ROLE_MODIFIERS or is_role_word(token.base)


def _is_role_noun_only(token: Token) -> bool:
    return token.lower in ROLE_NOUNS and token.lower not in ROLE_MODIFIERS


def organisation_head(tokens: tuple[Token, ...]) -> str | None:
    """The organisation word that ends the name before any "of …" tail, if any."""
    if len(tokens) < 2:
        return None  # "Police" or "Council" alone is too generic to be a name
    head_zone = tokens
    for i, token in enumerate(tokens):
        if token.lower in JOINERS and i > 0:
            head_zone = tokens[:i]
            break
    candidates = [t for t in head_zone if t.lower in ORGANISATION_HEADS]
    if candidates and head_zone[-1].lower in ORGANISATION_HEADS:
        return head_zone[-1].lower
    if candidates and len(head_zone) < len(tokens):
        return candidates[-1].lower  # "Inspectorate of Constabulary"
    if len(head_zone) == len(tokens) and tokens[0].lower in ORGANISATION_HEADS:
        if tokens[-1].lower in PLACE_HEADS:
            return None  # "Church Lane", "Parliament Square": a street named after a body
        return tokens[0].lower  # "Police Scotland"
    return None


_ORDINALS: Final = frozenset({"first", "second", "third"})


def _strip_leading(
    tokens: list[Token],
    common_words: set[str],
    sentence_start: bool,
    known_names: set[tuple[str, str]],
) -> None:
    """Drop "The", "Now" and a sentence's first word when it is an ordinary word
    or describes a name the article uses without it ("Grandparent Valerie Farnworth").

    "Her"/"His" stay when they open an institution's name: "His Majesty’s Treasury",
    and so does any first word of an institution's name: "Little Ashcombe Police".
    """
    royal = tokens[0].lower in {"her", "his"} and len(tokens) > 2 and tokens[1].possessive
    if royal and organisation_head(tuple(tokens)):
        return
    if tokens[0].lower in _ORDINALS and len(tokens) >= 3 and organisation_head(tuple(tokens)):
        return  # "Second Chance Housing", "First Bus Group"
    while tokens and tokens[0].lower in FUNCTION_WORDS and tokens[0].lower not in HONORIFICS:
        tokens.pop(0)
        sentence_start = False
    while tokens and _is_descriptor(tokens[0]):
        tokens.pop(0)  # "Gran-of-five Brenda Kettle"
    if not sentence_start or len(tokens) < 2 or tokens[0].lower in HONORIFICS:
        return
    if organisation_head(tuple(tokens)):
        return
    first = tokens[0]
    rest_is_a_name = len(tokens) >= 3 and (tokens[1].lower, tokens[-1].lower) in known_names
    ordinary = (first.lower in common_words or rest_is_a_name) and not _is_role_word(first)
    if ordinary or (first.lower.endswith("ing") and first.lower not in ROLE_NOUNS):
        tokens.pop(0)  # "Missed files…", "Defending Gaskell, Ms Fenwick said"


def _is_descriptor(token: Token) -> bool:
    """A hyphenated word with lower-case parts describes; it does not name."""
    parts = token.base.split("-")
    return len(parts) > 1 and any(part[:1].islower() for part in parts[1:])


def _organisation_after_of(tokens: tuple[Token, ...]) -> tuple[Token, ...] | None:
    for i, token in enumerate(tokens):
        if token.lower in JOINERS and i > 0:
            tail = tokens[i + 1 :]
            while tail and tail[0].lower == "the":
                tail = tail[1:]
            return tail if len(tail) > 1 and organisation_head(tail) else None
    return None


def _split_role(tokens: list[Token], known_names: set[tuple[str, str]]) -> tuple[str, list, list]:
    """Take a leading title off: "Chairman", "Deputy Mayor", "Mayor of Tower Hamlets".

    Returns (role, place tokens, remaining name tokens).
    """
    role_tokens: list[Token] = []
    while tokens and _is_role_word(tokens[0]) and len(tokens) > 1:
        role_tokens.append(tokens.pop(0))
    if not role_tokens:
        return "", [], tokens
    if tokens and tokens[0].lower in JOINERS:
        joiner = [tokens.pop(0)]
        if tokens and tokens[0].lower == "the":
            joiner.append(tokens.pop(0))
        place, name = _split_place_and_name(tokens, known_names)
        role = " ".join(t.base for t in role_tokens + joiner + place)
        return role, place, name
    return " ".join(t.base for t in role_tokens), [], tokens


def _split_place_and_name(
    tokens: list[Token], known_names: set[tuple[str, str]]
) -> tuple[list[Token], list[Token]]:
    """Split "Tower Hamlets John Biggs" into a place and a name.

    A suffix that is a full name seen elsewhere in the article wins; otherwise
    the last two words are the name when at least one word is left for the place.
    """
    for cut in range(1, len(tokens) - 1):
        suffix = tokens[cut:]
        if (suffix[0].lower, suffix[-1].lower) in known_names:
            return tokens[:cut], suffix
    size = 3 if len(tokens) >= 4 and tokens[-2].lower in PARTICLES else 2
    if len(tokens) > size:
        return tokens[:-size], tokens[-size:]
    return tokens, []


def read_run(
    run: Run,
    *,
    common_words: set[str],
    sentence_start: bool,
    known_names: set[tuple[str, str]],
) -> Piece | None:
    """Classify one run; None when nothing is left of it (e.g. "Now")."""
    tokens = list(run.tokens)
    _strip_leading(tokens, common_words, sentence_start, known_names)
    if not tokens:
        return None
    whole = tuple(tokens)
    if tokens[-1].lower in DOCUMENT_HEADS:
        return Piece("document", whole)
    if organisation_head(whole):
        if sentence_start and _is_role_noun_only(tokens[0]) and len(tokens) > 2:
            whole = whole[1:]  # "Developer Kestrel Estates said"
        return Piece("organisation", whole)
    tail = _organisation_after_of(whole)
    if tail and not _is_role_word(whole[0]):
        return Piece("organisation", tail)  # "Members of Tremorna County Council"
    honorific = _take_honorific(tokens)
    letters = _strip_post_nominals(tokens)
    role, place, tokens = _split_role(tokens, known_names)
    if not role:
        role, tokens = _split_inner_role(tokens)
    honorific = honorific or _take_honorific(tokens)  # "Commissioner Sir Mark Rowley"
    if not tokens:
        return Piece("role", whole, role=role)
    return _name_piece(tuple(tokens), honorific, role or letters, tuple(place))


def _take_honorific(tokens: list[Token]) -> str:
    """Take "Mr", "Dr" or "Sir" off the front of a name of two words or more."""
    if len(tokens) > 1 and tokens[0].lower.rstrip(".") in HONORIFICS:
        return tokens.pop(0).base
    return ""


def _strip_post_nominals(tokens: list[Token]) -> str:
    """Take letters for an office or honour off the end of a name: "Jess Phillips MP"."""
    letters: list[str] = []
    while len(tokens) > 2 and tokens[-1].base in POST_NOMINALS:  # capitals, as listed
        letters.insert(0, tokens.pop().base)
    return " ".join(letters)


def _split_inner_role(tokens: list[Token]) -> tuple[str, list[Token]]:
    """Split a title inside a run from the name after it: "Labour MP Jess Phillips",
    "Tower Hamlets Mayor John Biggs". The name keeps at least two words, so a
    surname that is also a title ("John Major") stays a name."""
    for i in range(len(tokens) - 3, 0, -1):
        if is_role_word(tokens[i].base) and not any(_is_role_word(t) for t in tokens[i + 1 :]):
            return " ".join(t.base for t in tokens[: i + 1]), tokens[i + 1 :]
    return "", tokens


def _name_piece(tokens: tuple[Token, ...], honorific: str, role: str, place) -> Piece:
    if tokens[-1].lower in PLACE_HEADS or (len(tokens) > 1 and tokens[0].lower in PLACE_OPENERS):
        return Piece("place", tokens)
    if organisation_head(tokens):
        return Piece("organisation", tokens)
    if len(tokens) == 1:
        token = tokens[0]
        if honorific or role:
            return Piece("surname", tokens, honorific=honorific, role=role)
        return Piece("acronym" if token.is_acronym else "single", tokens)
    has_joiner = any(t.lower in JOINERS or t.lower == "the" for t in tokens)
    if has_joiner or len(tokens) > 4 or any(t.is_acronym for t in tokens):
        return Piece("other", tokens)
    return Piece("name", tokens, honorific=honorific, role=role, place=place)
