"""Re-importing: idempotent, and a changed file never overwrites editors' work."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.importer import Outcome, import_article
from articles.models import Article, Block, Quote
from people.models import Person
from tests.articles.parsed_builders import article, organisation, person, quote
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

FIRST = {
    "standfirst": "The council approved its budget.",
    "paragraphs": ("Councillors argued until midnight.", "The vote was close.", "It passed."),
    "byline": "Ann Writer",
    "tags": ("Budget",),
    "people": (person("Jane Okafor", "Ms Okafor"),),
    "quotes": (
        quote("We kept every library open", "Jane Okafor", blocks=(2, 2)),
        quote("This is a bad budget", None, blocks=(3, 3)),
    ),
}


def history_rows() -> int:
    return sum(model.history.count() for model in (Article, Block, Quote, Person))


def reimport(**changes):
    return import_article(parsed=article(**{**FIRST, **changes}))


def test_the_same_file_again_changes_nothing_and_says_so():
    import_article(parsed=article(**FIRST))
    before = (history_rows(), list(Block.objects.values_list("pk", "text")))

    result = import_article(parsed=article(**FIRST))

    assert result.outcome is Outcome.UNCHANGED
    assert (history_rows(), list(Block.objects.values_list("pk", "text"))) == before


def test_force_reimports_an_unchanged_file():
    import_article(parsed=article(**FIRST))
    result = import_article(parsed=article(**FIRST), force=True)
    assert result.outcome is Outcome.UPDATED
    assert Article.objects.count() == 1 and Block.objects.count() == 3


def test_a_changed_file_updates_what_editors_left_alone():
    import_article(parsed=article(**FIRST))
    first_block_ids = list(Block.objects.values_list("pk", flat=True))

    result = reimport(
        byline="Ann Writer and Bo Reporter",
        paragraphs=("Councillors argued until 1am.", "The vote was close.", "It passed.", "Next."),
        tags=("Budget", "Libraries"),
    )

    saved = Article.objects.get()
    assert result.outcome is Outcome.UPDATED and result.kept == ()
    assert saved.byline == "Ann Writer and Bo Reporter"
    assert [b.text for b in saved.blocks.all()] == [
        "Councillors argued until 1am.",
        "The vote was close.",
        "It passed.",
        "Next.",
    ]
    # Block rows are reused in place, so their ids (and links to them) survive.
    assert list(saved.blocks.values_list("pk", flat=True))[:3] == first_block_ids
    assert set(saved.tags.names()) == {"Budget", "Libraries"}
    assert saved.history.first().history_change_reason == "import"


def test_editors_headline_body_and_tags_are_kept_and_listed():
    import_article(parsed=article(**FIRST))
    saved = Article.objects.get()
    saved.headline = "Budget passes after all-night sitting"
    saved.headline_needs_review = False
    saved.save()
    saved.blocks.filter(position=1).update(text="Councillors debated until midnight.")
    saved.tags.set(["Council budget"])

    result = reimport(
        headline="A new made-up headline",
        paragraphs=("Councillors argued till midnight.", "The vote was tight.", "It passed."),
        tags=("Budget", "Finance"),
        byline="Bo Reporter",
    )

    saved.refresh_from_db()
    assert saved.headline == "Budget passes after all-night sitting"
    assert not saved.headline_needs_review
    assert saved.blocks.get(position=1).text == "Councillors debated until midnight."
    assert saved.blocks.get(position=2).text == "The vote was close."  # body kept whole
    assert list(saved.tags.names()) == ["Council budget"]
    assert saved.byline == "Bo Reporter"  # untouched by editors, so updated
    assert set(result.kept) == {
        "the editor's headline",
        "the editor's body text",
        "the editor's tags",
    }


def test_a_kept_field_is_still_kept_on_the_next_import():
    """imported_values keeps what the importer wrote, so the editor's value is never taken
    for the importer's own."""
    import_article(parsed=article(**FIRST))
    Article.objects.update(byline="Edited By Hand")
    reimport(byline="Second Byline")
    reimport(byline="Third Byline")
    assert Article.objects.get().byline == "Edited By Hand"


def test_a_new_provisional_headline_asks_for_review_again():
    import_article(parsed=article(**FIRST))
    Article.objects.update(headline_needs_review=False)  # editor approved it unchanged
    reimport(headline="The council approved its budget at last")
    saved = Article.objects.get()
    assert saved.headline == "The council approved its budget at last"
    assert saved.headline_needs_review


def test_status_and_publication_date_are_never_changed_by_a_reimport():
    import_article(parsed=article(**FIRST))
    later = timezone.now() + timedelta(days=2)
    Article.objects.update(status=Article.Status.REVIEW, published_at=later)

    import_article(parsed=article(**{**FIRST, "byline": "Someone Else"}), publish=True)

    saved = Article.objects.get()
    assert (saved.status, saved.published_at) == (Article.Status.REVIEW, later)


def test_reviewed_quotes_are_kept_relinked_and_not_extracted_again():
    import_article(parsed=article(**FIRST))
    confirmed = Quote.objects.get(text="We kept every library open")
    other_person = PersonFactory(name="Tom Reyes")
    confirmed.status, confirmed.speaker_person = Quote.Status.CONFIRMED, other_person
    confirmed.save()
    rejected = Quote.objects.get(text="This is a bad budget")
    rejected.status = Quote.Status.REJECTED
    rejected.save()

    result = reimport(
        paragraphs=("A new first paragraph.", *FIRST["paragraphs"]),
        quotes=(
            quote("We kept every library open", "Jane Okafor", blocks=(3, 3)),
            quote("This is a bad budget", None, blocks=(4, 4)),
            quote("A new remark", "Jane Okafor", blocks=(1, 1)),
        ),
    )

    assert Quote.objects.count() == 3
    confirmed.refresh_from_db()
    rejected.refresh_from_db()
    assert confirmed.speaker_person == other_person  # the editor's choice stays
    assert confirmed.first_block.text == "The vote was close."  # moved with its paragraph
    assert confirmed.first_block.position == 3
    assert rejected.status == Quote.Status.REJECTED and rejected.first_block.position == 4
    new = Quote.objects.get(text="A new remark")
    assert new.status == Quote.Status.EXTRACTED
    assert [q.text for q in Quote.objects.order_by("position")] == [
        "A new remark",
        "We kept every library open",
        "This is a bad budget",
    ]
    assert "2 reviewed quotes (confirmed or rejected)" in result.kept


def test_extracted_quotes_are_replaced_by_the_new_extraction():
    import_article(parsed=article(**FIRST))
    reimport(quotes=(quote("Only this one now", "Jane Okafor", blocks=(1, 1)),))
    assert list(Quote.objects.values_list("text", flat=True)) == ["Only this one now"]
    [deleted] = Quote.history.filter(history_type="-")
    assert deleted.history_change_reason == "import"


def test_a_reviewed_quote_whose_paragraph_is_gone_is_kept_with_a_warning():
    import_article(parsed=article(**FIRST))
    Quote.objects.filter(text="We kept every library open").update(status="confirmed")
    result = reimport(paragraphs=("Entirely new text.", "Nothing else."), quotes=())

    kept = Quote.objects.get()
    assert kept.text == "We kept every library open" and kept.first_block is None
    assert any("its paragraph is gone" in warning for warning in result.warnings)


def test_mentions_editors_added_stay_and_the_importers_stale_ones_go():
    import_article(parsed=article(**FIRST, organisations=(organisation("Riverside Council"),)))
    saved = Article.objects.get()
    added_by_editor = PersonFactory(name="Tom Reyes")
    saved.people.add(added_by_editor)

    reimport(people=(person("Priya Nair"),), organisations=(organisation("Riverside Council"),))

    names = set(saved.people.values_list("name", flat=True))
    assert names == {"Tom Reyes", "Priya Nair"}  # Jane Okafor is no longer in the text
    assert list(saved.organisations.values_list("name", flat=True)) == ["Riverside Council"]


def test_a_surname_only_person_is_not_duplicated_when_the_same_article_is_reimported():
    """A bare surname links to a person the same article already mentions."""
    first = dict(FIRST, people=(person("Okafor"),), quotes=())
    import_article(parsed=article(**first))
    import_article(parsed=article(**{**first, "byline": "Changed"}))
    assert Person.objects.filter(name="Okafor").count() == 1


def test_dry_run_of_a_changed_file_reports_but_changes_nothing():
    import_article(parsed=article(**FIRST))
    Article.objects.update(headline="Edited")
    result = import_article(
        parsed=article(**{**FIRST, "headline": "New", "byline": "B"}), dry_run=True
    )
    assert result.outcome is Outcome.UPDATED and result.dry_run
    assert result.kept == ("the editor's headline",)
    assert Article.objects.get().byline == "Ann Writer"


def test_when_the_editors_body_is_kept_new_quotes_find_their_paragraphs_by_text():
    import_article(parsed=article(**FIRST))
    saved = Article.objects.get()
    saved.blocks.filter(position=1).update(text="Councillors debated until midnight.")

    reimport(
        paragraphs=("Councillors argued until 2am.", "The vote was close.", "It passed."),
        quotes=(
            quote("Close indeed", "Jane Okafor", blocks=(2, 2)),
            quote("Too late", "Jane Okafor", blocks=(1, 1)),
        ),
    )

    assert saved.blocks.get(position=1).text == "Councillors debated until midnight."
    assert Quote.objects.get(text="Close indeed").first_block.text == "The vote was close."
    # Its paragraph was rewritten by the editor and again in the file: no place, no guess.
    assert Quote.objects.get(text="Too late").first_block is None
