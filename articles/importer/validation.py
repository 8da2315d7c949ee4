"""Refuse a parsed article the database cannot hold, before anything is written.

PostgreSQL rejects an over-long value mid-transaction and SQLite silently
keeps it; checking first gives the same one-line reason on both.
"""

from articles.ingest import IngestError, ParsedArticle
from articles.models import Article, Block, Quote
from people.models import Organisation, Person, PersonAlias

# Worked out once: a TextChoices' ``values`` builds a new list at each call,
# and an article has dozens of blocks and quotes to check.
BLOCK_KINDS = frozenset(Block.Kind.values)
QUOTE_KINDS = frozenset(Quote.Kind.values)
ORGANISATION_KINDS = frozenset(Organisation.Kind.values)


def _max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def _check_length(label: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise IngestError(f"{label} is {len(value)} characters long, over the {limit} limit")


def check_parsed_article(parsed: ParsedArticle) -> None:
    """Raise ``IngestError`` naming the first value the models would refuse."""
    if not parsed.blocks:
        raise IngestError("no paragraphs found")
    for field in ("headline", "byline", "publication"):
        _check_length(field, getattr(parsed, field), _max_length(Article, field))
    _check_length("file name", parsed.source, _max_length(Article, "source_file"))
    for tag in parsed.tags:
        _check_length(f"tag “{tag[:40]}”", tag, 100)  # taggit's Tag.name
    for index, block in enumerate(parsed.blocks):
        if block.kind not in BLOCK_KINDS:
            raise IngestError(f"block {index} has unknown kind “{block.kind}”")
    _check_entities(parsed)
    _check_quotes(parsed)


def _check_entities(parsed: ParsedArticle) -> None:
    name_limit = _max_length(Person, "name")
    alias_limit = _max_length(PersonAlias, "name")
    for person in parsed.people:
        _check_length(f"person name “{person.name[:40]}”", person.name, name_limit)
        _check_length(f"role of {person.name}", person.role, _max_length(Person, "role"))
        for alias in person.aliases:
            _check_length(f"alias “{alias[:40]}”", alias, alias_limit)
    for organisation in parsed.organisations:
        name = organisation.name
        _check_length(f"organisation name “{name[:40]}”", name, name_limit)
        acronym_limit = _max_length(Organisation, "acronym")
        _check_length(f"acronym of {name}", organisation.acronym, acronym_limit)
        if organisation.kind not in ORGANISATION_KINDS:
            raise IngestError(f"organisation {name} has unknown kind “{organisation.kind}”")
        for alias in organisation.aliases:
            _check_length(f"alias “{alias[:40]}”", alias, alias_limit)


def _check_quotes(parsed: ParsedArticle) -> None:
    last_index = len(parsed.blocks) - 1
    for number, quote in enumerate(parsed.quotes, start=1):
        if quote.kind not in QUOTE_KINDS:
            raise IngestError(f"quote {number} has unknown kind “{quote.kind}”")
        if quote.speaker_kind not in (None, "person", "organisation"):
            raise IngestError(f"quote {number} has unknown speaker kind “{quote.speaker_kind}”")
        if not 0 <= quote.first_block <= quote.last_block <= last_index:
            raise IngestError(
                f"quote {number} spans blocks {quote.first_block}–{quote.last_block} "
                f"but the article has blocks 0–{last_index}"
            )
        _check_length(f"verb of quote {number}", quote.verb, _max_length(Quote, "verb"))
