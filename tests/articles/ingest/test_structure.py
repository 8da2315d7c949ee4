"""Paragraphs, front matter, footers, block kinds and the provisional headline."""

import pytest

from articles.ingest.structure import derive_headline, layout, split_paragraphs

from .conftest import parse

STORY = (
    "The county council has approved a new bus route linking three villages to the town centre.\n\n"
    "The route will run every hour from May.\n\n"
    "A long wait\n\n"
    "Residents have campaigned for a service since the last route closed in 2015.\n\n"
    "Follow the Valley Gazette on Twitter and Instagram @valleygazette\n\n"
    "Keep up to date with all our stories on Facebook"
)


def test_paragraphs_are_split_on_blank_lines():
    assert split_paragraphs("One paragraph.\n\nTwo paragraph.\n\n\n\nThree.") == [
        "One paragraph.",
        "Two paragraph.",
        "Three.",
    ]


def test_single_line_breaks_also_separate_paragraphs():
    text = "First paragraph ends here.\nSecond paragraph ends here.\nA subhead\nThird one."
    assert split_paragraphs(text) == [
        "First paragraph ends here.",
        "Second paragraph ends here.",
        "A subhead",
        "Third one.",
    ]


def test_hard_wrapped_lines_are_joined_back_into_one_paragraph():
    text = (
        "The council voted on Tuesday night to approve the plan for a new\n"
        "library in the town centre, ending a dispute that had lasted more\n"
        "than three years."
    )
    assert split_paragraphs(text) == [" ".join(text.split())]


def test_windows_line_endings_and_byte_order_mark_are_accepted():
    article = parse("\ufeffFirst paragraph of the story.\r\n\r\nSecond paragraph here.\r\n")
    assert [b.text for b in article.blocks] == [
        "First paragraph of the story.",
        "Second paragraph here.",
    ]


def test_footer_lines_are_dropped_and_name_the_publication():
    article = parse(STORY)
    assert article.dropped == (
        "Follow the Valley Gazette on Twitter and Instagram @valleygazette",
        "Keep up to date with all our stories on Facebook",
    )
    assert article.publication == "the Valley Gazette"
    assert all("Twitter" not in b.text and "Facebook" not in b.text for b in article.blocks)


def test_follow_us_footer_names_no_publication():
    shape = layout("A story about a fair in the park.\n\nFollow us on Twitter @fairnews")
    assert shape.dropped == ("Follow us on Twitter @fairnews",)
    assert shape.publication == ""


def test_first_paragraph_is_the_standfirst_and_block_zero():
    article = parse(STORY)
    assert article.standfirst == article.blocks[0].text
    assert article.standfirst.startswith("The county council has approved")


def test_short_line_without_full_stop_between_paragraphs_is_a_subhead():
    article = parse(STORY)
    assert [(b.kind, b.text) for b in article.blocks if b.kind != "paragraph"] == [
        ("subhead", "A long wait")
    ]


def test_front_matter_is_used_and_not_part_of_the_body():
    article = parse(
        "Headline: Bus route approved\nByline: Jo Bloggs\nPublished: 2026-03-01\n"
        "Tags: transport, villages\n\n"
        "The county council has approved a new bus route.\n\nIt starts in May."
    )
    assert article.headline == "Bus route approved"
    assert article.headline_is_provisional is False
    assert article.byline == "Jo Bloggs"
    assert article.published_at.date().isoformat() == "2026-03-01"
    assert article.tags == ("transport", "villages")
    assert article.blocks[0].text == "The county council has approved a new bus route."


def test_a_sentence_with_a_colon_is_not_front_matter():
    article = parse("Chairman Ann Lee said: “We will decide soon.”\n\nThe vote is on Monday.")
    assert article.blocks[0].text.startswith("Chairman Ann Lee said:")


def test_by_line_opening_the_article_becomes_the_byline():
    article = parse("By Jo Bloggs\n\nThe county council has approved a new route.\n\nMore.")
    assert article.byline == "Jo Bloggs"
    assert article.standfirst == "The county council has approved a new route."


@pytest.mark.parametrize(
    "standfirst",
    [
        "The widely criticised handling of the flooding crisis by the Environment Agency will be "
        "examined by a parliamentary committee (EFRA), the body said.",
        "A council has apologised after thousands of residents in Northfield were left without "
        "bin collections for three weeks.",
        "Short one.",
    ],
)
def test_provisional_headline_is_short_whole_words_without_trailing_punctuation(standfirst):
    headline = derive_headline(standfirst)
    assert 0 < len(headline) <= 100
    assert standfirst.startswith(headline)  # whole words from the start, nothing invented
    assert headline[-1].isalnum()
    assert headline.split()[-1].lower() not in {"of", "the", "by", "be", "will", "a", "to"}


def test_article_without_headline_gets_a_provisional_one_marked_for_review():
    article = parse(STORY)
    assert article.headline_is_provisional is True
    assert article.headline.startswith("The county council has approved a new bus route")


def test_short_first_line_above_a_real_paragraph_is_taken_as_the_headline():
    article = parse(
        "Bus route linking three villages approved\n\n"
        "The county council has approved a new bus route linking three villages to the "
        "town centre after a long campaign by residents.\n\nIt starts in May."
    )
    assert article.headline == "Bus route linking three villages approved"
    assert article.headline_is_provisional is False
    assert article.standfirst.startswith("The county council has approved")
