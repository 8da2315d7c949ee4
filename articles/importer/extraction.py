"""The parser's extraction as plain JSON data (``import_seeds --dry-run --json``).

The shape is a contract with other tools: change it only with the issue.
Blocks include block 0, the standfirst; ``paragraphs`` are the parser's
0-based block indexes.
"""

from articles.ingest import ParsedArticle


def extraction_as_json(parsed: ParsedArticle) -> dict:
    return {
        "source": parsed.source,
        "headline": parsed.headline,
        "standfirst": parsed.standfirst,
        "blocks": [{"kind": block.kind, "text": block.text} for block in parsed.blocks],
        "dropped": list(parsed.dropped),
        "people": [
            {"name": person.name, "aliases": list(person.aliases), "role": person.role}
            for person in parsed.people
        ],
        "organisations": [
            {"name": organisation.name, "aliases": list(organisation.aliases)}
            for organisation in parsed.organisations
        ],
        "quotes": [
            {
                "text": quote.text,
                "speaker": quote.speaker,
                "speaker_kind": quote.speaker_kind,
                "kind": quote.kind,
                "verb": quote.verb,
                "paragraphs": [quote.first_block, quote.last_block],
            }
            for quote in parsed.quotes
        ],
    }
