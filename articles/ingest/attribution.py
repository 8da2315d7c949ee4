"""Who said each quote, and what kind of quote it is.

Attribution forms, in the order they are tried::

    pre:      <subject> … <speech verb> [object] (":" | ",") “…”      Ms Linden say: “…”
    post:     “…(, | ? | !)” (<subject> <verb> | <verb> <subject>)     “…,” she said.
    carry:    a quote with no attribution of its own right after a
              quote with a speaker (same paragraph, or the next one)  “…,” he said. “…”
    embedded: narration … “…” inside a sentence: "partial" with the
              sentence's speaking subject, or a "fragment" (≤ 4 words,
              scare quotes) with no speaker

Subjects are names, "Mr/Ms <surname>", pronouns (he/she resolved to the
person the text is about), organisations, and "a council spokesperson"-style
phrases. When none of these resolves, the speaker is None: never a guess.
"""

import re
from dataclasses import dataclass
from typing import Final

from .entities import Entities, Mention, head_of_phrase
from .lexicon import (
    COMPANY_HEADS,
    GENERIC_MODIFIERS,
    GENERIC_ORGANISATION_NOUNS,
    LEADING_PREPOSITIONS,
    ROLE_NOUNS,
    SPEECH_PHRASES,
    SPEECH_VERBS,
    SPOKESPEOPLE,
)
from .parsed import ParsedQuote
from .quotes import QuoteSpan
from .salience import Salience
from .tokens import sentence_of

FRAGMENT_MAX_WORDS: Final = 4
CLAUSE_WINDOW: Final = 400  # characters before a quote that can hold its attribution
_ENDS_ATTRIBUTION: Final = re.compile(r"[:,.—–-]\s*$")
_SPOKESPERSON: Final = re.compile(
    r"\b(?:a|an|the)\s+(?:([\w’'-]+)\s+)?(?:" + "|".join(SPOKESPEOPLE) + r")\b"
    r"(?:\s+(?:for|from|at|of)\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
# "the council", and with one word before the noun: "the ambulance service".
_GENERIC: Final = re.compile(
    r"\bthe\s+(?:([a-z][\w’'-]*)\s+)?(" + "|".join(GENERIC_ORGANISATION_NOUNS) + r")\b",
    re.IGNORECASE,
)
_SPEECH_PHRASE: Final = re.compile(r"\b(?:" + "|".join(SPEECH_PHRASES) + r")\b", re.IGNORECASE)
_TITLED: Final = re.compile(
    r"\bthe\s+(?:[\w’'-]+\s+)?(" + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_ACCORDING_TO: Final = re.compile(r"\s*According to ([^,“\"]{2,60}),", re.IGNORECASE)
_PASSIVE: Final = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$")
_WORD: Final = re.compile(r"[\w’'-]+")
_LOWER_CASE_NEXT: Final = re.compile(r"\s*[a-z]")
_CLAUSE_END: Final = re.compile(r"[.;!?“\"]")


@dataclass(frozen=True)
class Speaker:
    key: str | None
    kind: str | None  # "person", "organisation" or None
    verb: str = ""


NOBODY: Final = Speaker(None, None)


class Attributor:
    """Walks the quotes in reading order, keeping track of who the text is about."""

    def __init__(self, entities: Entities, paragraphs: list[str], short_lines: list[bool]) -> None:
        self.entities = entities
        self.paragraphs = paragraphs
        self.short_lines = short_lines
        self.salience = Salience(entities)

    def attribute(self, spans: list[QuoteSpan]) -> list[ParsedQuote]:
        quotes: list[ParsedQuote] = []
        previous: tuple[QuoteSpan, Speaker] | None = None
        for span in spans:
            self.salience.advance_to(span.first_block, span.open_at)
            kind, speaker = self._classify(span, previous)
            if speaker.key:
                self.salience.note_speaker(speaker.key, span.first_block, span.open_at)
            quotes.append(self._parsed(span, kind, speaker))
            previous = (span, speaker) if kind == "direct" else None
        return quotes

    def _parsed(self, span: QuoteSpan, kind: str, speaker: Speaker) -> ParsedQuote:
        table = self.entities.people if speaker.kind == "person" else self.entities.organisations
        name = table[speaker.key].name if speaker.key else None
        return ParsedQuote(
            text=span.text(self.paragraphs),
            speaker=name,
            speaker_kind=speaker.kind if name else None,
            kind=kind,
            verb=speaker.verb,
            first_block=span.first_block,
            last_block=span.last_block,
        )

    # Classification ------------------------------------------------------------
    def _classify(self, span: QuoteSpan, previous) -> tuple[str, Speaker]:
        words = len(span.text(self.paragraphs).split())
        block, text = span.first_block, self.paragraphs[span.first_block]
        clause_start = self._clause_start(span, previous)
        clause = text[clause_start : span.open_at]
        if clause.strip() and not _ENDS_ATTRIBUTION.search(clause):
            return self._embedded(span, clause_start, words)
        speaker = self._pre(block, clause_start, span.open_at)
        if not speaker.key and not speaker.verb:
            speaker = self._post(span) or speaker
        if not speaker.key and not speaker.verb and not clause.strip():
            speaker = self._from_previous_paragraph(span) or self._carried(span, previous)
        if not speaker.key and not speaker.verb and words <= FRAGMENT_MAX_WORDS:
            return "fragment", NOBODY
        return "direct", speaker

    def _clause_start(self, span: QuoteSpan, previous) -> int:
        """Start of the sentence that leads into the quote, after any earlier quote."""
        text = self.paragraphs[span.first_block]
        _, start = sentence_of(self._sentences(span.first_block), span.open_at)
        if previous and previous[0].last_block == span.first_block:
            start = max(start, previous[0].close_at + 1)
        start = max(start, span.open_at - CLAUSE_WINDOW)  # a lead-in is never this long
        return start if text[start : span.open_at].strip(" “\"‘'") else span.open_at

    def _embedded(self, span: QuoteSpan, clause_start: int, words: int) -> tuple[str, Speaker]:
        if words <= FRAGMENT_MAX_WORDS:
            return "fragment", NOBODY
        clause = self.paragraphs[span.first_block][clause_start : span.open_at]
        according = _ACCORDING_TO.match(clause)
        if according:  # "According to Ms Doe, the plan is “a waste of money”."
            name_start, name_end = [clause_start + at for at in according.span(1)]
            speaker = self._subject(span.first_block, name_start, name_end)
            return "partial", Speaker(speaker.key, speaker.kind, "according to")
        verb_at = _last_speech_verb(clause)
        if verb_at is None or _PASSIVE.search(clause[: verb_at[0]]):
            return "partial", NOBODY
        speaker = self._subject(span.first_block, clause_start, clause_start + verb_at[0])
        return "partial", Speaker(speaker.key, speaker.kind, verb_at[1])

    # Attribution before, after and around the quote -----------------------------
    def _pre(self, block: int, start: int, end: int) -> Speaker:
        clause = self.paragraphs[block][start:end]
        verb_at = _last_speech_verb(clause)
        if verb_at is None:
            return NOBODY
        speaker = self._subject(block, start, start + verb_at[0])
        return Speaker(speaker.key, speaker.kind, verb_at[1])

    def _post(self, span: QuoteSpan) -> Speaker | None:
        text = self.paragraphs[span.last_block]
        inner = text[span.parts[-1].start : span.close_at].rstrip()
        after = text[span.close_at + 1 : span.close_at + 300]
        if not inner or (inner[-1] not in ",?!—–-…" and not _LOWER_CASE_NEXT.match(after)):
            return None
        clause = _CLAUSE_END.split(after, maxsplit=1)[0]
        words = _WORD.finditer(clause)
        for index, word in enumerate(words):
            if index > 8:
                return None
            lowered = word.group().lower()
            if lowered in SPEECH_VERBS or lowered == "according":
                base = span.close_at + 1
                before = self._subject(span.last_block, base, base + word.start())
                if before.key:
                    return Speaker(before.key, before.kind, lowered)
                found = self._subject(span.last_block, base + word.end(), base + len(clause))
                verb = "according to" if lowered == "according" else lowered
                return Speaker(found.key, found.kind, verb)
        return None

    def _from_previous_paragraph(self, span: QuoteSpan) -> Speaker | None:
        """ "Mr Smith added:" closing the paragraph before a quote paragraph."""
        block = span.first_block - 1
        while block >= 0 and self.short_lines[block]:
            block -= 1
        if (
            block < 0
            or span.parts[0].start > 1
            or not self.paragraphs[block].rstrip().endswith(":")
        ):
            return None
        text = self.paragraphs[block]
        _, start = sentence_of(self._sentences(block), len(text.rstrip()) - 1)
        speaker = self._pre(block, start, len(text))
        return speaker if speaker.verb else None

    def _carried(self, span: QuoteSpan, previous) -> Speaker:
        if previous is None or not previous[1].key:
            return NOBODY
        prev_span, prev_speaker = previous
        if prev_span.last_block == span.first_block:
            between = self.paragraphs[span.first_block][prev_span.close_at + 1 : span.open_at]
            return prev_speaker if len(between) < 80 else NOBODY
        block = span.first_block - 1
        while block > prev_span.last_block and self.short_lines[block]:
            block -= 1
        starts_paragraph = span.parts[0].start <= 1
        return prev_speaker if block == prev_span.last_block and starts_paragraph else NOBODY

    # Subjects ------------------------------------------------------------------
    def _subject(self, block: int, start: int, end: int) -> Speaker:
        """The speaker named in text[start:end]: the subject of the speech verb."""
        text = self.paragraphs[block]
        region = text[start:end]
        first_word = region.strip().split(" ", 1)[0].lower() if region.strip() else ""
        if first_word in LEADING_PREPOSITIONS and "," in region:
            start += region.index(",") + 1
            region = text[start:end]
        mentions = [
            m
            for m in self.entities.mentions_between(block, start, end)
            if not m.in_quote and text[m.end : m.end + 2] not in ("’s", "'s")
        ]
        if mentions and _named_then_described(text, start, mentions[0]):
            # "Jane Doe, 44, a representative of the union, said": Jane Doe spoke.
            return self._speaker_for(mentions[0])
        spokes = _SPOKESPERSON.search(region)
        if spokes:
            return self._spokesperson(block, start, end, spokes)
        if mentions:
            head = head_of_phrase(self.entities.article, mentions[0], mentions)
            return self._speaker_for(head)
        generic = _GENERIC.search(region)
        if generic:
            return self._generic_organisation(generic.group(2), generic.group(1))
        titled = _TITLED.search(region)
        return self._person_by_role(titled.group(1)) if titled else NOBODY

    def _person_by_role(self, noun: str) -> Speaker:
        """ "the striker said": the one person in the article with that role."""
        found = [p for p in self.entities.people.values() if noun.lower() in p.role.lower().split()]
        return Speaker(found[0].key, "person") if len(found) == 1 else NOBODY

    def _speaker_for(self, mention: Mention) -> Speaker:
        if mention.kind == "organisation":
            return Speaker(mention.key, "organisation")
        if mention.kind == "pronoun":
            key = self.salience.resolve(mention.key, mention.block, mention.start)
            return Speaker(key, "person") if key else NOBODY
        person = self.entities.promote(mention.key, "speech")
        return Speaker(person.key, "person") if person else NOBODY

    def _spokesperson(self, block: int, start: int, end: int, match) -> Speaker:
        after = self.entities.mentions_between(block, start + match.end(), end)
        orgs = [m for m in after if m.kind == "organisation" and m.start == start + match.end()]
        if orgs:
            return Speaker(orgs[0].key, "organisation")
        owner = match.group(1)
        inside = [
            m
            for m in self.entities.mentions_between(
                block, start + match.start(), start + match.end()
            )
            if m.kind == "organisation"
        ]
        if inside:
            return Speaker(inside[0].key, "organisation")
        following = _WORD.match(self.paragraphs[block][start + match.end() : end])
        for noun in (owner, following.group() if following else None):
            if noun and noun.lower() in GENERIC_ORGANISATION_NOUNS:
                return self._generic_organisation(noun)  # "a spokeswoman for the company"
        return NOBODY

    def _generic_organisation(self, noun: str, modifier: str | None = None) -> Speaker:
        """ "the council" or "a council spokesperson": the one organisation of that sort.

        A word before the noun must be in the name too ("the ambulance service" is
        not the police service), unless it only says what sort ("the local council").
        """
        heads = GENERIC_ORGANISATION_NOUNS.get(noun.lower())
        if heads is None:
            return NOBODY
        orgs = self.entities.organisations.values()
        if "company" in heads:
            found = [o for o in orgs if len(o.words) > 1 and o.words[-1].lower() in COMPANY_HEADS]
        else:
            found = [o for o in orgs if heads & {w.lower() for w in o.words} or o.org_kind in heads]
        if modifier and modifier.lower() not in GENERIC_MODIFIERS:
            found = [o for o in found if modifier.lower() in {w.lower() for w in o.words}]
        return Speaker(found[0].key, "organisation") if len(found) == 1 else NOBODY

    def _sentences(self, block: int) -> list[int]:
        return self.entities.article.sentences[block]


def _named_then_described(text: str, start: int, mention: Mention) -> bool:
    """Whether a clause opens with a person's name followed by a description in commas."""
    opens = not text[start : mention.start].strip()
    described = text[mention.end : mention.end + 1] == ","
    return opens and described and mention.kind in ("person", "candidate")


def _last_speech_verb(clause: str) -> tuple[int, str] | None:
    """(offset, verb) of the last speech verb or phrase ("went on") in a clause, or None."""
    found = None
    for match in _WORD.finditer(clause):
        if match.group().lower() in SPEECH_VERBS:
            found = (match.start(), match.group().lower())
    for match in _SPEECH_PHRASE.finditer(clause):
        if found is None or match.start() > found[0]:
            found = (match.start(), match.group().lower())
    return found
