"""Turn an article's blocks and quotes into what the article template shows.

Pure Python over rows fetched up front: the number of blocks, quotes and
captions never changes the number of queries.
"""

import re
from dataclasses import dataclass, field

from articles.ingest.names import normalize_name
from people.models import Person

from .models import Block, Quote


@dataclass
class BodyBlock:
    """One block as shown: its anchors, whether it sits inside a direct quote, who said it."""

    block: Block
    anchors: list[int] = field(default_factory=list)  # quote ids that start here
    in_direct_quote: bool = False
    attributions: list[Quote] = field(default_factory=list)  # direct quotes ending here
    photo_person: Person | None = None  # captions: the person pictured, when we have a photo

    @property
    def kind(self) -> str:
        return self.block.kind


def build_body(blocks: list[Block], quotes: list[Quote], people: list[Person]) -> list[BodyBlock]:
    """Lay out ``blocks`` in order with quote anchors, direct-quote marks and caption photos."""
    body = [BodyBlock(block=block) for block in blocks]
    index_of = {block.pk: i for i, block in enumerate(blocks)}
    for quote in quotes:
        first = index_of.get(quote.first_block_id)
        if first is None:
            continue  # in the standfirst, or its block was deleted
        last = index_of.get(quote.last_block_id, first)
        last = max(first, last)
        body[first].anchors.append(quote.pk)
        if quote.kind == Quote.Kind.DIRECT:
            for item in body[first : last + 1]:
                item.in_direct_quote = True
            body[last].attributions.append(quote)
    pictured = [person for person in people if person.photo]
    for item in body:
        if item.kind == Block.Kind.CAPTION:
            item.photo_person = person_named_in(item.block.text, pictured)
    return body


def standfirst_anchors(quotes: list[Quote]) -> list[int]:
    """Ids of the quotes that sit in the standfirst (they point at no block)."""
    return [quote.pk for quote in quotes if quote.first_block_id is None]


def person_named_in(caption: str, people: list[Person]) -> Person | None:
    """The person whose full name appears in ``caption`` (the longest name wins), if any."""
    text = normalize_name(caption)
    best: Person | None = None
    for person in people:
        name = normalize_name(person.name)
        if not name or (best is not None and len(name) <= len(normalize_name(best.name))):
            continue
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            best = person
    return best


def quote_summary(quotes: list[Quote]) -> list[dict]:
    """Who is quoted and how often, most-quoted first (ties in order of first quote)."""
    rows: dict[tuple[str, int], dict] = {}
    for quote in quotes:
        speaker = quote.speaker
        if speaker is None:
            continue
        row = rows.setdefault(
            (type(speaker).__name__, speaker.pk), {"speaker": speaker, "count": 0}
        )
        row["count"] += 1
    return sorted(rows.values(), key=lambda row: -row["count"])
