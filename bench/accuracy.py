"""The parser's extraction scored against the truth the corpus generator wrote.

Every file of the corpus is parsed by the parser alone (``read_article``: no
database, no Django) and compared with its line of ``truth.jsonl``:

quotes        paired one-to-one and in reading order (a longest common
              subsequence) when their paragraphs overlap and their words agree
              (equal once quote marks, apostrophes, spacing, case and
              surrounding punctuation are evened out, or one inside the
              other). Never looked up by text: the same words can be quoted
              twice. Unpaired truth quotes are recall misses, unpaired parsed
              ones precision misses.
speakers      over paired quotes: right, wrong (a different person or
              organisation, the costly error: it puts words in someone's
              mouth) or unattributed (None: honest, just less useful).
people        recall and precision by full name, titles ("Ms", "Dr", "Cllr")
              set aside; a truth person the parser lists twice ("Jane Doe" and
              "Ms Doe") is a duplicate.
organisations recall and precision by full name.
structure     blocks counted right, captions and subheads recognised, given
              headlines kept.

Up to ``EXAMPLES`` examples of each kind of error (file, block, the start of
the quote, truth and parsed speaker) go into the figures so a developer can see
what to fix. Targets are the bars of the hand-annotated tests
(tests/articles/ingest/test_annotated.py): speakers 95% right and never wrong,
people 90% found and never invented or listed twice; and 95% of quotes found.
The corpus of 1,000 articles scores in about 10 s (the parser alone).
"""

import re
import time
from collections import Counter
from pathlib import Path

from articles.ingest import IngestError, ParsedArticle, read_article
from articles.ingest.names import normalize_name, unify_punctuation

from .context import Context, Row, StageResult
from .corpus import read_truth

EXAMPLES = 20  # of each kind of error
SECTION = "Accuracy"
_TITLES = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|mx|dr|prof|professor|cllr|councillor|det|detective|insp|"
    r"inspector|sir|dame)\.?\s+)+",
    re.IGNORECASE,
)
_QUOTE_MARKS = str.maketrans("", "", '"“”„‟')


def person_key(name: str) -> str:
    """The lookup key of a person's name, titles set aside: "Dr Jane Doe" is "jane doe"."""
    return normalize_name(_TITLES.sub("", name.strip()))


def quote_key(text: str) -> str:
    """A quote's words for comparison: marks, apostrophes, spacing, case and end
    punctuation evened out, since “…,” she said and “….” differ only in the comma."""
    words = " ".join(unify_punctuation(text).translate(_QUOTE_MARKS).split())
    return words.strip(" ,.;:'").casefold()


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper()).lower()


class Cast:
    """One article's true people and organisations, and what the parser's names map to."""

    def __init__(self, truth: dict):
        self.people = {person_key(name): name for name in truth["people"]}
        surnames = Counter(key.split()[-1] for key in self.people)
        self.surnames = {
            key.split()[-1]: name
            for key, name in self.people.items()
            if surnames[key.split()[-1]] == 1
        }
        self.organisations = {normalize_name(name): name for name in truth["organisations"]}
        self.acronyms = {_acronym(name): name for name in truth["organisations"]}

    def person(self, name: str) -> tuple[str | None, bool]:
        """(the truth person ``name`` means or None, whether it is their full name)."""
        key = person_key(name)
        if key in self.people:
            return self.people[key], True
        return self.surnames.get(key) if " " not in key else None, False

    def organisation(self, name: str) -> str | None:
        key = normalize_name(name)
        return self.organisations.get(key) or self.acronyms.get(key)

    def speaker(self, name: str | None) -> str | None:
        """The truth entity a parsed speaker is, or the name itself when it is nobody's."""
        if name is None:
            return None
        return self.person(name)[0] or self.organisation(name) or name


def same_quote(truth: dict, parsed, truth_key: str, parsed_key: str) -> bool:
    overlap = (
        truth["first_block"] <= parsed.last_block and parsed.first_block <= truth["last_block"]
    )
    agree = truth_key == parsed_key or (truth_key in parsed_key or parsed_key in truth_key)
    return overlap and bool(truth_key) and bool(parsed_key) and agree


def pair_quotes(truth: list[dict], parsed: list) -> list[tuple[int, int]]:
    """The most (truth, parsed) index pairs that are the same quote, both in reading order."""
    truth_keys = [quote_key(q["text"]) for q in truth]
    parsed_keys = [quote_key(q.text) for q in parsed]
    rows, cols = len(truth), len(parsed)
    same = [
        [same_quote(truth[i], parsed[j], truth_keys[i], parsed_keys[j]) for j in range(cols)]
        for i in range(rows)
    ]
    # best[i][j]: the most pairs to be made within truth[i:] and parsed[j:]
    best = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            take = 1 + best[i + 1][j + 1] if same[i][j] else 0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < rows and j < cols:
        if same[i][j] and best[i][j] == 1 + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


class Score:
    """Counts and examples over a corpus; ``add`` one parsed article at a time."""

    def __init__(self):
        self.counts: Counter = Counter()
        self.examples: dict[str, list[dict]] = {}

    def example(self, kind: str, **details) -> None:
        found = self.examples.setdefault(kind, [])
        if len(found) < EXAMPLES:
            found.append(details)

    def refused(self, truth: dict, error: Exception) -> None:
        """An article the parser would not read: every quote and entity in it is missed."""
        self.counts["articles"] += 1
        self.counts["refused"] += 1
        self.counts["truth quotes"] += len(truth["quotes"])
        self.counts["truth people"] += len(truth["people"])
        self.counts["truth organisations"] += len(truth["organisations"])
        self.example("refused", file=truth["name"], error=str(error))

    def add(self, truth: dict, article: ParsedArticle) -> None:
        cast = Cast(truth)
        self.counts["articles"] += 1
        self._quotes(truth, article, cast)
        self._people(truth, article, cast)
        self._organisations(truth, article, cast)
        self._structure(truth, article)

    def _quotes(self, truth: dict, article: ParsedArticle, cast: Cast) -> None:
        wanted, found, name = truth["quotes"], list(article.quotes), truth["name"]
        pairs = pair_quotes(wanted, found)
        self.counts["truth quotes"] += len(wanted)
        self.counts["parsed quotes"] += len(found)
        self.counts["matched quotes"] += len(pairs)
        for i, j in pairs:
            self._speaker(name, wanted[i], found[j], cast)
            if quote_key(wanted[i]["text"]) != quote_key(found[j].text):
                self.counts["quote boundary errors"] += 1
                self.example(
                    "boundary", file=name, text=wanted[i]["text"][:80], parsed=found[j].text[:80]
                )
            self.counts["kind right"] += wanted[i]["kind"] == found[j].kind
        paired_truth, paired_parsed = {i for i, _ in pairs}, {j for _, j in pairs}
        for i in sorted(set(range(len(wanted))) - paired_truth):
            quote = wanted[i]
            self.example("missed quote", file=name, block=quote["first_block"],
                         text=quote["text"][:80], truth_speaker=quote["speaker"])  # fmt: skip
        for j in sorted(set(range(len(found))) - paired_parsed):
            quote = found[j]
            self.example("extra quote", file=name, block=quote.first_block,
                         text=quote.text[:80], parsed_speaker=quote.speaker)  # fmt: skip

    def _speaker(self, name: str, wanted: dict, found, cast: Cast) -> None:
        parsed_speaker = cast.speaker(found.speaker)
        if parsed_speaker == wanted["speaker"]:
            outcome = "speaker right"
        elif found.speaker is None:
            outcome = "speaker unattributed"
        else:
            outcome = "speaker wrong"
        self.counts[outcome] += 1
        if outcome != "speaker right":
            self.example(outcome, file=name, text=wanted["text"][:80], block=wanted["first_block"],
                         truth_speaker=wanted["speaker"], parsed_speaker=found.speaker)  # fmt: skip

    def _people(self, truth: dict, article: ParsedArticle, cast: Cast) -> None:
        name = truth["name"]
        found_for: dict[str, list[str]] = {}
        exact = set()
        for person in article.people:
            meant, full = cast.person(person.name)
            if meant is None:
                self.counts["invented people"] += 1
                self.example("invented person", file=name, parsed=person.name)
                continue
            found_for.setdefault(meant, []).append(person.name)
            if full:
                exact.add(meant)
        self.counts["truth people"] += len(truth["people"])
        self.counts["parsed people"] += len(article.people)
        self.counts["people found"] += len(exact)
        self.counts["people named right"] += sum(
            1 for p in article.people if person_key(p.name) in cast.people
        )
        for person in truth["people"]:
            if person not in exact:
                self.example("missed person", file=name, truth=person,
                             parsed=found_for.get(person, []))  # fmt: skip
            if len(found_for.get(person, [])) > 1:
                self.counts["duplicate people"] += 1
                self.example("duplicate person", file=name, truth=person, parsed=found_for[person])

    def _organisations(self, truth: dict, article: ParsedArticle, cast: Cast) -> None:
        name = truth["name"]
        parsed = {normalize_name(o.name) for o in article.organisations}
        self.counts["truth organisations"] += len(truth["organisations"])
        self.counts["parsed organisations"] += len(article.organisations)
        for organisation in truth["organisations"]:
            if normalize_name(organisation) in parsed:
                self.counts["organisations found"] += 1
            else:
                self.example("missed organisation", file=name, truth=organisation)
        for organisation in article.organisations:
            if normalize_name(organisation.name) in cast.organisations:
                self.counts["organisations named right"] += 1
            else:
                self.example("extra organisation", file=name, parsed=organisation.name)

    def _structure(self, truth: dict, article: ParsedArticle) -> None:
        name = truth["name"]
        kinds = {"caption": Counter(), "subhead": Counter()}
        for block in article.blocks:
            if block.kind in kinds:
                kinds[block.kind][block.text] += 1
        self.counts["blocks right"] += len(article.blocks) == truth["blocks"]
        for kind, wanted in (("caption", truth["captions"]), ("subhead", truth["subheads"])):
            self.counts[f"truth {kind}s"] += len(wanted)
            found = Counter(wanted) & kinds[kind]  # a subhead may come twice
            self.counts[f"{kind}s found"] += found.total()
            for text in sorted(set(wanted) - set(found)):
                self.example(f"missed {kind}", file=name, text=text)
        if truth["headline"]:
            self.counts["truth headlines"] += 1
            kept = article.headline == truth["headline"] and not article.headline_is_provisional
            self.counts["headlines kept"] += kept

    def figures(self) -> dict:
        c = self.counts
        matched = c["matched quotes"]
        rates = {
            "quote recall": _ratio(matched, c["truth quotes"]),
            "quote precision": _ratio(matched, c["parsed quotes"]),
            "quote text exact": _ratio(matched - c["quote boundary errors"], matched),
            "quote kind right": _ratio(c["kind right"], matched),
            "speaker right": _ratio(c["speaker right"], matched),
            "speaker wrong": _ratio(c["speaker wrong"], matched),
            "speaker unattributed": _ratio(c["speaker unattributed"], matched),
            "people recall": _ratio(c["people found"], c["truth people"]),
            "people precision": _ratio(c["people named right"], c["parsed people"]),
            "organisations recall": _ratio(c["organisations found"], c["truth organisations"]),
            "organisations precision": _ratio(
                c["organisations named right"], c["parsed organisations"]
            ),
            "blocks right": _ratio(c["blocks right"], c["articles"] - c["refused"]),
            "captions found": _ratio(c["captions found"], c["truth captions"]),
            "subheads found": _ratio(c["subheads found"], c["truth subheads"]),
            "headlines kept": _ratio(c["headlines kept"], c["truth headlines"]),
        }
        return {"counts": dict(sorted(c.items())), "rates": rates, "examples": self.examples}


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def score_corpus(corpus: Path, truth: Path) -> Score:
    """Parse every article the truth lists and score it."""
    score = Score()
    for wanted in read_truth(truth):
        try:
            article = read_article(corpus / wanted["name"])
        except IngestError as error:
            score.refused(wanted, error)
            continue
        score.add(wanted, article)
    return score


def rows(figures: dict) -> list[Row]:
    """The lines of the printed table; targets are the annotated tests' bars."""
    rates, counts = figures["rates"], figures["counts"]

    def share(measure: str, rate: str, part: str, whole: str, bar: float | None = None) -> Row:
        value = rates[rate]
        shown = "n/a" if value is None else f"{value:.1%}"
        shown += f" ({counts.get(part, 0):,} of {counts.get(whole, 0):,})"
        if bar is None or value is None:
            return Row(SECTION, measure, shown)
        return Row(SECTION, measure, shown, f"≥ {bar:.0%}", value >= bar)

    def none_of(measure: str, count: str) -> Row:
        found = counts.get(count, 0)
        return Row(SECTION, measure, f"{found:,}", "0", found == 0)

    articles = counts.get("articles", 0)
    return [
        share(f"quote recall ({articles:,} articles)", "quote recall", "matched quotes",
              "truth quotes", 0.95),
        share("quote precision", "quote precision", "matched quotes", "parsed quotes", 0.95),
        share("speaker right (of quotes found)", "speaker right", "speaker right",
              "matched quotes", 0.95),
        none_of("speaker wrong (of quotes found)", "speaker wrong"),
        share("speaker left unattributed", "speaker unattributed", "speaker unattributed",
              "matched quotes"),
        share("people recall", "people recall", "people found", "truth people", 0.9),
        share("people precision", "people precision", "people named right", "parsed people"),
        none_of("people invented", "invented people"),
        none_of("people listed twice", "duplicate people"),
        share("organisations recall", "organisations recall", "organisations found",
              "truth organisations"),
        share("captions recognised", "captions found", "captions found", "truth captions"),
        none_of("articles refused", "refused"),
    ]  # fmt: skip


def run(context: Context) -> StageResult:
    """The benchmark stage: score ``context.corpus`` against ``context.truth``."""
    started = time.monotonic()
    score = score_corpus(context.corpus, context.truth)
    figures = score.figures()
    figures["seconds"] = round(time.monotonic() - started, 1)
    return StageResult(figures=figures, rows=rows(figures))
