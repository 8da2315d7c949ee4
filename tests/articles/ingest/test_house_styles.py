"""The rules on articles written in other outlets' house styles (fixtures/*.txt).

Each expectation was written by hand from reading the fixture, not from the
parser's output: who said each direct or partial quote, in order (the quote
identified by its first four words), and who the people are.
"""

import pytest

from .conftest import people_names, quotes_by_speaker

EXPECTED = {
    "bbc_style_post_attribution.txt": (
        [
            ("Margaret Okafor", "We got this wrong"),
            ("Margaret Okafor", "Residents deserve better than"),
            ("Paul Hendricks", "Our crews have been"),
            ("Paul Hendricks", "We warned the council"),
            ("Anita Brooks", "The smell is unbearable"),
        ],
        ["Margaret Okafor", "Paul Hendricks", "Anita Brooks"],
    ),
    "guardian_style_added.txt": (
        [
            ("Daniel Whitcombe", "Ministers have given up"),
            ("Department for Levelling Up", "We are on track"),
            ("Rosa Delgado", "Every week we hear"),
        ],
        ["Daniel Whitcombe", "Rosa Delgado"],
    ),
    "us_style_according_to.txt": (
        [
            ("Carla Jimenez", "This is the most"),
            ("Carla Jimenez", "No family should have"),
            ("Frank Delaney", "I support clean water,"),
            ("Frank Delaney", "What I don't support"),
        ],
        ["Carla Jimenez", "Frank Delaney"],
    ),
    "council_cllr_spokesperson.txt": (
        [
            ("Priya Sharma", "We have listened. Libraries"),
            ("Tom Radley", "Residents should never have"),
            ("Helen Marsh", "We are delighted, but"),
        ],
        ["Priya Sharma", "Tom Radley", "Helen Marsh"],
    ),
    "court_report_ages.txt": (
        [
            ("Simon Adeyemi", "This was a calculated"),
            ("Michael Thornton", "You were trusted by"),
            ("Ryan Boyd", "I hope this sentence"),
        ],
        ["Deborah Finch", "Simon Adeyemi", "Laura Kent", "Michael Thornton", "Ryan Boyd"],
    ),
    "single_quote_house_style.txt": (
        [
            ("Joanna Pryce", "It's the best decision"),
            ("Gary Lomas", "I was worried I"),
            ("Gary Lomas", "But the school's office"),
        ],
        ["Joanna Pryce", "Gary Lomas"],
    ),
    "sport_told_sky.txt": (
        [
            ("Steve Mackenzie", "We are not finished,"),
            ("Steve Mackenzie", "The players showed character"),
            ("Leon Asante", "It was a great"),
            ("Leon Asante", "The gaffer told us"),
        ],
        ["Steve Mackenzie", "Leon Asante", "Joe Birch"],
    ),
    "nhs_acronym_statement.txt": (
        [
            ("Fiona Gallagher", "Nobody goes into nursing"),
            ("Calderbridge Hospitals NHS Trust", "We value our nursing"),
            ("Calderbridge Hospitals NHS Trust", "Patient safety will remain"),
        ],
        ["Fiona Gallagher"],
    ),
    "shared_surname.txt": (
        # "Ms Clarke" and "he" cannot be told apart from the text alone: no guess.
        [(None, "We never expected this,"), (None, "We just wanted to"), (None, "We sold out by")],
        ["Emma Clarke", "James Clarke"],
    ),
    "unnamed_speakers.txt": (
        [(None, "This is the only"), (None, "It's a disgrace,")],
        [],
    ),
    "front_matter_resumed_quote.txt": (
        [
            ("Alasdair Munro", "This is a devastating"),
            ("Alasdair Munro", "People rely on the"),
            ("Karen Doyle", "We know how much"),
            ("Karen Doyle", "We are recruiting and"),
        ],
        ["Alasdair Munro", "Karen Doyle"],
    ),
    "single_line_breaks.txt": (
        [("Kevin Osei", "Doris knows every customer"), ("Doris Whitfield", "Why would I stop?")],
        ["Doris Whitfield", "Kevin Osei"],
    ),
    "nested_and_two_women.txt": (
        [
            ("Nadia Rahimi", "We consulted parents in"),
            ("Linda Harcourt", "Parents were told, not"),
            ("Linda Harcourt", "That is not consultation."),
        ],
        ["Linda Harcourt", "Nadia Rahimi"],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_quotes_and_speakers(fixture_article, name):
    assert quotes_by_speaker(fixture_article(name)) == EXPECTED[name][0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_people_found_once_each(fixture_article, name):
    assert people_names(fixture_article(name)) == EXPECTED[name][1]


def test_multi_paragraph_quote_resumed_after_its_attribution(fixture_article):
    article = fixture_article("front_matter_resumed_quote.txt")
    resumed = article.quotes[1]
    assert (resumed.first_block, resumed.last_block) == (2, 3)
    assert resumed.text.endswith("We were given no warning at all.")


def test_single_line_break_article_drops_its_footer(fixture_article):
    article = fixture_article("single_line_breaks.txt")
    assert article.dropped == ("Keep up to date with all our stories on Facebook",)
    assert len(article.blocks) == 6
