"""Create many new articles in one transaction: the first import of a folder.

Importing a file in its own transaction costs some twenty queries, each
built by the ORM, whatever the article's length: at 10,000 articles that was
most of an import's time (``make bench``). A batch plans every article first,
reading the names it mentions once for all of them, then writes each kind of
row for the whole batch at once: some twenty queries per batch.

Only articles never imported before go this way. A re-import, which weighs
editors' changes article by article, goes through ``import_article``; so
does any article of a batch that another run imported in the meantime.
"""

from functools import partial

from django.db import connection, transaction
from django.utils import timezone

from articles.ingest import ParsedArticle
from articles.models import Article, Block, Quote
from articles.signals import articles_imported

from .bulk import copy_into_history, create_with_history, insert_rows, unique_slugs
from .entities import ORGANISATION, PERSON, save_mentions
from .loader import mentioned_ids, prepare_article, wait_for_other_importers
from .plan import ArticlePlan, plan_new_articles
from .quotes import speaker_of
from .results import ImportResult
from .tags import tag_new_articles

QUOTE_COLUMNS = (
    "article_id",
    "position",
    "text",
    "kind",
    "verb",
    "speaker_person_id",
    "speaker_organisation_id",
    "first_block_id",
    "last_block_id",
    "status",
    "created_at",
    "updated_at",
)
# Articles per transaction: enough that a batch's queries cost little per
# article, few enough that readers see new articles often and that a stopped
# run loses little (a batch is all or nothing; the next run imports it again).
BATCH_SIZE = 100


def import_new_articles(
    *, parsed_articles: list[ParsedArticle], publish: bool = False
) -> tuple[list[ImportResult], list[ParsedArticle]]:
    """Create an article for each of ``parsed_articles`` in one transaction.

    Each must have passed ``check_parsed_article`` and have a distinct file
    name. Returns the results, in order, and the parsed articles left out
    because an article from a file of that name exists by now: import those
    with ``import_article``.
    """
    with transaction.atomic():
        wait_for_other_importers()
        sources = [parsed.source for parsed in parsed_articles]
        taken = set(Article.objects.imported_from(sources).values_list("source_file", flat=True))
        plans = plan_new_articles([p for p in parsed_articles if p.source not in taken])
        articles = _write(plans, publish=publish)
        article_ids = [article.pk for article in articles]
        transaction.on_commit(
            partial(articles_imported.send, sender=Article, article_ids=article_ids)
        )
    results = [
        plan.result(article_id=article.pk, dry_run=False)
        for plan, article in zip(plans, articles, strict=True)
    ]
    return results, [parsed for parsed in parsed_articles if parsed.source in taken]


def _write(plans: list[ArticlePlan], *, publish: bool) -> list[Article]:
    """Insert every row the plans ask for, each kind for all articles at once."""
    save_mentions(PERSON, [mention for plan in plans for mention in plan.people])
    save_mentions(ORGANISATION, [mention for plan in plans for mention in plan.organisations])
    slugs = unique_slugs(Article, [plan.parsed.headline for plan in plans])
    articles = [
        prepare_article(plan, publish=publish, slug=slug)
        for plan, slug in zip(plans, slugs, strict=True)
    ]
    create_with_history(Article, articles)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    block_ids = _insert_blocks(plans, articles)
    _insert_quotes(plans, articles, block_ids, now=now)
    _link_mentions(plans, articles)
    tag_new_articles(
        [
            (article, plan.fields.write["tags"])
            for plan, article in zip(plans, articles, strict=True)
        ]
    )
    return articles


def _insert_blocks(plans: list[ArticlePlan], articles: list[Article]) -> dict[tuple, int]:
    """Every article's body blocks and their history: (article id, position) → block id."""
    rows = [
        (article.pk, position, block.kind, block.text)
        for plan, article in zip(plans, articles, strict=True)
        for position, block in enumerate(plan.parsed.blocks[1:], start=1)
    ]
    columns = ("article_id", "position", "kind", "text")
    inserted = insert_rows(Block, columns, rows, returning=("id", "article_id", "position"))
    copy_into_history(Block, [pk for pk, _, _ in inserted])
    return {(article_id, position): pk for pk, article_id, position in inserted}


def _insert_quotes(plans, articles, block_ids: dict[tuple, int], *, now) -> None:
    """Every article's quotes, in reading order, pointing at their blocks; and their history.

    A parsed quote's block index is its block's position (index 0, the
    standfirst, has no block), as ``QuoteWriter`` maps it on a first import.
    """
    rows = []
    for plan, article in zip(plans, articles, strict=True):
        speakers = plan.speakers()
        in_order = sorted(plan.parsed.quotes, key=lambda parsed: parsed.first_block)
        for position, parsed in enumerate(in_order):
            person, organisation = speaker_of(parsed, speakers)
            rows.append(
                (
                    article.pk,
                    position,
                    parsed.text,
                    parsed.kind,
                    parsed.verb,
                    person and person.pk,
                    organisation and organisation.pk,
                    block_ids.get((article.pk, parsed.first_block)),
                    block_ids.get((article.pk, parsed.last_block)),
                    Quote.Status.EXTRACTED.value,
                    now,
                    now,
                )
            )
    inserted = insert_rows(Quote, QUOTE_COLUMNS, rows, returning=("id",))
    copy_into_history(Quote, [pk for (pk,) in inserted])


def _link_mentions(plans: list[ArticlePlan], articles: list[Article]) -> None:
    """The articles' "people mentioned" and "organisations mentioned" rows."""
    for kind in (PERSON, ORGANISATION):
        rows = [
            (article.pk, pk)
            for plan, article in zip(plans, articles, strict=True)
            for pk in mentioned_ids(getattr(plan, kind.plural))
        ]
        through = getattr(Article, kind.plural).through
        insert_rows(through, ("article_id", f"{kind.label}_id"), rows)
