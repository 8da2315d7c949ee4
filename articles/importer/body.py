"""Write an article's body blocks and map the parser's block indexes onto them.

Parsed block 0 is the standfirst, stored in ``Article.standfirst``; blocks
1..n become ``Block`` rows whose ``position`` is the parser's index. On
re-import, existing rows are reused in place (their primary keys stay, so
reviewed quotes keep pointing at them) and only surplus rows are deleted.
"""

from articles.ingest import ParsedArticle
from articles.models import Article, Block

from .bulk import create_with_history, delete_with_history, update_with_history
from .plan import text_key


def write_body(*, article: Article, parsed: ParsedArticle, current: list[Block]) -> list[Block]:
    """Make the article's blocks match the parsed body; return them in reading order."""
    reusable = sorted(current, key=lambda block: (block.position, block.pk))
    changed, created, body = [], [], []
    for position, parsed_block in enumerate(parsed.blocks[1:], start=1):
        wanted = (position, parsed_block.kind, parsed_block.text)
        if reusable:
            block = reusable.pop(0)
            if (block.position, block.kind, block.text) != wanted:
                block.position, block.kind, block.text = wanted
                changed.append(block)
        else:
            block = Block(article=article, position=position, kind=parsed_block.kind)
            block.text = parsed_block.text
            created.append(block)
        body.append(block)
    update_with_history(Block, changed, ["position", "kind", "text"])
    create_with_history(Block, created)
    delete_with_history(reusable)
    return body


def block_for_index(
    parsed: ParsedArticle, body: list[Block], *, body_replaced: bool
) -> dict[int, Block]:
    """Parser block index → Block row; index 0 (the standfirst) has no row.

    When an editor's body was kept the parsed paragraphs are found by their
    text; a paragraph the editor rewrote or removed maps to nothing.
    """
    if body_replaced:
        return dict(enumerate(body, start=1))
    by_text: dict[str, Block] = {}
    for block in body:
        by_text.setdefault(text_key(block.text), block)
    mapped = {}
    for index, parsed_block in enumerate(parsed.blocks[1:], start=1):
        if (block := by_text.get(text_key(parsed_block.text))) is not None:
            mapped[index] = block
    return mapped
