"""Top level of the parser: text in, ``ParsedArticle`` out.

layout (structure.py)      front matter, paragraphs, footer lines, byline
find_quotes (quotes.py)    quoted spans, joined across paragraphs
recognise (recognise.py)   people and organisations with their mentions
attribute (attribution.py) a speaker and a kind for every quote
then block kinds (caption or subhead), tags and the provisional headline.
"""

import re
from collections import Counter
from typing import Final

from . import structure
from .attribution import Attributor
from .entities import Article, Entities, Entity
from .parsed import IngestError, ParsedArticle, ParsedBlock, ParsedOrganisation, ParsedPerson
from .quotes import find_quotes, inside_quote_ranges
from .recognise import recognise_entities

MAX_TAGS: Final = 4
_IMAGE_CREDIT: Final = re.compile(
    r"^(?:photo|picture|image|pictured|credit)\s*:|\((?:photo|picture|image|credit)\s*:[^)]*\)$",
    re.IGNORECASE,
)

# Where a captioned photo was taken: "Jane Doe at the meeting", "… outside the town hall".
_CAPTION_SETTING: Final = re.compile(
    r"\s+(?:pictured\s+|speaking\s+)?(?:at|in|outside|inside|near|during|on|with|after|before)"
    r"(?:\s+[\w’'-]+){1,6}",
    re.IGNORECASE,
)


def parse_article(text: str, *, source: str, checksum: str = "") -> ParsedArticle:
    """Parse one article. Raises ``IngestError`` when the text is not an article."""
    shape = structure.layout(text)
    paragraphs = list(shape.paragraphs)
    headline = shape.meta.get("headline", "")
    if not headline and _opens_with_headline(paragraphs):
        headline = paragraphs.pop(0)
    if not paragraphs:
        raise IngestError("no paragraphs found")
    short_lines = [i > 0 and structure.is_short_line(p) for i, p in enumerate(paragraphs)]
    spans = find_quotes(paragraphs, short_lines)
    article = Article(paragraphs, short_lines, inside_quote_ranges(spans))
    entities = recognise_entities(article)
    quotes = Attributor(entities, paragraphs, short_lines).attribute(spans)
    return ParsedArticle(
        source=source,
        checksum=checksum,
        headline=headline or _provisional_headline(paragraphs),
        headline_is_provisional=not headline,
        standfirst=paragraphs[0],
        blocks=tuple(ParsedBlock(_block_kind(entities, i), p) for i, p in enumerate(paragraphs)),
        byline=shape.byline,
        publication=shape.publication,
        published_at=structure.parse_published(shape.meta.get("published", "")),
        tags=_front_matter_tags(shape.meta) or _suggest_tags(entities),
        dropped=shape.dropped,
        people=tuple(_person(p) for p in _in_order(entities.people.values())),
        organisations=tuple(_organisation(o) for o in _in_order(entities.organisations.values())),
        quotes=tuple(quotes),
        warnings=(),
    )


def _provisional_headline(paragraphs: list[str]) -> str:
    """A headline made from the standfirst, or the first paragraph with words in it."""
    for paragraph in paragraphs:
        if headline := structure.derive_headline(paragraph):
            return headline
    raise IngestError("no words to make a headline from")


def _opens_with_headline(paragraphs: list[str]) -> bool:
    """A short first line without a full stop, above a real paragraph, is a headline."""
    if len(paragraphs) < 2:
        return False
    first, second = paragraphs[0], paragraphs[1]
    return (
        structure.is_short_line(first)
        and len(first.split()) >= 3
        and len(second.split()) > 15
        and not first.isupper()
    )


def _block_kind(entities: Entities, index: int) -> str:
    article = entities.article
    if not article.short_lines[index]:
        return "paragraph"
    line = article.paragraphs[index].rstrip()
    # A bracketed credit ends the line and holds no ")": searching only after the ")"
    # before it keeps a line of many "(photo:" from taking quadratic time.
    after = line.rfind(")", 0, len(line) - 1) + 1
    if _IMAGE_CREDIT.match(line) or (line.endswith(")") and _IMAGE_CREDIT.search(line, after)):
        return "caption"
    for mention in entities.mentions_between(index, 0, len(line)):
        rest = line[mention.end :]
        ends_line = not rest.strip(" ’'s")
        if mention.kind == "person" and (ends_line or _CAPTION_SETTING.fullmatch(rest)):
            return "caption"
    last = index == len(article.paragraphs) - 1
    return "paragraph" if last else "subhead"


def _in_order(entities) -> list[Entity]:
    return sorted(entities, key=lambda e: e.first_seen)


def _person(entity: Entity) -> ParsedPerson:
    return ParsedPerson(name=entity.name, aliases=tuple(entity.aliases), role=entity.role)


def _organisation(entity: Entity) -> ParsedOrganisation:
    return ParsedOrganisation(
        name=entity.name,
        aliases=tuple(entity.aliases),
        acronym=entity.acronym,
        kind=entity.org_kind,
    )


def _front_matter_tags(meta: dict[str, str]) -> tuple[str, ...]:
    return tuple(t.strip() for t in meta.get("tags", "").split(",") if t.strip())


def _suggest_tags(entities: Entities) -> tuple[str, ...]:
    """The organisations and places the article names most (at least twice)."""
    counts: Counter = Counter()
    for mention in entities.mentions:
        if mention.kind == "organisation":
            org = entities.organisations[mention.key]
            label = org.acronym if len(org.name) > 30 and org.acronym else org.name
            counts[label] += 1
    people = {p.name.lower() for p in entities.people.values()}
    for place, count in entities.places.items():
        if place.lower() not in people:
            counts[place] += count
    ranked = [name for name, count in counts.most_common() if count >= 2]
    return tuple(ranked[:MAX_TAGS])
