"""An article's content read for its page: one article with prepared SQL
(``read_content``), many through the ORM (``fetch_content``), the same either way."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.content import fetch_content, read_content
from articles.models import Block, Quote
from tests.factories import (
    ArticleFactory,
    BlockFactory,
    CorrectionFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    """An article whose rows were written out of the order the page shows them in."""
    article = ArticleFactory()
    second = BlockFactory(article=article, position=2, text="Second paragraph.")
    first = BlockFactory(article=article, position=1, text="First paragraph.")
    BlockFactory(article=article, position=3, kind=Block.Kind.CAPTION, text="A caption.")
    zoe = PersonFactory(name="Zoe Adams", role="Mayor")
    amir = PersonFactory(name="Amir Brook", role="")
    council = OrganisationFactory(name="Rudstone Council")
    article.people.add(zoe, amir)
    article.organisations.add(council, OrganisationFactory(name="Avon Trust"))
    article.tags.add("transport", "Budget")
    QuoteFactory(
        article=article,
        position=2,
        text="Council said.",
        speaker_person=None,
        speaker_organisation=council,
        first_block=second,
        last_block=second,
    )
    QuoteFactory(
        article=article,
        position=1,
        text="Zoe said.",
        speaker_person=zoe,
        first_block=first,
        last_block=second,
    )
    QuoteFactory(article=article, position=3, text="Nobody said.", speaker_person=None)
    QuoteFactory(
        article=article,
        position=4,
        text="Rejected.",
        speaker_person=amir,
        status=Quote.Status.REJECTED,
    )
    now = timezone.now()
    CorrectionFactory(article=article, text="Later.", created_at=now)
    CorrectionFactory(article=article, text="Earlier.", created_at=now - timedelta(days=1))
    return article


def _shown(content) -> dict:
    """What a reader would see of ``content``, in its order."""
    return {
        "blocks": [(block.kind, block.text) for block in content.blocks],
        "quotes": [
            (quote.text, quote.speaker and quote.speaker.name, quote.first_block_id)
            for quote in content.quotes
        ],
        "roles": [quote.speaker_person and quote.speaker_person.role for quote in content.quotes],
        "tags": [tag.name for tag in content.tags],
        "people": [(person.name, person.role) for person in content.people],
        "organisations": [organisation.name for organisation in content.organisations],
        "corrections": [(c.text, c.created_at) for c in content.corrections],
    }


def test_one_article_is_read_in_the_order_the_page_shows(article, django_assert_num_queries):
    """Blocks by position, quotes by position without the rejected one, each quote's
    speaker read with it (asking for names and roles costs no query), tags, people and
    organisations by name, corrections oldest first with their times as stored."""
    read_content(article)  # a connection's first read also prepares the six statements
    with django_assert_num_queries(6):
        content = read_content(article)
    with django_assert_num_queries(0):
        shown = _shown(content)
    first, second, _caption = sorted(article.blocks.all(), key=lambda block: block.position)
    assert shown["blocks"] == [
        ("paragraph", "First paragraph."),
        ("paragraph", "Second paragraph."),
        ("caption", "A caption."),
    ]
    assert shown["quotes"] == [
        ("Zoe said.", "Zoe Adams", first.pk),
        ("Council said.", "Rudstone Council", second.pk),
        ("Nobody said.", None, None),
    ]
    assert shown["roles"] == ["Mayor", None, None]
    assert shown["tags"] == ["Budget", "transport"]
    assert shown["people"] == [("Amir Brook", ""), ("Zoe Adams", "Mayor")]
    assert shown["organisations"] == ["Avon Trust", "Rudstone Council"]
    later, earlier = article.corrections.order_by("-created_at")
    assert shown["corrections"] == [("Earlier.", earlier.created_at), ("Later.", later.created_at)]
    assert earlier.created_at.tzinfo is not None


def test_many_articles_read_through_the_orm_give_the_same_content(article):
    """``render_articles`` reads articles a hundred at a time through the ORM; each one's
    content is what a reader's visit reads for it alone, and an article with nothing
    but its own fields has empty content."""
    bare = ArticleFactory()
    together, bare_content = fetch_content([article, bare])
    assert _shown(together) == _shown(read_content(article))
    assert _shown(bare_content) == _shown(read_content(bare))
    assert not any(_shown(bare_content).values())
