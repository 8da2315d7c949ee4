"""Decide what importing a parsed article changes, reading but never writing.

A dry run stops here; a real import applies the plan in the same transaction.

Editor safety rests on ``Article.imported_values``, the values the importer
last wrote. On re-import a field (headline, standfirst, byline, publication,
body, tags) is replaced only while its current value still equals what the
importer wrote; otherwise an editor changed it and it is kept (and listed in
the report). Status and publication date are never touched on re-import.
"""

from dataclasses import dataclass, field

from articles.ingest import ParsedArticle
from articles.ingest.names import normalize_name, unify_punctuation
from articles.models import Article, Block, Quote

from .entities import ORGANISATION, PERSON, Mention, resolve
from .results import ImportResult, Outcome

TEXT_FIELDS = ("headline", "standfirst", "byline", "publication")
WRITABLE = (*TEXT_FIELDS, "body", "tags")
FIELD_LABELS = {"body": "body text"}


def text_key(text: str) -> str:
    """Compare texts ignoring case, runs of whitespace and apostrophe or dash variants."""
    return " ".join(unify_punctuation(text).casefold().split())


@dataclass
class ExistingArticle:
    """An imported article as it is now, after editors may have worked on it."""

    article: Article
    blocks: list[Block]
    quotes: list[Quote]
    tags: list[str]
    people_ids: set[int]
    organisation_ids: set[int]

    @classmethod
    def load(cls, article: Article) -> "ExistingArticle":
        return cls(
            article=article,
            blocks=list(article.blocks.all()),
            quotes=list(article.quotes.all()),
            tags=list(article.tags.names()),
            people_ids=set(article.people.values_list("pk", flat=True)),
            organisation_ids=set(article.organisations.values_list("pk", flat=True)),
        )

    def current_values(self) -> dict:
        values = {name: getattr(self.article, name) for name in TEXT_FIELDS}
        values["body"] = [[block.kind, block.text] for block in self.blocks]
        values["tags"] = sorted(self.tags, key=str.casefold)
        return values


def parsed_values(parsed: ParsedArticle) -> dict:
    """The values the importer would write for ``parsed``, as stored in imported_values."""
    values = {name: getattr(parsed, name) for name in TEXT_FIELDS}
    values["body"] = [[block.kind, block.text] for block in parsed.blocks[1:]]
    tags = {tag.casefold(): tag for tag in reversed(parsed.tags)}  # first spelling wins
    values["tags"] = sorted(tags.values(), key=str.casefold)
    return values


def _same(name: str, first, second) -> bool:
    if name == "tags" and first is not None and second is not None:
        return [tag.casefold() for tag in first] == [tag.casefold() for tag in second]
    return first == second


@dataclass
class FieldDecision:
    write: dict = field(default_factory=dict)  # field → new value
    imported: dict = field(default_factory=dict)  # the next Article.imported_values
    kept: list[str] = field(default_factory=list)  # fields an editor changed, left alone


def decide_fields(parsed: ParsedArticle, existing: ExistingArticle | None) -> FieldDecision:
    new = parsed_values(parsed)
    if existing is None:
        return FieldDecision(write=dict(new), imported=dict(new))
    decision = FieldDecision()
    current = existing.current_values()
    last_written = existing.article.imported_values or {}
    for name in WRITABLE:
        if _same(name, current[name], new[name]):
            decision.imported[name] = new[name]
        elif _same(name, current[name], last_written.get(name)):
            decision.write[name] = decision.imported[name] = new[name]
        else:
            decision.imported[name] = last_written.get(name)
            decision.kept.append(name)
    return decision


@dataclass
class ArticlePlan:
    parsed: ParsedArticle
    existing: ExistingArticle | None
    outcome: Outcome
    article: Article | None = None  # the article as it is now, if it exists
    fields: FieldDecision = field(default_factory=FieldDecision)
    people: list[Mention] = field(default_factory=list)
    organisations: list[Mention] = field(default_factory=list)
    reviewed_quotes: list[Quote] = field(default_factory=list)  # kept as editors left them
    warnings: list[str] = field(default_factory=list)

    @property
    def quotes_to_write(self):
        """Parsed quotes, less those an editor has already confirmed or rejected."""
        if not self.reviewed_quotes:  # a new article: nothing to compare each quote with
            return list(self.parsed.quotes)
        reviewed = {text_key(quote.text) for quote in self.reviewed_quotes}
        return [quote for quote in self.parsed.quotes if text_key(quote.text) not in reviewed]

    def speakers(self) -> dict[tuple[str, str], object]:
        """(speaker kind, name key) → the row it resolved to (None when ambiguous)."""
        speakers = {}
        for kind, mentions in ((PERSON, self.people), (ORGANISATION, self.organisations)):
            for mention in mentions:
                for form in kind.forms(mention.parsed):
                    speakers.setdefault((kind.label, normalize_name(form)), mention.entity)
        return speakers

    def kept(self) -> list[str]:
        kept = [f"the editor's {FIELD_LABELS.get(name, name)}" for name in self.fields.kept]
        if self.reviewed_quotes:
            count = len(self.reviewed_quotes)
            kept.append(f"{count} reviewed quote{'s' if count > 1 else ''} (confirmed or rejected)")
        return kept

    def result(self, *, article_id: int | None, dry_run: bool) -> ImportResult:
        if self.outcome is Outcome.UNCHANGED:
            source = self.parsed.source
            return ImportResult.unchanged(source, article_id=article_id, dry_run=dry_run)
        return ImportResult(
            source=self.parsed.source,
            outcome=self.outcome,
            article_id=article_id,
            headline=self.parsed.headline,
            dry_run=dry_run,
            quotes=len(self.quotes_to_write),
            people_created=_names(self.people, new=True),
            people_linked=_names(self.people, new=False),
            organisations_created=_names(self.organisations, new=True),
            organisations_linked=_names(self.organisations, new=False),
            kept=tuple(self.kept()),
            warnings=tuple(self.warnings),
        )


def _names(mentions: list[Mention], *, new: bool) -> tuple[str, ...]:
    names = {m.entity.name for m in mentions if m.entity is not None and m.is_new == new}
    return tuple(sorted(names))


def plan_import(parsed: ParsedArticle, *, force: bool, lock: bool) -> ArticlePlan:
    """Read what the import needs and decide every change (at most eleven queries)."""
    articles = Article.objects.imported_from([parsed.source])
    article = (articles.select_for_update() if lock else articles).first()
    if article and article.source_checksum == parsed.checksum and not force:
        return ArticlePlan(parsed=parsed, existing=None, outcome=Outcome.UNCHANGED, article=article)
    existing = ExistingArticle.load(article) if article else None
    outcome = Outcome.UPDATED if existing else Outcome.CREATED
    plan = ArticlePlan(parsed=parsed, existing=existing, outcome=outcome, article=article)
    if existing:
        reviewed = [q for q in existing.quotes if q.status != Quote.Status.EXTRACTED]
        plan.reviewed_quotes = reviewed
    return _decide(plan)


def plan_new_articles(parsed_articles: list[ParsedArticle]) -> list[ArticlePlan]:
    """Plans creating an article for each of ``parsed_articles`` (none imported before).

    Names are read once for the whole batch (four queries) and resolved in
    order through one shared index, so the plans are those a run importing
    the articles one by one would make.
    """
    people = PERSON.index_for([p for parsed in parsed_articles for p in parsed.people])
    organisations = ORGANISATION.index_for(
        [o for parsed in parsed_articles for o in parsed.organisations]
    )
    return [
        _decide(
            ArticlePlan(parsed=parsed, existing=None, outcome=Outcome.CREATED),
            indexes=(people, organisations),
        )
        for parsed in parsed_articles
    ]


def _decide(plan: ArticlePlan, *, indexes: tuple = (None, None)) -> ArticlePlan:
    """Fill in the plan's fields, names and warnings; ``indexes`` are a batch's
    (people, organisations) ``NameIndex``, else the names are read here."""
    parsed, existing = plan.parsed, plan.existing
    people, organisations = indexes
    plan.fields = decide_fields(parsed, existing)
    plan.people = resolve(
        PERSON, parsed.people, mentioned=_ids(existing, "people_ids"), index=people
    )
    plan.organisations = resolve(
        ORGANISATION,
        parsed.organisations,
        mentioned=_ids(existing, "organisation_ids"),
        index=organisations,
    )
    plan.warnings = _warnings(plan)
    return plan


def _ids(existing: ExistingArticle | None, name: str) -> frozenset[int]:
    return frozenset(getattr(existing, name)) if existing else frozenset()


def _warnings(plan: ArticlePlan) -> list[str]:
    parsed = plan.parsed
    warnings = list(parsed.warnings)
    warnings += [f"dropped footer line “{line}”" for line in parsed.dropped]
    for kind, mentions in ((PERSON, plan.people), (ORGANISATION, plan.organisations)):
        for mention in mentions:
            if mention.ambiguous_with:
                warnings.append(
                    f"{kind.label} “{mention.parsed.name}” matches {len(mention.ambiguous_with)} "
                    f"existing {kind.plural} ({', '.join(mention.ambiguous_with)}): not linked; "
                    "merge them or add an alias in admin"
                )
    speakers = plan.speakers()
    for number, quote in enumerate(parsed.quotes, start=1):
        if quote.speaker and (quote.speaker_kind, normalize_name(quote.speaker)) not in speakers:
            warnings.append(
                f"quote {number}: speaker “{quote.speaker}” is not among the article's "
                f"{'organisations' if quote.speaker_kind == 'organisation' else 'people'}; "
                "stored with no speaker"
            )
    return warnings
