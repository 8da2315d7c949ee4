"""Build ``ParsedArticle`` objects by hand, so loader tests do not depend on the parser."""

import hashlib

from articles.ingest import (
    ParsedArticle,
    ParsedBlock,
    ParsedOrganisation,
    ParsedPerson,
    ParsedQuote,
)


def person(name: str, *aliases: str, role: str = "") -> ParsedPerson:
    return ParsedPerson(name=name, aliases=aliases, role=role)


def organisation(name: str, *aliases: str, acronym: str = "", kind: str = "other"):
    return ParsedOrganisation(name=name, aliases=aliases, acronym=acronym, kind=kind)


def quote(
    text: str,
    speaker: str | None = None,
    *,
    blocks: tuple[int, int] = (1, 1),
    speaker_kind: str | None = None,
    kind: str = "direct",
    verb: str = "said",
) -> ParsedQuote:
    if speaker is not None and speaker_kind is None:
        speaker_kind = "person"
    return ParsedQuote(
        text=text,
        speaker=speaker,
        speaker_kind=speaker_kind,
        kind=kind,
        verb=verb,
        first_block=blocks[0],
        last_block=blocks[1],
    )


def article(
    *,
    source: str = "council-budget.txt",
    standfirst: str = "The council approved its budget after a long night of debate.",
    paragraphs: tuple = ("Councillors argued until midnight.", "The vote was close."),
    headline: str = "The council approved its budget after a long night",
    **fields,
) -> ParsedArticle:
    """A parsed article; a paragraph given as ``(kind, text)`` sets its block kind.

    The checksum is made from the content, so a changed article looks like a
    changed file and the same content like the same file.
    """
    blocks = [ParsedBlock("paragraph", standfirst)]
    for paragraph in paragraphs:
        kind, text = paragraph if isinstance(paragraph, tuple) else ("paragraph", paragraph)
        blocks.append(ParsedBlock(kind, text))
    fields.setdefault("headline_is_provisional", True)
    content = repr((source, headline, blocks, sorted(fields.items())))
    fields.setdefault("checksum", hashlib.sha256(content.encode()).hexdigest())
    return ParsedArticle(
        source=source, headline=headline, standfirst=standfirst, blocks=tuple(blocks), **fields
    )


CAST = (
    person("Jane Okafor", "Ms Okafor", role="Leader of the council"),
    person("Tom Reyes", "Mr Reyes", "Reyes", role="Opposition leader"),
    person("Priya Nair", "Dr Nair"),
)
BODIES = (
    organisation("Riverside Borough Council", "the council", kind="government"),
    organisation("Crown Prosecution Service", "CPS", acronym="CPS", kind="court"),
)


def article_of_size(
    paragraph_count: int, quote_count: int, *, revision: str = "", **fields
) -> ParsedArticle:
    """An article with the same cast of people and organisations at any length.

    ``revision`` is added to every paragraph and quote, as when a file is edited throughout.
    """
    paragraphs = tuple(
        f"Paragraph {n} reports another twist in the budget row at the town hall.{revision}"
        for n in range(1, paragraph_count + 1)
    )
    speakers = [(p.name, "person") for p in CAST] + [(o.name, "organisation") for o in BODIES]
    quotes = []
    for n in range(quote_count):
        speaker, kind = speakers[n % len(speakers)]
        block = n % paragraph_count + 1
        text = f"Statement number {n} on the budget, in full.{revision}"
        quotes.append(quote(text, speaker, speaker_kind=kind, blocks=(block, block)))
    fields.setdefault("tags", ("Budget", "Riverside"))
    return article(
        paragraphs=paragraphs, people=CAST, organisations=BODIES, quotes=tuple(quotes), **fields
    )
