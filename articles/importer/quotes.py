"""Write an article's quotes, keeping the ones editors have reviewed.

Quotes still ``extracted`` are the importer's own: on re-import their rows are
reused for the new extraction. Confirmed or rejected quotes belong to editors:
their text, speaker, kind and status stay as they are, a parsed quote with the
same text is not added again (a rejected quote must not come back), and they
are re-linked to the new body by the text of the paragraphs they pointed at.
"""

from dataclasses import dataclass

from articles.ingest import ParsedQuote
from articles.ingest.names import normalize_name
from articles.models import Article, Block, Quote

from .bulk import create_with_history, delete_with_history, update_with_history
from .plan import ArticlePlan, text_key

QUOTE_FIELDS = (
    "text",
    "speaker_person",
    "speaker_organisation",
    "kind",
    "verb",
    "first_block",
    "last_block",
    "position",
)
SNIPPET_WORDS = 6  # enough words to find a quote's paragraph again, few enough to survive edits


def _state(quote: Quote) -> tuple:
    return (
        quote.text,
        quote.speaker_person_id,
        quote.speaker_organisation_id,
        quote.kind,
        quote.verb,
        quote.first_block_id,
        quote.last_block_id,
        quote.position,
    )


def speaker_of(parsed: ParsedQuote, speakers: dict) -> tuple:
    """(person, organisation) who said ``parsed``, from ``ArticlePlan.speakers()``:
    at most one of them; neither when the speaker is unknown or ambiguous."""
    if not parsed.speaker:
        return None, None
    speaker = speakers.get((parsed.speaker_kind, normalize_name(parsed.speaker)))
    person = speaker if parsed.speaker_kind == "person" else None
    organisation = speaker if parsed.speaker_kind == "organisation" else None
    return person, organisation


@dataclass
class QuoteWriter:
    article: Article
    plan: ArticlePlan
    block_at: dict[int, Block]  # parser block index → row
    body: list[Block]
    old_texts: dict[int, str]  # block pk before the import → its text then

    def write(self) -> list[str]:
        """Write the quotes; return warnings about reviewed quotes that lost their place."""
        existing = self.plan.existing.quotes if self.plan.existing else []
        reusable = [q for q in existing if q.status == Quote.Status.EXTRACTED]
        before = {q.pk: _state(q) for q in existing}
        speakers = self.plan.speakers()
        rows = []
        for parsed in self.plan.quotes_to_write:
            quote = reusable.pop(0) if reusable else Quote(article=self.article)
            self._fill(quote, parsed, speakers)
            rows.append(quote)
        warnings = [self._relink(quote) for quote in self.plan.reviewed_quotes]
        ordered = sorted(
            [*self.plan.reviewed_quotes, *rows],
            key=lambda q: q.first_block.position if q.first_block else 0,
        )  # stable: equal places keep reviewed first, then the parser's order
        for position, quote in enumerate(ordered):
            quote.position = position
        changed = [q for q in ordered if q.pk is not None and _state(q) != before[q.pk]]
        update_with_history(Quote, changed, QUOTE_FIELDS)
        create_with_history(Quote, [q for q in rows if q.pk is None])
        delete_with_history(reusable)
        return [warning for warning in warnings if warning]

    def _fill(self, quote: Quote, parsed: ParsedQuote, speakers: dict) -> None:
        quote.speaker_person, quote.speaker_organisation = speaker_of(parsed, speakers)
        quote.text, quote.kind, quote.verb = parsed.text, parsed.kind, parsed.verb
        quote.first_block = self.block_at.get(parsed.first_block)
        quote.last_block = self.block_at.get(parsed.last_block)
        quote.status = Quote.Status.EXTRACTED

    def _relink(self, quote: Quote) -> str:
        """Point a reviewed quote at the paragraphs holding its text now."""
        if quote.first_block_id is None:
            return ""  # in the standfirst, or already without a place: nothing to look for
        words = quote.text.split()
        first = self._find(quote.first_block_id, words[:SNIPPET_WORDS], start=0)
        if first is None:
            quote.first_block = quote.last_block = None
            return f"reviewed quote “{quote.text[:50]}…” kept, but its paragraph is gone"
        start = self.body.index(first)
        last = self._find(quote.last_block_id, words[-SNIPPET_WORDS:], start=start)
        quote.first_block, quote.last_block = first, last or first
        return ""

    def _find(self, old_block_id: int | None, words: list[str], *, start: int) -> Block | None:
        """The block with the old block's exact text, else the first one holding ``words``."""
        candidates = self.body[start:]
        old_text = self.old_texts.get(old_block_id)
        if old_text is not None:
            for block in candidates:
                if block.text == old_text:
                    return block
        key = text_key(" ".join(words))
        for block in candidates:
            if key and key in text_key(block.text):
                return block
        return None
