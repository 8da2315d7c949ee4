"""Finding quoted passages: marks, paragraphs, and unbalanced input."""

import pytest

from articles.ingest import IngestError
from articles.ingest.quotes import find_quotes

from .conftest import parse


def spans(paragraphs, short=None):
    short = short or [False] * len(paragraphs)
    return [
        (q.first_block, q.last_block, q.text(paragraphs)) for q in find_quotes(paragraphs, short)
    ]


def test_curly_and_straight_quotes_in_one_paragraph():
    assert spans(['She said: “Yes, we will.” He said: "No."']) == [
        (0, 0, "Yes, we will."),
        (0, 0, "No."),
    ]


def test_quote_running_over_paragraphs_is_one_quote():
    paragraphs = ["He said: “First part.", "“Second part.", "“Last part.”", "Narration."]
    assert spans(paragraphs) == [(0, 2, "First part.\n\nSecond part.\n\nLast part.")]


def test_caption_and_subhead_inside_a_running_quote_are_skipped():
    paragraphs = ["She said: “One.", "Council leader Ann Lee", "A subhead", "“Two.”"]
    short = [False, True, True, False]
    assert spans(paragraphs, short) == [(0, 3, "One.\n\nTwo.")]


def test_continuation_may_switch_between_curly_and_straight_marks():
    assert spans(["He said: “One.", '"Two.', "“Three.”"]) == [(0, 2, "One.\n\nTwo.\n\nThree.")]


def test_apostrophes_are_not_quote_marks():
    assert spans(["It’s the council’s decision, said O’Brien’s lawyer."]) == []


def test_single_mark_house_style_tells_apostrophes_from_quotes():
    assert spans(["Mr Lee said: ‘It’s the best decision we’ve made.’ He smiled."]) == [
        (0, 0, "It’s the best decision we’ve made.")
    ]


def test_nested_single_quotes_stay_inside_the_double_quote():
    assert spans(["She said: “I told him ‘never again’ and meant it.”"]) == [
        (0, 0, "I told him ‘never again’ and meant it.")
    ]


def test_quote_interrupted_by_its_attribution_gives_two_quotes():
    assert spans(["“We tried,” she said. “But it was not enough.”"]) == [
        (0, 0, "We tried,"),
        (0, 0, "But it was not enough."),
    ]


def test_quote_never_closed_is_refused_with_the_paragraph_number():
    with pytest.raises(IngestError, match="unbalanced quote marks.*paragraph 2"):
        parse("A story.\n\nShe said: “This never ends.\n\nThe council met on Tuesday.")


def test_quote_open_at_the_end_of_the_article_is_refused():
    with pytest.raises(IngestError, match="unbalanced quote marks"):
        parse("A story.\n\nShe said: “This never ends.")
