"""Who the text is talking about at each point: the antecedents of "he" and "she".

A pronoun refers to the most recent person of a compatible gender, preferring
one who was the subject of a sentence ("Mr Smith has written to Jane Doe … He
said:" is Mr Smith's). Speakers of quotes count as subjects. Mentions inside
quoted speech are ignored: "we" and "I" there belong to the speaker.
"""

from bisect import bisect_left
from dataclasses import dataclass
from typing import Final

from .entities import Article, Entities, Entity, Mention, head_of_phrase
from .lexicon import AUXILIARIES, LEADING_PREPOSITIONS, SPEECH_VERBS
from .tokens import Token, sentence_of

LOOKBACK: Final = 12  # mentions; antecedents in news copy are close by


class Salience:
    def __init__(self, entities: Entities):
        self.entities = entities
        short_lines = entities.article.short_lines
        # Quoted speech and photo captions are not what "he" and "she" refer back to.
        self.mentions = [
            m for m in entities.mentions if not m.in_quote and not short_lines[m.block]
        ]
        self.subjects = _sentence_subjects(entities, self.mentions)
        self.history: list[tuple[str, bool]] = []
        self.resolved: dict[tuple[int, int], str | None] = {}
        self.index = 0

    def advance_to(self, block: int, offset: int) -> None:
        """Read every mention before (block, offset) into the history."""
        while self.index < len(self.mentions):
            mention = self.mentions[self.index]
            if (mention.block, mention.start) >= (block, offset):
                return
            self.index += 1
            is_subject = (mention.block, mention.start) in self.subjects
            if mention.kind == "pronoun":
                if not is_subject:
                    continue  # "X said she was…": too often someone other than X
                key = self._lookup(mention.key)
                self.resolved[(mention.block, mention.start)] = key
                if key:
                    self.history.append((key, is_subject))
            elif mention.kind in ("person", "candidate", "ambiguous"):
                self.history.append((mention.key, is_subject))

    def note_speaker(self, key: str, block: int, offset: int) -> None:
        self.advance_to(block, offset)
        self.history.append((key, True))

    def resolve(self, gender: str, block: int, offset: int) -> str | None:
        """The person a pronoun that attributes speech ("she said") refers to."""
        if (block, offset) in self.resolved:
            return self.resolved[(block, offset)]
        self.advance_to(block, offset)
        key = self._lookup(gender)
        self.resolved[(block, offset)] = key
        return key

    def _lookup(self, gender: str) -> str | None:
        """The latest compatible subject; a subject that is not a known person
        (an unrecognised name, an ambiguous surname) means the answer is unclear."""
        fallback: Entity | None = None
        for key, is_subject in reversed(self.history[-LOOKBACK:]):
            person = self.entities.people.get(key)
            if person is None:
                if is_subject:
                    return None
                continue
            if person.gender not in (gender, None):
                continue
            if is_subject or fallback is None:
                if is_subject:
                    return self._settle(person, gender)
                fallback = person
        return self._settle(fallback, gender) if fallback else None

    @staticmethod
    def _settle(person: Entity, gender: str) -> str:
        """Once "he" has meant this person, "she" will not."""
        if not person.genders:
            person.genders.add(gender)
        return person.key


def _sentence_subjects(entities: Entities, mentions: list[Mention]) -> set[tuple[int, int]]:
    """Positions of mentions that are the subject of their sentence.

    The subject is the first named person, organisation or pronoun with no verb
    before it; a name that is not (yet) known to be anything counts only when
    no such mention exists ("Western Isles Ferries chief executive Karen Doyle
    apologised": Karen Doyle).
    """
    article = entities.article
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    sentences: dict[tuple[int, int], _Sentence] = {}
    for mention in mentions:
        number, start = sentence_of(article.sentences[mention.block], mention.start)
        sentence = sentences.get((mention.block, number))
        if sentence is None:
            sentence = sentences[(mention.block, number)] = _Sentence.read(
                article, mention.block, number
            )
        if sentence.no_verb_before(mention.start):
            by_sentence.setdefault((mention.block, number), []).append(mention)
    subjects = set()
    for candidates in by_sentence.values():
        known = [m for m in candidates if m.kind != "candidate"]
        chosen = (known or candidates)[0]
        head = head_of_phrase(article, chosen, candidates)
        subjects.add((head.block, head.start))
    return subjects


@dataclass(frozen=True)
class _Sentence:
    """What "no verb before this mention" needs, read once per sentence.

    Checking each mention by rescanning its sentence from the start is
    quadratic in a long sentence full of names; this is linear.
    """

    start: int
    first: Token | None  # the first word outside quoted speech
    comma: int  # the first comma, or -1
    verbs: list[int]  # starts of verb-like words outside quoted speech, in order

    @classmethod
    def read(cls, article: Article, block: int, number: int) -> "_Sentence":
        starts = article.sentences[block]
        start = starts[number]
        paragraph = article.paragraphs[block]
        end = starts[number + 1] if number + 1 < len(starts) else len(paragraph)
        tokens = article.unquoted_tokens_between(block, start, end)
        verbs = [
            t.start
            for t in tokens
            if t.lower in AUXILIARIES or t.lower in SPEECH_VERBS or _past_tense(t.text)
        ]
        first = tokens[0] if tokens else None
        return cls(start, first, paragraph.find(",", start, end), verbs)

    def no_verb_before(self, offset: int) -> bool:
        """No verb between the sentence start (or, after a leading preposition, its
        first comma) and ``offset``."""
        since = self.start
        first = self.first
        leading = first is not None and first.start < offset and first.lower in LEADING_PREPOSITIONS
        if leading and 0 <= self.comma < offset:
            since = self.comma + 1
        index = bisect_left(self.verbs, since)
        return index == len(self.verbs) or self.verbs[index] >= offset


def _past_tense(word: str) -> bool:
    return len(word) > 4 and word.endswith("ed") and word.islower()
