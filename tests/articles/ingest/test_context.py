"""The words around a name that make it a speaker (``articles.ingest.context``)."""

import re

from hypothesis import example, given
from hypothesis import strategies as st

from articles.ingest.context import _word_before, speech_verb_next_to

# What "said Jane Doe" means, written as the pattern it was first written as: the
# word just before the white space in front of the name, within 30 characters.
WORD_BEFORE = re.compile(r"(\w+)\s+$")
PIECES = [*"aZé_1²’'-,.:“”()", " ", "  ", "\n", "\t", "\u00a0", "said", "Said", "told", "x" * 40]


def test_a_speech_verb_before_or_after_a_name_is_found():
    text = "“We will appeal,” said Jane Doe. Jane Doe told us, and Mr Roe added, it was late."
    assert speech_verb_next_to(text, 23, 31) == "said"
    assert speech_verb_next_to(text, 33, 41) == "told"
    assert speech_verb_next_to(text, 55, 61) == "added"
    assert speech_verb_next_to("Jane Doe, who said", 0, 8) == ""
    assert speech_verb_next_to("unsaid Jane Doe", 7, 15) == ""


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
@example("x_said ")
@example("2said\n")
@example("said,  ")
@example("said")
def test_the_word_before_a_name_is_the_one_the_pattern_finds(head):
    found = WORD_BEFORE.search(head[-30:])
    assert _word_before(head + "Jane Doe", len(head)) == (found.group(1) if found else "")
