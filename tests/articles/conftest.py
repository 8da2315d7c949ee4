"""Fixtures for the article tests."""

from datetime import timedelta

import pytest
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


@pytest.fixture
def imported_article(db):
    """An article as ``import_seeds`` leaves it, built with factories until the importer lands.

    A draft with the importer's provisional headline, the standfirst on the
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
