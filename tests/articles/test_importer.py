"""The loader persists a parsed article: body, quotes, mentions, history, signal."""

from datetime import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from articles.importer import Outcome, import_article
from articles.importer.quotes import QuoteWriter
from articles.ingest import IngestError
from articles.models import Article, Block, Quote
from articles.signals import articles_imported
from people.models import Organisation, Person
from tests.articles.parsed_builders import article, organisation, person, quote

pytestmark = pytest.mark.django_db


def test_new_article_is_a_draft_with_the_standfirst_apart_from_the_body_blocks():
    """Block 0 becomes the standfirst; blocks 1..n become Block rows at the parser's index."""
    parsed = article(
        standfirst="Riverside council approved its budget.",
        paragraphs=("Councillors argued late.", ("subhead", "A close vote"), "It passed."),
        byline="Ann Writer",
        publication="The Riverside Echo",
    )
    result = import_article(parsed=parsed, publish=False, dry_run=False)

    saved = Article.objects.get()
    assert result.outcome is Outcome.CREATED and result.article_id == saved.pk
    assert saved.status == Article.Status.DRAFT and saved.published_at is None
    assert saved.standfirst == "Riverside council approved its budget."
    assert (saved.byline, saved.publication) == ("Ann Writer", "The Riverside Echo")
    assert saved.headline == parsed.headline and saved.headline_needs_review
    assert (saved.source_file, saved.source_checksum) == (parsed.source, parsed.checksum)
    assert [(b.position, b.kind, b.text) for b in saved.blocks.all()] == [
        (1, "paragraph", "Councillors argued late."),
        (2, "subhead", "A close vote"),
        (3, "paragraph", "It passed."),
    ]


def test_given_headline_does_not_need_review_and_slug_is_unique():
    """A headline from front matter is not flagged; a clashing slug gets a suffix."""
    headline = "Budget passes"
    import_article(parsed=article(source="a.txt", headline=headline, headline_is_provisional=False))
    import_article(parsed=article(source="b.txt", headline=headline, standfirst="Another story."))

    first, second = Article.objects.order_by("pk")
    assert not first.headline_needs_review
    assert (first.slug, second.slug) == ("budget-passes", "budget-passes-2")


def test_publish_dates_the_article_now_unless_the_text_gives_a_date():
    before = timezone.now()
    import_article(parsed=article(source="now.txt"), publish=True)
    dated = datetime(2024, 3, 5, 9, 30)  # naive, as front matter gives it
    import_article(parsed=article(source="dated.txt", published_at=dated), publish=True)

    now_article = Article.objects.get(source_file="now.txt")
    dated_article = Article.objects.get(source_file="dated.txt")
    assert now_article.status == Article.Status.PUBLISHED
    assert before <= now_article.published_at <= timezone.now()
    assert dated_article.published_at == timezone.make_aware(dated)
    assert list(Article.objects.published().order_by("pk")) == [now_article, dated_article]


def test_quotes_point_at_the_blocks_they_span_and_at_their_speakers():
    parsed = article(
        paragraphs=("One.", "Two.", "Three.", "Four."),
        people=(person("Jane Okafor"),),
        organisations=(organisation("Riverside Borough Council"),),
        quotes=(
            quote("We kept every library open", "Jane Okafor", blocks=(2, 4)),
            quote("a budget for everyone", None, blocks=(0, 0), kind="partial", verb=""),
            quote(
                "We will respond in due course",
                "Riverside Borough Council",
                speaker_kind="organisation",
                blocks=(1, 1),
                verb="told",
            ),
        ),
    )
    import_article(parsed=parsed)

    spanning = Quote.objects.get(text="We kept every library open")
    in_standfirst = Quote.objects.get(text="a budget for everyone")
    by_council = Quote.objects.get(text="We will respond in due course")
    assert (spanning.first_block.text, spanning.last_block.text) == ("Two.", "Four.")
    assert spanning.speaker.name == "Jane Okafor"
    assert in_standfirst.first_block is None and in_standfirst.speaker is None
    assert (in_standfirst.kind, in_standfirst.verb) == ("partial", "")
    assert by_council.speaker_organisation.name == "Riverside Borough Council"
    assert by_council.speaker_person is None and by_council.verb == "told"
    assert {q.status for q in Quote.objects.all()} == {Quote.Status.EXTRACTED}
    # Position is the order in the article: standfirst, then block 1, then block 2.
    assert list(Quote.objects.order_by("position")) == [in_standfirst, by_council, spanning]


def test_people_and_organisations_become_rows_with_aliases_role_and_mentions():
    parsed = article(
        people=(person("Steve O’Connell", "Mr O’Connell", role="Chairman"),),
        organisations=(
            organisation("Crown Prosecution Service", "CPS", acronym="CPS", kind="court"),
        ),
    )
    import_article(parsed=parsed)

    steve = Person.objects.get()
    cps = Organisation.objects.get()
    assert (steve.name, steve.role, steve.slug) == ("Steve O’Connell", "Chairman", "steve-oconnell")
    assert [a.name for a in steve.aliases.all()] == ["Mr O’Connell"]
    assert steve.aliases.get().normalized == "mr o'connell"
    assert (cps.acronym, cps.kind) == ("CPS", "court")
    # The acronym is in the acronym field, so it is not repeated as an alias.
    assert not cps.aliases.exists()
    saved = Article.objects.get()
    assert list(saved.people.all()) == [steve] and list(saved.organisations.all()) == [cps]


def test_a_quote_whose_speaker_is_not_among_the_people_has_no_speaker_and_a_warning():
    parsed = article(quotes=(quote("We object", "Nobody Known", blocks=(1, 1)),))
    result = import_article(parsed=parsed)

    assert Quote.objects.get().speaker is None
    assert any("Nobody Known" in warning for warning in result.warnings)
    assert not Person.objects.exists()


def test_parser_warnings_and_dropped_footer_lines_are_reported():
    parsed = article(
        dropped=("Follow The Echo on Twitter",), warnings=("unbalanced quote in block 3",)
    )
    result = import_article(parsed=parsed)
    assert "unbalanced quote in block 3" in result.warnings
    assert any("Follow The Echo on Twitter" in warning for warning in result.warnings)


def test_import_is_recorded_in_history_with_the_reason_import():
    """Bulk writes still leave history rows, so editors see what the importer did."""
    parsed = article(
        people=(person("Jane Okafor", "Ms Okafor"),),
        quotes=(quote("We kept every library open", "Jane Okafor"),),
    )
    import_article(parsed=parsed)

    saved = Article.objects.get()
    jane = Person.objects.get()
    records = [
        saved.history.get(),
        *Block.history.all(),
        Quote.history.get(),
        jane.history.get(),
        jane.aliases.get().history.get(),
    ]
    assert len(records) == 6
    assert {(r.history_type, r.history_change_reason) for r in records} == {("+", "import")}
    assert all(r.history_user is None and r.history_date is not None for r in records)


def test_the_history_of_an_imported_row_holds_its_values_as_imported():
    """What admin's history shows (and reverts to) for a quote and its paragraphs is what
    the importer wrote."""
    parsed = article(
        people=(person("Jane Okafor", "Ms Okafor"),),
        quotes=(quote("We kept every library open", "Jane Okafor"),),
    )
    import_article(parsed=parsed)

    saved_quote = Quote.objects.get()
    record = saved_quote.history.get().instance
    assert (record.text, record.speaker_person_id, record.kind, record.first_block_id) == (
        "We kept every library open",
        Person.objects.get().pk,
        saved_quote.kind,
        saved_quote.first_block_id,
    )
    for block in Block.objects.all():
        assert (block.history.get().text, block.history.get().position) == (
            block.text,
            block.position,
        )


def test_listeners_hear_about_the_article_once_its_transaction_has_committed(
    django_capture_on_commit_callbacks,
):
    heard = []

    def listener(sender, article_ids, **kwargs):
        heard.append(article_ids)

    articles_imported.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            result = import_article(parsed=article())
        assert heard == []  # nothing before the commit
        for callback in callbacks:
            callback()
    finally:
        articles_imported.disconnect(listener)
    assert heard == [[result.article_id]]


def test_dry_run_resolves_and_reports_but_writes_nothing(django_capture_on_commit_callbacks):
    Person.objects.create(name="Jane Okafor")
    parsed = article(people=(person("Jane Okafor"), person("Tom Reyes")))

    with django_capture_on_commit_callbacks() as callbacks:
        result = import_article(parsed=parsed, dry_run=True)

    assert result.outcome is Outcome.CREATED and result.dry_run
    assert (result.people_created, result.people_linked) == (("Tom Reyes",), ("Jane Okafor",))
    assert not Article.objects.exists() and not Block.objects.exists()
    assert list(Person.objects.values_list("name", flat=True)) == ["Jane Okafor"]
    assert callbacks == []


@pytest.mark.parametrize(
    ("parsed", "reason"),
    [
        (article(headline="x" * 300), "headline is 300 characters long, over the 255 limit"),
        (article(quotes=(quote("Hi", blocks=(1, 9)),)), "quote 1 spans blocks 1–9"),
        (article(quotes=(quote("Hi", kind="shouted"),)), "quote 1 has unknown kind"),
        (article(paragraphs=(("table", "1 | 2"),)), "block 1 has unknown kind"),
        (article(people=(person("A " * 150),)), "person name"),
    ],
)
def test_a_parsed_article_the_database_cannot_hold_is_refused_before_any_write(parsed, reason):
    with pytest.raises(IngestError, match=reason):
        import_article(parsed=parsed)
    assert not Article.objects.exists() and not Person.objects.exists()


def test_a_failure_while_writing_leaves_nothing_of_that_article(monkeypatch):
    """One transaction per file: the people and blocks written before the error go too."""

    def fail(self):
        raise IntegrityError("simulated failure while writing quotes")

    monkeypatch.setattr(QuoteWriter, "write", fail)
    parsed = article(people=(person("Jane Okafor"),), organisations=(organisation("CPS"),))
    with pytest.raises(IntegrityError):
        import_article(parsed=parsed)
    assert not Article.objects.exists() and not Block.objects.exists()
    assert not Person.objects.exists() and not Organisation.objects.exists()
    assert not Person.history.exists()


def test_a_draft_keeps_the_date_the_text_gives_for_when_an_editor_publishes_it():
    parsed = article(published_at=datetime(2024, 7, 1, 12, 0))  # naive: site time zone
    import_article(parsed=parsed)
    saved = Article.objects.get()
    assert saved.status == Article.Status.DRAFT
    assert saved.published_at == timezone.make_aware(datetime(2024, 7, 1, 12, 0))
    assert not Article.objects.published().exists()
