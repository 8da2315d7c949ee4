"""Search snippets and highlights (``articles.highlight``): plain Python, no database."""

import re

from articles.highlight import (
    ELLIPSIS,
    MARK_START,
    MARK_STOP,
    SNIPPET_CHARACTERS,
    Highlighter,
    Match,
    best_stretch,
)


def _marked(text: str) -> list[str]:
    """The words of ``text`` between the highlight markers."""
    return re.findall(f"{MARK_START}(.*?){MARK_STOP}", text)


def _unmarked(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_STOP, "")


def _filler(count: int, word: str = "filler") -> str:
    return " ".join(f"{word}{n}" for n in range(count))


def test_every_form_of_a_word_in_any_case_is_marked_and_nothing_else_changes():
    """Searching "libraries" marks "Library", "LIBRARY", "library's" and "libraries",
    which share its stem, but not "librarian", which does not."""
    text = "The Library (LIBRARY) said: “libraries, and the library's librarian, stay.”"
    marked = Highlighter.for_words(["libraries"]).mark_all(text)
    assert _marked(marked) == ["Library", "LIBRARY", "libraries", "library"]
    assert _unmarked(marked) == text


def test_a_word_is_not_marked_inside_a_longer_word():
    """ "council" marks "Council" and "councils", never part of "subcouncil" or
    "councillor" (another stem)."""
    text = "The subcouncil, councillors and councils met the Council."
    marked = Highlighter.for_words(["council"]).mark_all(text)
    assert _marked(marked) == ["councils", "Council"]


def test_each_of_several_words_is_marked():
    """Every word searched for is marked wherever it appears."""
    marked = Highlighter.for_words(["ferry", "fares"]).mark_all(
        "Ferry fares: the fare for a ferry."
    )
    assert _marked(marked) == ["Ferry", "fares", "fare", "ferry"]


def test_a_snippet_is_cut_around_a_word_far_down_a_long_body():
    """A word 3,000 characters into the body is in the snippet, which is a stretch of
    whole words of about ``SNIPPET_CHARACTERS``, with "…" where the text goes on."""
    body = f"{_filler(300)} The aqueduct reopened on Monday. {_filler(300, 'more')}"
    snippet = Highlighter.for_words(["aqueduct"]).snippet("Works finished early.", body)
    assert snippet.startswith(ELLIPSIS) and snippet.endswith(ELLIPSIS)
    assert f"{MARK_START}aqueduct{MARK_STOP} reopened on Monday." in snippet
    shown = _unmarked(snippet).strip(ELLIPSIS)
    assert len(shown) <= SNIPPET_CHARACTERS + 20
    assert set(shown.split()) <= set(body.split())


def test_a_snippet_never_shows_two_ellipses_in_a_row():
    """Wherever in the body's window a snippet starts, one "…" marks what is left out
    (here the fourth word, not looked for in the body, lands at every place near the
    window's start)."""
    highlighter = Highlighter.for_words(["alpha", "bravo", "charlie", "delta"])
    for gap in range(40, 80):
        body = f"{'x' * 800} delta{' ' * gap}{_filler(2)} alpha {_filler(100)}"
        snippet = highlighter.snippet("A standfirst of some length, a sentence or two.", body)
        assert ELLIPSIS * 2 not in snippet
        assert f"{MARK_START}delta{MARK_STOP}" in snippet


def test_a_snippet_shows_two_words_together_where_they_are_close():
    """Where the words searched for appear together, that stretch is shown, not the
    first place one of them appears alone."""
    body = f"Fares rose. {_filler(100)} Ferry fares will fall in May. {_filler(100)}"
    snippet = Highlighter.for_words(["ferry", "fares"]).snippet("", body)
    assert f"{MARK_START}Ferry{MARK_STOP} {MARK_START}fares{MARK_STOP} will fall" in snippet
    assert "Fares rose" not in snippet


def test_a_word_only_in_the_standfirst_is_marked_there():
    """The standfirst comes first: a word found there is marked in it."""
    snippet = Highlighter.for_words(["marina"]).snippet("Marina plans approved.", _filler(200))
    assert snippet.startswith(f"{MARK_START}Marina{MARK_STOP} plans approved.\n")
    assert snippet.endswith(ELLIPSIS)


def test_with_no_word_found_the_snippet_is_the_beginning_unmarked():
    """A match in the headline only: the snippet is the start of the standfirst and
    the body, unmarked."""
    snippet = Highlighter.for_words(["harbour"]).snippet("Works finished early.", _filler(200))
    assert snippet.startswith("Works finished early.\nfiller0 filler1")
    assert not _marked(snippet)


def test_a_short_text_is_shown_whole_and_empty_text_gives_an_empty_snippet():
    """Nothing is cut from text shorter than a snippet; no text, no snippet."""
    highlighter = Highlighter.for_words(["ferry"])
    assert highlighter.snippet("The ferry.", "It sails.") == (
        f"The {MARK_START}ferry{MARK_STOP}.\nIt sails."
    )
    assert highlighter.snippet("", "") == ""


def test_a_snippet_of_text_without_spaces_stays_short():
    """A body that is one enormous "word" (a pasted link, say) is cut anyway."""
    snippet = Highlighter.for_words(["ferry"]).snippet("", "x" * 5000)
    assert len(snippet) < SNIPPET_CHARACTERS + 100


def test_the_stretch_with_more_different_words_wins_over_an_earlier_one():
    """best_stretch picks the stretch holding both words, though one word comes earlier
    alone, and starts it shortly before the first of them."""
    found = [Match(0, 5, "ferri"), Match(1000, 1005, "ferri"), Match(1010, 1015, "fare")]
    begin, end = best_stretch(found, 5000, size=240, lead=60)
    assert begin == 940 and end == 1180
