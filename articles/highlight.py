"""Search snippets: where the words searched for are in a result's text, the stretch
of it a results page shows, and each of those words between the highlight markers.

Plain Python, text in and marked text out. Words match as PostgreSQL's full-text
search matches them, by their English Snowball stem, case aside ("Libraries" marks
"library"); the caller leaves out stop words, which search never matches.

Only the words that start as a searched word's stem does (less its last letter,
which the stemmer may have changed: "librari" for "library") are stemmed, and
they are found by substring search, in C: stemming every word of twenty
snippets took longer than PostgreSQL took to find the articles. PostgreSQL's
``ts_headline`` made the snippets until the search sent the text instead:
parsing and stemming twenty results there took 2.5 of the common word search's
8.6 ms of SQL (`make bench`).
"""

import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import Stemmer

MARK_START, MARK_STOP = "\ue000", "\ue001"  # private-use characters, never searched for
ELLIPSIS = "…"
SNIPPET_CHARACTERS = 240  # about 40 words: two or three lines of a results page
SNIPPET_LEAD = 60  # at most, before the first word found: the sentence it is in
# An article's snippet is the best stretch of its standfirst and of a window of its
# body around the first words searched for that the body holds.
WINDOW_CHARACTERS = 400
WINDOW_LEAD = 120  # of them before the word
WINDOW_SPAN = 3000  # from the first word searched for to the last, at most
LOCATED_WORDS = 3  # the query's first words looked for in the body: each is a scan of it
LONGEST_WORD = 40  # a cut moves out to the end of the word it falls in, if no longer
WORD = re.compile(r"\w+")

_stemmers = threading.local()  # a PyStemmer stemmer must not be shared between threads


def stem(word: str) -> str:
    """``word``'s English Snowball stem, as PostgreSQL's ``english_stem`` makes it."""
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = Stemmer.Stemmer("english")
    return stemmer.stemWord(word.lower())


class Match(NamedTuple):
    start: int
    end: int
    stem: str


@dataclass(frozen=True)
class Highlighter:
    """Finds and marks the words of a text sharing a stem with one of the words it was
    made for (``for_words``)."""

    stems: frozenset[str]
    located: frozenset[str]  # the stems of the query's first words, looked for in a body

    @classmethod
    def for_words(cls, words: Iterable[str]) -> "Highlighter":
        stems = [stem(word) for word in dict.fromkeys(word.lower() for word in words)]
        return cls(frozenset(stems), frozenset(stems[:LOCATED_WORDS]))

    def matches(self, text: str) -> list[Match]:
        """The matching words of ``text``, in order."""
        return sorted(match for each in self.stems for match in _matching(text, each))

    def mark_all(self, text: str) -> str:
        """All of ``text``, each matching word marked (a quote, shown whole)."""
        return mark(text, self.matches(text))

    def snippet(self, lead: str, body: str) -> str:
        """About ``SNIPPET_CHARACTERS`` of ``lead`` (a standfirst) and ``body``, in
        whole words, holding as many of the words as fit, each marked; "…" where
        the text goes on."""
        text = "\n".join(part for part in (lead, self._window(body)) if part)
        found = self.matches(text)
        begin, end = best_stretch(found, len(text), size=SNIPPET_CHARACTERS, lead=SNIPPET_LEAD)
        begin, end = whole_words(text, begin, end)
        shown = [
            match._replace(start=match.start - begin, end=match.end - begin)
            for match in found
            if begin <= match.start < end
        ]
        # Not where the window's own "…" already says so.
        before = ELLIPSIS if begin > 0 and not text.startswith(ELLIPSIS, begin) else ""
        after = ELLIPSIS if end < len(text) else ""
        return f"{before}{mark(text[begin:end], shown)}{after}"

    def _window(self, body: str) -> str:
        """The stretch of ``body`` from a little before the first of the first
        ``LOCATED_WORDS`` words it holds to a little after the last, in whole words;
        its beginning if it holds none of them (they are in the headline or
        standfirst). "…" stands for what it leaves out."""
        places = [place for each in self.located if (place := _first(body, each)) is not None]
        first, last = min(places, default=0), max(places, default=0)
        start = max(first - WINDOW_LEAD, 0)
        reach = max(last + WINDOW_CHARACTERS - WINDOW_LEAD - start, WINDOW_CHARACTERS)
        start, end = whole_words(body, start, start + min(reach, WINDOW_SPAN))
        before = f"{ELLIPSIS} " if start > 0 else ""
        after = f" {ELLIPSIS}" if end < len(body) else ""
        return f"{before}{body[start:end].strip()}{after}"


def _matching(text: str, target: str) -> Iterator[Match]:
    """The words of ``text`` whose stem is ``target``, in lower case, capitalised or in
    capitals (not otherwise: lower-casing a body with curly quotes in it took longer
    than all the rest), in order for each of those three forms."""
    for form in _forms(target):
        yield from _matching_form(text, form, target)


def _first(text: str, target: str) -> int | None:
    """Where the first word of ``text`` whose stem is ``target`` starts, if any."""
    firsts = (next(_matching_form(text, form, target), None) for form in _forms(target))
    return min((match.start for match in firsts if match), default=None)


def _forms(target: str) -> set[str]:
    """What a word with the stem ``target`` starts with: the stem less its last letter,
    which the stemmer may have changed ("librari" for "library"), in three cases."""
    prefix = target[:-1] if len(target) > 3 else target
    return {prefix, prefix.capitalize(), prefix.upper()}


def _matching_form(text: str, form: str, target: str) -> Iterator[Match]:
    for place in _words_starting(text, form):
        word = WORD.match(text, place).group()
        if stem(word) == target:
            yield Match(place, place + len(word), target)


def _words_starting(text: str, prefix: str) -> Iterator[int]:
    """Where the words of ``text`` that start with ``prefix`` start, in order."""
    place = text.find(prefix)
    while place != -1:
        if place == 0 or not WORD.match(text, place - 1):  # not inside a word
            yield place
        place = text.find(prefix, place + len(prefix))


def best_stretch(found: list[Match], length: int, *, size: int, lead: int) -> tuple[int, int]:
    """``[begin, end)``: at most ``size`` characters of a text ``length`` long holding
    as many different stems of ``found`` as any such stretch, the earliest; beginning
    at most ``lead`` characters before its first match, going on after its last as
    far as ``size`` allows; the beginning of the text if nothing was found."""
    held: Counter[str] = Counter()
    best, best_span, left = 0, (0, 0), 0
    for right, match in enumerate(found):
        held[match.stem] += 1
        while left < right and match.end - found[left].start > size:
            held[found[left].stem] -= 1
            if not held[found[left].stem]:
                del held[found[left].stem]
            left += 1
        if len(held) > best:
            best, best_span = len(held), (found[left].start, match.end)
    first, last = best_span
    begin = max(first - lead, last - size, 0) if best else 0
    end = min(begin + size, length)
    return max(min(begin, end - size), 0), end  # near the end, more before


def whole_words(text: str, begin: int, end: int) -> tuple[int, int]:
    """``begin`` and ``end`` moved out to the spaces around the words they cut, with
    the punctuation touching them; in past a word longer than ``LONGEST_WORD``."""
    return _to_space(text, begin, -1), _to_space(text, end, 1)


def _to_space(text: str, place: int, step: int) -> int:
    """``place`` moved by ``step`` to the nearest space or end of ``text``, unless
    that is further than ``LONGEST_WORD``: then the other way."""
    for direction in (step, -step):
        moved = place
        while 0 < moved < len(text) and not text[moved - (direction < 0)].isspace():
            moved += direction
            if abs(moved - place) > LONGEST_WORD:
                break
        else:
            return moved
    return place


def mark(text: str, matches: list[Match]) -> str:
    """``text`` with each of ``matches`` (in order, not overlapping) between the markers."""
    parts, cursor = [], 0
    for match in matches:
        parts += [text[cursor : match.start], MARK_START, text[match.start : match.end], MARK_STOP]
        cursor = match.end
    parts.append(text[cursor:])
    return "".join(parts)
