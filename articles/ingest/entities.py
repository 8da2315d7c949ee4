"""People and organisations an article mentions, and where it mentions them.

A run of capitalised words becomes a person only with evidence that it names
one: an honorific ("Ms Linden"), a title ("Chairman Steve O’Connell"), an
appositive role ("…, the council leader,"), an age, a speech verb, a photo
caption, or a later "Mr/Ms <surname>" that points back to it. Names without
evidence ("Tower Hamlets", "High Court") are never people. Organisations are
recognised by the words that end institutions' names ("… Police", "…
Authority"), by acronyms, and by short forms of a name already seen ("the Met"
for "Metropolitan Police").
"""

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Final

from .lexicon import (
    ORGANISATION_HEADS,
)
from .names import normalize_name
from .pieces import Piece, organisation_head
from .tokens import JOINERS, Run, Token, capitalised_runs, sentence_starts, tokenize

STRONG_EVIDENCE: Final = frozenset({"honorific", "role", "age", "surname reference"})


@dataclass(frozen=True)
class Mention:
    block: int
    start: int
    end: int
    kind: str  # "person", "organisation", "candidate" or "pronoun"
    key: str  # the entity's key; for pronouns "male" or "female"
    in_quote: bool = False


@dataclass
class Entity:
    key: str
    kind: str  # "person" or "organisation"
    names: Counter[str] = field(default_factory=Counter)
    aliases: dict[str, None] = field(default_factory=dict)  # an ordered set
    role: str = ""
    acronym: str = ""
    org_kind: str = "other"
    genders: set[str] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)
    first_seen: tuple[int, int] = (0, 0)
    words: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        best = max(self.names.items(), key=lambda item: (item[1], len(item[0])))
        return best[0]

    @property
    def gender(self) -> str | None:
        return next(iter(self.genders)) if len(self.genders) == 1 else None

    @property
    def surname(self) -> str:
        return normalize_name(self.words[-1]) if self.words else ""

    def add_alias(self, alias: str) -> None:
        if normalize_name(alias) not in {normalize_name(n) for n in self.names}:
            self.aliases.setdefault(alias, None)


@dataclass
class Article:
    """The article's text, tokenised once and shared by the extraction passes."""

    paragraphs: list[str]
    short_lines: list[bool]
    quote_ranges: dict[int, list[tuple[int, int]]]
    tokens: list[list[Token]] = field(default_factory=list)
    token_starts: list[list[int]] = field(default_factory=list)
    sentences: list[list[int]] = field(default_factory=list)
    runs: list[list[Run]] = field(default_factory=list)
    common_words: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for block, text in enumerate(self.paragraphs):
            tokens = tokenize(text)
            self.tokens.append(tokens)
            self.token_starts.append([t.start for t in tokens])
            self.sentences.append(sentence_starts(text))
            self.runs.append(capitalised_runs(block, text, tokens))
            self.common_words.update([t.lower for t in tokens if not t.capitalised])
        self._quote_starts = {
            block: [start for start, _ in sorted(ranges)]
            for block, ranges in self.quote_ranges.items()
        }
        self._quote_ranges = {block: sorted(r) for block, r in self.quote_ranges.items()}

    def in_quote(self, block: int, offset: int) -> bool:
        """Whether a character is inside quoted speech (ranges never overlap)."""
        starts = self._quote_starts.get(block)
        if not starts:
            return False
        index = bisect_right(starts, offset) - 1
        return index >= 0 and offset < self._quote_ranges[block][index][1]

    def tokens_between(self, block: int, start: int, end: int) -> list[Token]:
        starts = self.token_starts[block]
        return self.tokens[block][bisect_left(starts, start) : bisect_left(starts, end)]

    def unquoted_tokens_between(self, block: int, start: int, end: int) -> list[Token]:
        """The tokens starting in text[start:end] that are not inside quoted speech.

        Takes the stretches between the paragraph's quotes whole (its ranges are
        sorted and never overlap) rather than asking ``in_quote`` of every token.
        """
        unquoted, at = [], start
        for quote_start, quote_end in self._quote_ranges.get(block, ()):
            if quote_start >= end:
                break
            if quote_end > at:
                unquoted += self.tokens_between(block, at, quote_start)
                at = quote_end
        return unquoted + self.tokens_between(block, at, end)


_PARENTHESES: Final = re.compile(r"\([^()]{0,40}\)")


def head_of_phrase(article: Article, chosen: Mention, mentions: list[Mention]) -> Mention:
    """The person an organisation's name only modifies: in "Western Isles Ferries
    chief executive Karen Doyle" or "WVCA mayor Sandra Okonjo", the person."""
    if chosen.kind not in ("organisation", "candidate"):
        return chosen
    following = [m for m in mentions if m.start > chosen.start and m.kind == "person"]
    if following:
        gap = article.paragraphs[chosen.block][chosen.end : following[0].start]
        gap = _PARENTHESES.sub("", gap).replace("’s", "").replace("'s", "").strip()
        if gap == "" or (gap.islower() and "," not in gap):
            return following[0]
    return chosen


def person_key(words: tuple[str, ...]) -> str:
    return normalize_name(f"{words[0]} {words[-1]}")


def organisation_key(words: tuple[str, ...]) -> str:
    return normalize_name(" ".join(words))


def initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w.lower() not in JOINERS and w.lower() != "the").upper()


class Entities:
    """The registry of an article's people and organisations with their mentions."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.people: dict[str, Entity] = {}
        self.organisations: dict[str, Entity] = {}
        self.candidates: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        self.places: Counter[str] = Counter()
        self._by_block: dict[int, list[Mention]] | None = None
        self._indexed: tuple[int, int] = (0, 0)
        self._starts: dict[int, list[int]] = {}

    # Registration -----------------------------------------------------------
    def _entity(
        self, table: dict[str, Entity], key: str, kind: str, block: int, start: int
    ) -> Entity:
        if key not in table:
            table[key] = Entity(key=key, kind=kind, first_seen=(block, start))
        return table[key]

    def add_candidate(self, piece: Piece, block: int, surface: str) -> Entity:
        key = person_key(piece.words)
        table = self.people if key in self.people else self.candidates
        entity = self._entity(table, key, "person", block, piece.start)
        entity.names[surface] += 1
        if len(piece.words) >= len(entity.words):
            entity.words = piece.words
        self.mentions.append(Mention(block, piece.start, piece.end, "candidate", key))
        return entity

    def add_organisation(
        self, words: tuple[str, ...], surface: str, block: int, start: int, end: int
    ) -> Entity:
        key = organisation_key(words)
        entity = self._entity(self.organisations, key, "organisation", block, start)
        entity.names[surface] += 1
        entity.words = entity.words or words
        head = organisation_head(tuple(_plain_tokens(words)))
        entity.org_kind = ORGANISATION_HEADS.get(head or "", entity.org_kind)
        self.mentions.append(Mention(block, start, end, "organisation", key))
        return entity

    def promote(self, key: str, evidence: str) -> Entity | None:
        """Make a candidate a person (e.g. because it is the subject of "said")."""
        if key in self.people:
            return self.people[key]
        entity = self.candidates.pop(key, None)
        if entity is None:
            return None
        entity.evidence.add(evidence)
        self.people[key] = entity
        return entity

    # Lookup ------------------------------------------------------------------
    def by_surname(self, surname: str, gender: str | None = None) -> Entity | None:
        """The one person with this surname (and compatible gender), or None."""
        wanted = normalize_name(surname)
        found = [p for p in self.people.values() if p.surname == wanted]
        if gender and len(found) > 1:
            found = [p for p in found if p.gender in (gender, None)]
        return found[0] if len(found) == 1 else None

    def by_first_name(self, name: str) -> Entity | None:
        """The one person whose full name starts with this name ("Brenda"), or None."""
        wanted = normalize_name(name)
        found = [
            p
            for p in self.people.values()
            if len(p.words) > 1 and normalize_name(p.words[0]) == wanted
        ]
        return found[0] if len(found) == 1 else None

    def entity(self, mention: Mention) -> Entity | None:
        if mention.kind == "organisation":
            return self.organisations.get(mention.key)
        return self.people.get(mention.key) or self.candidates.get(mention.key)

    def mentions_between(self, block: int, start: int, end: int) -> list[Mention]:
        """Mentions starting in text[start:end] of one paragraph, in reading order."""
        state = (id(self.mentions), len(self.mentions))
        if self._by_block is None or self._indexed != state:
            self._by_block = {}
            for mention in sorted(self.mentions, key=lambda m: (m.block, m.start)):
                self._by_block.setdefault(mention.block, []).append(mention)
            self._starts = {b: [m.start for m in ms] for b, ms in self._by_block.items()}
            self._indexed = state
        starts = self._starts.get(block, [])
        found = self._by_block.get(block, [])
        return found[bisect_left(starts, start) : bisect_left(starts, end)]


def _plain_tokens(words: tuple[str, ...]) -> list[Token]:
    return [Token.of_base(w) for w in words]
