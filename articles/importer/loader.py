"""Persist one parsed article: create it, update what editors left alone, or skip it."""

import zlib
from functools import partial

from django.db import connection, transaction
from django.utils import timezone

from articles.ingest import ParsedArticle
from articles.models import Article, Block, Quote, SearchDocument
from articles.signals import articles_imported
from people.models import Organisation, OrganisationAlias, Person, PersonAlias

from .body import block_for_index, write_body
from .bulk import IMPORT_REASON, unique_slugs
from .entities import ORGANISATION, PERSON, save_mentions
from .plan import TEXT_FIELDS, ArticlePlan, plan_import
from .quotes import QuoteWriter
from .results import ImportResult, Outcome
from .tags import write_tags
from .validation import check_parsed_article

# Every importer process takes this PostgreSQL advisory lock for the length of
# one file's transaction, so two runs never both create the same person,
# organisation or article. (SQLite's IMMEDIATE transactions already serialise
# writers: see DATABASES in settings.)
IMPORT_LOCK_ID = zlib.crc32(b"newsroom:import_seeds")
# A run creating at least this many articles refreshes the planner's statistics.
ANALYZE_AFTER_ARTICLES = 50


def import_article(
    *, parsed: ParsedArticle, publish: bool = False, dry_run: bool = False, force: bool = False
) -> ImportResult:
    """Create or update the article for ``parsed`` in one transaction.

    ``publish`` publishes an article this call creates (dated ``published_at``
    from the text, else now); re-imports never change status or date.
    ``dry_run`` resolves everything against the database and writes nothing.
    ``force`` re-imports even when the file's checksum has not changed.
    Raises ``IngestError`` for a parsed article the database cannot hold.
    """
    check_parsed_article(parsed)
    if dry_run:
        plan = plan_import(parsed, force=force, lock=False)
        return plan.result(article_id=plan.article and plan.article.pk, dry_run=True)
    with transaction.atomic():
        wait_for_other_importers()
        plan = plan_import(parsed, force=force, lock=True)
        if plan.outcome is Outcome.UNCHANGED:
            return plan.result(article_id=plan.article.pk, dry_run=False)
        article = _apply(plan, publish=publish)
        transaction.on_commit(
            partial(articles_imported.send, sender=Article, article_ids=[article.pk])
        )
    return plan.result(article_id=article.pk, dry_run=False)


def refresh_planner_statistics(*, written: int) -> None:
    """After a run that created many articles, let PostgreSQL's planner see them.

    Until autovacuum's next ANALYZE (a minute or more away, never if it is
    off) the planner still thinks the tables are as small as before the run,
    and picks plans that made person pages take seconds instead of 50 ms at
    10,000 articles (`make bench`). Analyzing the tables pages read takes a
    fraction of a second (0.16 s after a 1,000-article import).
    """
    if connection.vendor == "postgresql" and written >= ANALYZE_AFTER_ARTICLES:
        tables = ", ".join(connection.ops.quote_name(table) for table in _imported_tables())
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}")


def _imported_tables() -> list[str]:
    """The tables an import fills that pages and search read.

    Not the history tables: only an object's admin history reads them, by id,
    and analyzing them took as long as all of these (0.15 s of 0.4 s after a
    1,000-article import, the rest being tables an import does not touch).
    """
    article_tables = [Article, Block, Quote, SearchDocument, Article.tags.through]
    mentions = [Article.people.through, Article.organisations.through]
    people = [Person, Organisation, PersonAlias, OrganisationAlias]
    tag = Article.tags.through.tag_model()
    return [model._meta.db_table for model in [*article_tables, *mentions, *people, tag]]


def wait_for_other_importers() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_ID])
            # Don't wait for the disk at each file's commit (a few ms each). If
            # the server crashes, the last imports may be lost, never half-kept,
            # and the next run imports those files again: their checksums are gone.
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _apply(plan: ArticlePlan, *, publish: bool) -> Article:
    existing = plan.existing
    last_written = dict(existing.article.imported_values) if existing else {}
    save_mentions(PERSON, plan.people)
    save_mentions(ORGANISATION, plan.organisations)
    article = _save_article(plan, publish=publish)
    current_blocks = existing.blocks if existing else []
    old_texts = {block.pk: block.text for block in current_blocks}
    body_replaced = "body" in plan.fields.write or existing is None
    body = current_blocks
    if body_replaced:
        body = write_body(article=article, parsed=plan.parsed, current=current_blocks)
    block_at = block_for_index(plan.parsed, body, body_replaced=body_replaced)
    quotes = QuoteWriter(
        article=article, plan=plan, block_at=block_at, body=body, old_texts=old_texts
    )
    plan.warnings += quotes.write()
    _write_mentions(article, plan, last_written=last_written)
    if "tags" in plan.fields.write:
        write_tags(article, plan.fields.write["tags"], is_new=existing is None)
    return article


def mentioned_ids(mentions) -> list[int]:
    return sorted({m.entity.pk for m in mentions if m.entity is not None})


def _save_article(plan: ArticlePlan, *, publish: bool) -> Article:
    """Insert or update the Article row itself (its history row says "import")."""
    article = prepare_article(plan, publish=publish)
    article._change_reason = IMPORT_REASON
    article.save()
    return article


def prepare_article(plan: ArticlePlan, *, publish: bool, slug: str = "") -> Article:
    """The plan's Article row with the imported values set, not saved yet.

    A new article takes ``slug``, or one found for its headline (one query).
    """
    parsed, write = plan.parsed, plan.fields.write
    if plan.existing is None:
        article = _new_article(parsed, publish=publish)
        article.slug = slug or unique_slugs(Article, [parsed.headline])[0]
    else:
        article = plan.existing.article
        if "headline" in write:  # a new made-up headline needs review again
            article.headline_needs_review = parsed.headline_is_provisional
    for name in TEXT_FIELDS:
        if name in write:
            setattr(article, name, write[name])
    article.source_checksum = parsed.checksum
    article.imported_at = timezone.now()
    article.imported_values = {
        **plan.fields.imported,
        "people": mentioned_ids(plan.people),
        "organisations": mentioned_ids(plan.organisations),
    }
    return article


def _new_article(parsed: ParsedArticle, *, publish: bool) -> Article:
    published_at = parsed.published_at
    if published_at is not None and timezone.is_naive(published_at):
        published_at = timezone.make_aware(published_at)
    if publish and published_at is None:
        published_at = timezone.now()
    return Article(
        headline_needs_review=parsed.headline_is_provisional,
        status=Article.Status.PUBLISHED if publish else Article.Status.DRAFT,
        published_at=published_at,
        source_file=parsed.source,
    )


def _write_mentions(article: Article, plan: ArticlePlan, *, last_written: dict) -> None:
    """Add the people and organisations the text names; drop only the importer's own.

    A mention an editor added in admin stays; one the importer added earlier
    and the new text no longer names is removed.
    """
    existing = plan.existing
    for kind, mentions, current in (
        (PERSON, plan.people, existing.people_ids if existing else set()),
        (ORGANISATION, plan.organisations, existing.organisation_ids if existing else set()),
    ):
        field_name = kind.plural
        found = set(mentioned_ids(mentions))
        gone = (set(last_written.get(field_name, [])) - found) & current
        through = getattr(Article, field_name).through
        if gone:
            through.objects.filter(article=article, **{f"{kind.label}_id__in": gone}).delete()
        through.objects.bulk_create(
            [through(article=article, **{f"{kind.label}_id": pk}) for pk in found - current],
            ignore_conflicts=True,
        )
