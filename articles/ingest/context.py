"""What the words around a name say about it: a role, an age, a speech verb.

"deputy mayor for policing Sophie Linden"      role before the name
"Sophie Linden, the deputy mayor for policing,"  role after the name (appositive)
"Jane Doe, 45, said"                           an age: only people have one
"John Smith said" / "said John Smith"          a speech verb next to the name
"""

import re
from typing import Final

from .lexicon import (
    AUXILIARIES,
    FUNCTION_WORDS,
    HONORIFICS,
    INVERTING_VERBS,
    NAMING_VERBS,
    ROLE_NOUNS,
    SPEECH_VERBS,
)
from .tokens import JOINERS

WINDOW: Final = 200  # characters around a name worth reading: keeps long paragraphs linear
_CLAUSE_BREAK: Final = re.compile(r"[,;:.()\[\]“”\"‘!?—–]")
_WORD: Final = re.compile(r"[\w’'-]+")
_DETERMINERS: Final = frozenset("the a an his her their its our my your this that".split())
_APPOSITIVE: Final = re.compile(r"^,\s+(?:(?:the|a|an)\s+)?([^,.;:()“”\"]{3,90}?)\s*(?:,|\.|;|$)")
_AGE: Final = re.compile(r"^,\s+(?:aged\s+)?\d{1,3},")
_AFTER_VERB: Final = re.compile(
    r"^(?:[’']s)?,?\s+(?:has |had |have |also |later |then |previously |last \w+ )?(\w+)"
)
_POSSESSIVE_END: Final = re.compile(r"[’']s?$")
_WHO_AFTER: Final = re.compile(r",?\s+who\s")
_PLACE_PREPOSITION_BEFORE: Final = re.compile(r"\b(?:of|in|at|from|across)\s+(?:the\s+)?$")


def _role_words_before(text: str, start: int) -> list[str]:
    """The words of the clause before a name, back to a determiner or a possessive.

    When the name opens its clause after a comma ("The shadow housing
    secretary, Daniel Whitcombe,"), the clause before the comma is used.
    """
    before = text[max(0, start - WINDOW) : start]
    clauses = _CLAUSE_BREAK.split(before)
    clause = clauses[-1]
    if not clause.strip() and len(clauses) > 1 and before.rstrip().endswith(","):
        clause = clauses[-2]
    words = _WORD.findall(clause)
    while words and words[-1].lower().rstrip(".") in HONORIFICS:
        words.pop()  # "leader Cllr Tom Radley": the title is not part of the role
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word.lower() in _DETERMINERS or _POSSESSIVE_END.search(word):
            return words[i + 1 :]  # "the Mayor of London’s deputy mayor" stops at London’s
    return words


def _may_open_role(word: str) -> bool:
    lowered = word.lower()
    return not (
        lowered in FUNCTION_WORDS
        or lowered in AUXILIARIES
        or lowered in SPEECH_VERBS
        or (lowered.endswith("ed") and word.islower() and lowered not in ROLE_NOUNS)
    )


def role_before(text: str, start: int) -> str:
    """The title written just before a name: "deputy mayor for policing", "Tower Hamlets mayor"."""
    words = _role_words_before(text, start)
    noun = max((i for i, w in enumerate(words) if is_role_word(w)), default=None)
    if noun is None:
        return ""
    tail = words[noun + 1 :]
    if tail and (tail[0].lower() not in JOINERS or len(tail) < 2):
        # "mayor said yesterday Jane Doe": the title does not reach the name;
        # "residents of Tower Hamlets": what follows "of" is not the role holder.
        return ""
    first = noun
    while first > 0 and _may_open_role(words[first - 1]):
        first -= 1
    return " ".join(words[first:])


def role_after(text: str, end: int) -> str:
    """The title in an appositive: "Jane Doe, the council leader, said" gives "council leader"."""
    match = _APPOSITIVE.match(text[end : end + WINDOW])
    if not match:
        return ""
    phrase = match.group(1).strip()
    words = phrase.split()
    if words[0].lower() in {"who", "which", "whose", "whom", "said", "says", "and", "but"}:
        return ""
    if not any(is_role_word(w) for w in words) or len(words) > 10:
        return ""
    return phrase


def has_relative_who(text: str, start: int, end: int) -> bool:
    """ "Bill Harker, who has fished…": only people take "who" (not after "of" or "in",
    where the name is a place: "residents of Tower Hamlets, who …")."""
    if not _WHO_AFTER.match(text[end : end + 8]):
        return False
    before = text[max(0, start - 12) : start]
    return not _PLACE_PREPOSITION_BEFORE.search(before)


def is_role_word(word: str) -> bool:
    """A role noun, including the last part of a compound: "singer-songwriter"."""
    lowered = word.lower().strip("’'")
    return lowered in ROLE_NOUNS or lowered.rsplit("-", 1)[-1] in ROLE_NOUNS


def has_age_after(text: str, end: int) -> bool:
    return bool(_AGE.match(text[end : end + 16]))


def speech_verb_next_to(text: str, start: int, end: int) -> str:
    """A speech verb right after ("Jane Doe said") or right before ("said Jane Doe") a name."""
    after = _AFTER_VERB.match(text[end : end + 60])
    if after and after.group(1).lower() in NAMING_VERBS:
        return after.group(1).lower()
    before = _word_before(text, start).lower()
    return before if before in INVERTING_VERBS else ""


def _word_before(text: str, start: int) -> str:
    r"""The word ending where the white space before ``start`` begins, as far as 30
    characters back: what ``(\w+)\s+$`` finds, without the regular expression
    trying each of the 30 characters as the word's start (3% of a parse)."""
    head = text[max(0, start - 30) : start]
    body = head.rstrip()
    if len(body) == len(head):
        return ""  # no white space before the name
    at = len(body)
    while at and (body[at - 1].isalnum() or body[at - 1] == "_"):
        at -= 1
    return body[at:]


def caption_role(text: str, start: int, end: int) -> str | None:
    """For a caption such as "Tower Hamlets mayor John Biggs", the words before the name.

    None when the name does not end the line; "" when nothing precedes it.
    """
    if text[end:].strip(" ’'s"):
        return None
    return text[:start].strip(" ,:-–—")


def tidy_role(role: str) -> str:
    """Capitalise a role for display: "deputy mayor for policing" -> "Deputy mayor for policing"."""
    role = " ".join(role.split()).strip(" ,;:")
    return role[:1].upper() + role[1:] if role else ""
