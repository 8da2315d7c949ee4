"""The importer issue's acceptance on the two seed articles, through the real command."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article, Block, Quote
from people.models import Organisation, Person

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def imported():
    out = StringIO()
    call_command("import_seeds", str(SEEDS), stdout=out, stderr=StringIO())
    return out.getvalue()


def speaker_of(text_start: str):
    quote = Quote.objects.get(text__startswith=text_start)
    return quote.speaker.name if quote.speaker else None


def test_both_seeds_share_one_row_per_person(imported):
    assert sorted(Person.objects.values_list("name", flat=True)) == [
        "Andy Erlam",
        "John Biggs",
        "Lutfur Rahman",
        "Sophie Linden",
        "Steve O’Connell",
    ]


def test_organisations_appear_once_each_with_their_short_forms(imported):
    def named(name):
        return Organisation.objects.get(name=name)

    met = named("Metropolitan Police")
    assert {"the Met", "Met Police"} <= set(met.aliases.values_list("name", flat=True))
    assert named("Her Majesty’s Inspectorate of Constabulary").acronym == "HMIC"
    assert named("Crown Prosecution Service").acronym == "CPS"
    for name in ("London Assembly", "City Hall", "Solicitors Regulation Authority"):
        named(name)
    assert not Organisation.objects.filter(name="CPS").exists()
    assert Organisation.objects.filter(name__contains="Inspectorate").count() == 1


def test_quotes_are_attributed_as_the_issue_states(imported):
    assert speaker_of("It is right, particularly in cases such as these") == "Sophie Linden"
    assert speaker_of("exercise her powers provided fro in Section 54") == "Sophie Linden"
    assert speaker_of("I welcome the decision.") == "John Biggs"
    assert speaker_of("During our investigation") == "Steve O’Connell"
    assert speaker_of("It is time therefore") == "Steve O’Connell"
    assert speaker_of("Despite a High Court judge") == "John Biggs"
    assert speaker_of("I congratulate the committee") == "Andy Erlam"
    city_hall = Quote.objects.get(text__startswith="We are aware of this matter")
    assert city_hall.speaker_organisation.name == "City Hall"
    assert Quote.objects.get(text__startswith="exercise her powers").kind == "partial"


def test_a_quote_spanning_paragraphs_points_at_its_first_and_last_paragraph(imported):
    quote = Quote.objects.get(text__startswith="I welcome the decision.")
    assert quote.first_block.text.startswith("Mayor of Tower Hamlets John Biggs")
    assert quote.last_block.text.startswith("“Despite considerable scrutiny")
    between = Block.objects.filter(
        article=quote.article,
        position__range=(quote.first_block.position, quote.last_block.position),
    )
    assert [b.kind for b in between].count("caption") == 1


def test_imported_articles_are_drafts_with_provisional_headlines(imported):
    for article in Article.objects.all():
        assert article.status == Article.Status.DRAFT
        assert article.headline_needs_review
        assert article.publication == "The Wharf"
        assert 0 < len(article.headline) <= 100


def test_a_second_run_changes_nothing_and_says_so(imported):
    out = StringIO()
    call_command("import_seeds", str(SEEDS), stdout=out, stderr=StringIO())
    assert "2 unchanged" in out.getvalue()
    assert Person.objects.count() == 5
