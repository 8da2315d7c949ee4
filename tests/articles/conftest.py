"""Fixtures for the article tests."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Quote
from tests.factories import ArticleFactory, BlockFactory, PersonFactory, QuoteFactory

BODY = [
    "The town council will press ahead with its plan for a new library, its leader said.",
    "“We have listened to residents and the library will open next spring,” said John Smith, "
    "leader of the council.",
    "Mary Jones, who leads the opposition, disagreed. “The costs have doubled since the plan "
    "was approved,” she said.",
    "J. Smith added: “Every penny is accounted for.”",
]


SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FOLLOW_UP = Path(__file__).parent / "browser_fixture"


@pytest.fixture
def imported_seeds(db):
    """The seed articles and a follow-up from another outlet, through the real importer.

    The follow-up calls the committee chairman "Stephen O’Connell" (the seeds
    say "Steve"), so the importer, which never links on a different full name,
    leaves a duplicate person for the editor to merge; and it carries a quote
    nobody is named for, for the editor to attribute. Returns the articles by
    source file name.
    """
    call_command("import_seeds", str(SEEDS), str(FOLLOW_UP), stdout=StringIO())
    return {article.source_file: article for article in Article.objects.all()}


@pytest.fixture
def imported_article(db):
    """An article shaped as ``import_seeds`` leaves one, built with factories.

    Admin tests rely on its exact, small shape. A draft with the importer's
    provisional headline, the standfirst on the
    article, body blocks at positions 1..n, and three extracted quotes: one
    right, one given to the wrong speaker by the extractor, and one spoken by
    "J. Smith", a duplicate Person row of John Smith.
    """
    john = PersonFactory(name="John Smith", role="Leader of the council")
    j_smith = PersonFactory(name="J. Smith", role="")
    mary = PersonFactory(name="Mary Jones", role="Opposition leader")
    article = ArticleFactory(
        headline="The town council will press ahead with its plan for a new library",
        slug="the-town-council-will-press-ahead",
        headline_needs_review=True,
        standfirst="A new library is planned for the town centre.",
        status=Article.Status.DRAFT,
        published_at=None,
        source_file="042_0123456789abcdef.txt",
        source_checksum="0" * 64,
        imported_at=timezone.now() - timedelta(minutes=5),
    )
    article.people.set([john, j_smith, mary])
    article.tags.add("Council")
    blocks = [
        BlockFactory(article=article, position=n, text=text) for n, text in enumerate(BODY, 1)
    ]
    for position, (text, speaker, block) in enumerate(
        [
            ("We have listened to residents and the library will open next spring", john, 1),
            ("The costs have doubled since the plan was approved", john, 2),
            ("Every penny is accounted for.", j_smith, 3),
        ]
    ):
        QuoteFactory(
            article=article,
            text=text,
            speaker_person=speaker,
            status=Quote.Status.EXTRACTED,
            first_block=blocks[block],
            last_block=blocks[block],
            position=position,
        )
    return article


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what a change schedules for after its transaction commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
