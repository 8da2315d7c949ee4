"""Words, sentences and runs of capitalised words in one paragraph.

A *run* is a sequence of capitalised words separated by single spaces, such
as "Mayor of Tower Hamlets John Biggs" or "Her Majesty’s Inspectorate of
Constabulary". Runs are where names of people, organisations and places
live; ``entities`` decides which is which.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Final

from .lexicon import ORGANISATION_HEADS

_TOKEN: Final = re.compile(r"[^\W\d_][\w’'\-]*")
# Punctuation that opens or closes a word and is never part of one: ’ and '
# are not among it, as they end words ("Tenants’").
_OPENING: Final = '“‘"([«'
_CLOSING: Final = ',.;:!?)]”"»…'
_POSSESSIVE: Final = re.compile(r"(?:[’']s|[’'])$")
# The end of a sentence: its mark, any closing quotes or brackets, then a capital.
_SENTENCE_END: Final = re.compile(r"[.!?…][”\"’')\]]*\s+(?=[“\"‘'(\[]?[A-Z0-9])")
_ABBREVIATIONS: Final = frozenset(
    "mr mrs ms dr st prof gen sen rep gov jr sr no vs etc inc co".split()
)
# Lower-case words allowed inside a name: "Department for Education", "van der Berg".
JOINERS: Final = frozenset({"of", "for"})
# Runs that go on after a possessive: "Her Majesty’s Inspectorate", "St Mary’s Hospital".
_POSSESSIVE_OPENERS: Final = frozenset({"her", "his", "st", "saint"})
_IRREGULAR_PLURALS: Final = frozenset({"women", "men", "children", "people"})
PARTICLES: Final = frozenset(
    "de del della la le du da di dos van von der den ter bin al el".split()
)


class Token:
    """One word of a paragraph, with what every pass asks of it worked out once.

    A slotted class with its own ``__init__`` rather than a frozen dataclass:
    an article has hundreds of tokens and a frozen dataclass's ``__init__``
    made building them a third of the parse time. Treat tokens as read-only.
    """

    __slots__ = ("text", "base", "start", "end", "lower", "capitalised")

    def __init__(self, text: str, start: int) -> None:
        self.text = text  # as written, with any possessive ending
        self.start = start
        # base is the word without the possessive: "Met’s" -> "Met"; the case is the base's
        self.base, self.lower, self.capitalised = _word_forms(text)
        self.end = start + len(self.base)  # end of ``base`` in the paragraph

    @classmethod
    def of_base(cls, base: str) -> "Token":
        """A token for a word that is a base already (one of a name's words), taken as it is."""
        token = cls(base, 0)  # then undo what __init__ reads into the word
        token.base, token.end = base, len(base)
        token.lower, token.capitalised = _case_of(base)
        return token

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start})"

    @property
    def possessive(self) -> bool:
        return len(self.base) != len(self.text)

    @property
    def is_acronym(self) -> bool:
        letters = self.base.replace("&", "")
        return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


def _case_of(base: str) -> tuple[str, bool]:
    """(lower case, whether capitalised) of a word."""
    return base.lower(), base[:1].isupper()


# A pure function of one word, and an article's hundreds of tokens come from a
# vocabulary of a few thousand everyday words, so nearly every call is a cache hit
# (building tokens was the largest part of the parse). A plain dict: a compiled
# lookup in it costs a fraction of a call through ``lru_cache``. Emptied when
# full, so a stream of unusual words cannot grow it without bound.
_WORD_FORMS: Final[dict[str, tuple[str, str, bool]]] = {}
_WORD_FORMS_LIMIT: Final = 65536


def _word_forms(word: str) -> tuple[str, str, bool]:
    """(base, lower case, capitalised): the base drops a possessive ending
    ("Met’s" -> "Met", "Tenants’" -> "Tenants")."""
    forms = _WORD_FORMS.get(word)
    if forms is None:
        if len(_WORD_FORMS) >= _WORD_FORMS_LIMIT:
            _WORD_FORMS.clear()
        forms = _WORD_FORMS[word] = _read_word_forms(word)
    return forms


def _read_word_forms(word: str) -> tuple[str, str, bool]:
    base = word
    if len(word) > 2 and word[-1] in "’'s":
        base = _POSSESSIVE.sub("", word) or word
    return (base, *_case_of(base))


def tokenize(text: str) -> list[Token]:
    """The words of ``text``: each match of ``_TOKEN``, less a trailing hyphen.

    A word never holds white space, so the text is read a white-space chunk at
    a time, and most chunks are one plain word, perhaps with punctuation at
    its ends ("said,", "“We"): those are taken without the regular expression,
    which took half of an article's tokenizing in matching and match objects.
    """
    tokens: list[Token] = []
    at = 0
    for chunk in text.split():
        start = text.find(chunk, at)  # only white space lies between ``at`` and the chunk
        at = start + len(chunk)
        opened = chunk.lstrip(_OPENING)
        word = opened.rstrip(_CLOSING)
        if word.isalpha():  # letters only: one whole ``_TOKEN`` match
            tokens.append(Token(word, start + len(chunk) - len(opened)))
            continue
        for match in _TOKEN.finditer(chunk):
            tokens.append(Token(match.group().rstrip("-"), start + match.start()))
    return tokens


def sentence_starts(text: str) -> list[int]:
    """Character offsets where sentences begin (always including 0)."""
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()].rsplit(None, 1)
        last_word = before[-1].lower().strip('(“"') if before else ""
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        starts.append(match.end())
    return starts


def sentence_of(starts: list[int], offset: int) -> tuple[int, int]:
    """Return (index of the sentence, its start offset) for a character offset."""
    index = max(bisect_right(starts, offset) - 1, 0)
    return index, starts[index]


class TokenSpan:
    """Where a sequence of tokens starts and ends in its paragraph, and its words."""

    tokens: tuple[Token, ...]

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(token.base for token in self.tokens)


@dataclass(frozen=True)
class Run(TokenSpan):
    block: int
    tokens: tuple[Token, ...]

    def surface(self, text: str) -> str:
        return text[self.start : self.end]


def _gap(text: str, left: Token, right: Token) -> str:
    return text[left.start + len(left.text) : right.start]


def _joined(text: str, left: Token, right: Token) -> bool:
    gap = _gap(text, left, right)
    return gap == " " or (gap == ". " and len(left.base) == 1)  # "John F. Kennedy"


def capitalised_runs(block: int, text: str, tokens: list[Token]) -> list[Run]:
    """Group capitalised tokens (with joiners and name particles) into runs."""
    runs: list[Run] = []
    current: list[Token] = []

    def flush() -> None:
        while current and not current[-1].capitalised:
            current.pop()  # a run never ends in "of" or "van"
        if current:
            runs.append(Run(block, tuple(current)))
        current.clear()

    for i, token in enumerate(tokens):
        if not current:  # most words are outside any run: nothing to link or flush
            if token.capitalised:
                current.append(token)
            continue
        linked = _joined(text, current[-1], token)
        if linked and current[-1].possessive and not _name_goes_on(current):
            linked = False  # "the Met’s Special Enquiry Team" is two names
        if token.capitalised:
            if not linked:
                flush()
            current.append(token)
        elif linked and _may_join(current, token, tokens[i + 1 : i + 2], text):
            current.append(token)
        else:
            flush()
    flush()
    return _merge_and_runs(text, runs)


def _name_goes_on(current: list[Token]) -> bool:
    """After a possessive, a name goes on only in set forms: "Her Majesty’s
    Inspectorate", "St Mary’s Hospital", and plurals: "Tenants’ Association",
    "Women’s Institute"."""
    last = current[-1]
    plural = last.text[-1] in "’'" and last.base.endswith("s") or last.lower in _IRREGULAR_PLURALS
    return plural or current[0].lower in _POSSESSIVE_OPENERS


def _may_join(current: list[Token], token: Token, following: list[Token], text: str) -> bool:
    """A lower-case joiner continues a run only when a capitalised word follows it."""
    word = token.lower
    if word == "the":
        allowed = current[-1].lower in JOINERS
    else:
        allowed = word in JOINERS or word in PARTICLES
    nxt = following[0] if following else None
    if not allowed or nxt is None or not _joined(text, token, nxt):
        return False
    if word in PARTICLES and nxt.lower in PARTICLES:
        return True  # "von der Leyen"
    return nxt.capitalised or (word in JOINERS and nxt.lower == "the")


def _merge_and_runs(text: str, runs: list[Run]) -> list[Run]:
    """Join "Police" + "and" + "Crime Committee" or "Wexham Fire" + "and" + "Rescue
    Service" into one run: a name ending in an organisation word, and before it
    a name that does not."""
    merged: list[Run] = []
    for run in runs:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and len(run.tokens) >= 2
            and run.tokens[-1].lower in ORGANISATION_HEADS
            and prev.tokens[-1].lower
            not in ORGANISATION_HEADS  # two names: "X Council and Y Police"
            and _gap(text, prev.tokens[-1], run.tokens[0]) == " and "
            and not prev.tokens[0].is_acronym
        ):
            merged[-1] = Run(run.block, prev.tokens + run.tokens)
            continue
        merged.append(run)
    return merged
