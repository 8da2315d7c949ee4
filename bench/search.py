"""Search on PostgreSQL at each of ``context.search_sizes``: p50/p99 with and without GIN.

For each size a child Django process (``python -m bench.search fill``) fills a
migrated scratch database ``newsroom_bench_<pid>_search_<size>`` at about 300
articles/s on the 2-core benchmark machine (285/s, 6 minutes, at 100,000),
where the importer's parser alone manages about 150:

- text from ``bench.corpus.generate``, laid out by the parser's own layout step
  (``ingest.structure``) and quote finder (``ingest.quotes``), without entity
  recognition and attribution, which are most of the parser's time and change
  nothing search reads. Quotes are unattributed and no people or organisations
  are written, so the name lookups ``search`` also makes find nothing;
- published Articles by ``bulk_create``, in chunks of ``CHUNK``; their Blocks
  and Quotes (over 40 rows per article) by COPY; no history rows;
- SearchDocuments (body and weighted vector) built by production's own bulk
  path, ``articles.search.refresh_search_documents``, once per chunk as the
  importer and ``rebuild_search`` call it: no SQL of it is replicated here;
- then VACUUM ANALYZE, the state autovacuum keeps a live site in: statistics
  for the planner, and GIN's pending list merged into the index proper.

A second child (``python -m bench.search time``) calls the search page's
function, ``articles.search.search``, for the most common words and the words
nearest to 0.01% of documents (a generated corpus may have none that rare: the
rows show the share found), once to warm up and then up to ``REPETITIONS``
times, fewer when calls take seconds. It times them again with the GIN indexes
dropped in a transaction it rolls back, and keeps EXPLAIN ANALYZE of the
slowest query a common word makes.
"""

import io
import json
import math
import os
import sys
import time
from datetime import datetime, timedelta
from itertools import islice

from .context import Context, Row, StageResult
from .environment import fresh_postgres, manage, production_env, run_stage_child

SECTION = "Search"
SEED = 2026
CHUNK = 2000  # articles per transaction: large enough for fast bulk inserts, small in memory
PROGRESS_EVERY = 20_000
REPETITIONS = 40  # timed calls per term: 3 terms × 40 = 120 samples behind each p99
QUICK_REPETITIONS = 5
# Without GIN a search takes ~10 s at 100,000 articles (every quote's text becomes a tsvector):
# a term gets MIN_REPETITIONS calls, more only until TERM_SECONDS. Rows show the call count.
MIN_REPETITIONS = 2
TERM_SECONDS = 20
TERMS_PER_CLASS = 3
RARE_SHARE = 0.0001  # "rare": in about 0.01% of documents (one in 10,000)
TARGET_MS = 50
TARGET_SIZE = 100_000  # the issue sets the target at 100,000 articles, with the index
GIN_INDEXES = ("search_document_vector", "quote_search_vector")  # migrations 0002, 0003
# Every NOT NULL column of a quote: COPY leaves out Django's defaults.
QUOTE_FIELDS = (
    *("article", "text", "kind", "verb", "first_block", "last_block", "position"),
    *("status", "created_at", "updated_at"),
)
# Lexemes and how many documents hold them; %s is the ORDER BY, one of two constants.
TERMS_SQL = """
    SELECT word, ndoc FROM ts_stat('SELECT vector FROM articles_searchdocument')
    WHERE word ~ '^[a-z]{4,}$'
      AND websearch_to_tsquery('english', word)::text = quote_literal(word)
    ORDER BY %s, word LIMIT %%(limit)s
"""


def run(context: Context) -> StageResult:
    """Fill, time and drop one scratch database per size; rows for each size and index state."""
    if context.postgres_server is None:
        reason = "skipped: no PostgreSQL server given (--postgres none)"
        return StageResult(figures={"skipped": reason}, rows=[Row(SECTION, "search", reason)])
    repetitions = QUICK_REPETITIONS if context.quick else REPETITIONS
    figures, rows = {}, []
    for size in context.search_sizes:
        measured = measure_size(context, size, repetitions)
        figures[str(size)] = measured
        rows += size_rows(size, measured)
    return StageResult(figures=figures, rows=rows)


def measure_size(context: Context, size: int, repetitions: int) -> dict:
    url = context.scratch_postgres(f"search_{size}")
    with fresh_postgres(url):
        env = production_env(context.work, url)
        manage(env, "migrate")
        print(f"   search: filling {size:,} articles", flush=True)
        filled = run_stage_child("search", env, "fill", str(size))
        print(f"   search: timing at {size:,} articles", flush=True)
        timed = run_stage_child("search", env, "time", str(repetitions))
    return {"fill": filled, **timed}


def size_rows(size: int, measured: dict) -> list[Row]:
    fill = measured["fill"]
    rows = [
        Row(
            SECTION,
            f"fill ({size:,} articles, {fill['blocks']:,} blocks, {fill['quotes']:,} quotes)",
            f"{fill['articles_per_second']:,.0f} articles/s",
        )
    ]
    for state, label in (("with_gin", "with GIN"), ("without_gin", "without GIN")):
        for kind in ("common", "rare"):
            timing = measured[state][kind]
            terms = measured["terms"][kind]
            share = sum(term["share"] for term in terms) / len(terms)
            targeted = state == "with_gin" and size >= TARGET_SIZE
            rows.append(
                Row(
                    SECTION,
                    f"{kind} terms ({share:.2%} of articles), {label}, {size:,} articles",
                    f"p50 {timing['p50_ms']:.1f} ms, p99 {timing['p99_ms']:.1f} ms "
                    f"({timing['samples']} calls)",
                    target=f"p99 < {TARGET_MS} ms" if targeted else "",
                    met=timing["p99_ms"] < TARGET_MS if targeted else None,
                )
            )
    return rows


def percentile(samples: list[float], share: float) -> float:
    """The nearest-rank percentile: a value that was actually measured."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


# ---- the children: Django is set up, DATABASE_URL names the scratch database ----


def fill(size: int) -> dict:
    """Write ``size`` published articles and their search documents; the time each part took.

    "text" is generating the articles and laying them out, "rows" writing articles,
    blocks and quotes, "search_documents" production's ``refresh_search_documents``.
    """
    from django.db import connection

    from articles.models import Block, Quote

    from .corpus import generate

    spent = {"text": 0.0, "rows": 0.0, "search_documents": 0.0}
    articles = generate(size, seed=SEED)
    started = time.perf_counter()
    for first in range(0, size, CHUNK):
        generated = time.perf_counter()
        chunk = list(islice(articles, CHUNK))
        spent["text"] += time.perf_counter() - generated
        write_chunk(chunk, first, spent)
        if (first + CHUNK) % PROGRESS_EVERY == 0:
            print(f"     {first + CHUNK:,} / {size:,} articles", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {
        "articles": size,
        "blocks": Block.objects.count(),
        "quotes": Quote.objects.count(),
        "seconds": round(seconds, 2),
        "articles_per_second": round(size / seconds, 1),
        "seconds_by_part": {part: round(value, 2) for part, value in spent.items()},
        "vacuum_analyze_seconds": round(time.perf_counter() - started - seconds, 2),
    }


def shape(generated, number: int) -> tuple[dict, list[str], list[tuple]]:
    """Headline, standfirst, paragraphs and quotes of one text, as the parser lays them out."""
    from articles.ingest import IngestError, quotes, structure
    from articles.ingest.parser import _opens_with_headline

    layout = structure.layout(generated.text)
    paragraphs = list(layout.paragraphs)
    headline = layout.meta.get("headline", "")
    if not headline and _opens_with_headline(paragraphs):
        headline = paragraphs.pop(0)
    headline = headline or structure.derive_headline(paragraphs[0]) or paragraphs[0][:100]
    short_lines = [i > 0 and structure.is_short_line(p) for i, p in enumerate(paragraphs)]
    try:
        spans = quotes.find_quotes(paragraphs, short_lines)
    except IngestError:
        spans = []  # the importer would refuse the article; its text is still worth searching
    found = [(span.text(paragraphs), span.first_block, span.last_block) for span in spans]
    meta = {"number": number, "name": generated.name, "headline": headline[:255]}
    return meta, paragraphs, found


def write_chunk(generated: list, first: int, spent: dict) -> None:
    from django.db import transaction

    from articles.search import refresh_search_documents

    started = time.perf_counter()
    shaped = [shape(item, first + offset) for offset, item in enumerate(generated)]
    spent["text"] += time.perf_counter() - started
    with transaction.atomic():
        started = time.perf_counter()
        article_ids = write_rows(shaped)
        spent["rows"] += time.perf_counter() - started
        started = time.perf_counter()
        refresh_search_documents(article_ids=article_ids)
        spent["search_documents"] += time.perf_counter() - started


def write_rows(shaped: list) -> list[int]:
    """Published articles, their blocks (the standfirst is not one, as on import) and quotes.

    Articles go through ``bulk_create``, so every column gets the model's
    default; blocks and quotes, ten or more rows per article, are COPYed with
    ids drawn from their sequences beforehand, so quotes can point at blocks.
    """
    from django.utils import timezone

    from articles.models import Article, Block, Quote

    now = timezone.now()
    articles = Article.objects.bulk_create(
        [
            Article(
                headline=meta["headline"],
                slug=f"bench-search-{meta['number']}",
                standfirst=paragraphs[0],
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=meta["number"]),
                source_file=meta["name"],
            )
            for meta, paragraphs, _ in shaped
        ]
    )
    blocks, quotes = [], []
    block_ids = iter(next_ids(Block, sum(len(paragraphs) - 1 for _, paragraphs, _ in shaped)))
    for article, (_, paragraphs, found) in zip(articles, shaped, strict=True):
        body = [None]  # parser block 0 is the standfirst, which has no row
        for position, text in enumerate(paragraphs[1:], start=1):
            body.append(next(block_ids))
            blocks.append((body[-1], article.pk, position, Block.Kind.PARAGRAPH, text))
        for position, (text, first, last) in enumerate(found):
            quotes.append((article.pk, text, Quote.Kind.DIRECT, "", body[first], body[last]))
            quotes[-1] += (position, Quote.Status.EXTRACTED, now, now)
    copy_rows(Block, ("id", "article", "position", "kind", "text"), blocks)
    copy_rows(Quote, QUOTE_FIELDS, quotes)
    return [article.pk for article in articles]


def next_ids(model, count: int) -> list[int]:
    """``count`` ids from the sequence of ``model``'s primary key, as an INSERT would take."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_rows(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """COPY ``rows`` (values in the order of ``fields``) into ``model``'s table."""
    from django.db import connection

    columns = ", ".join(model._meta.get_field(name).column for name in fields)
    data = "".join("\t".join(map(copy_value, row)) + "\n" for row in rows)
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {model._meta.db_table} ({columns}) FROM STDIN", io.StringIO(data))


def copy_value(value) -> str:
    """One field in COPY's text format: NULL as \\N, backslashes and line breaks escaped."""
    if value is None:
        return "\\N"
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def pick_terms() -> dict[str, list[dict]]:
    """The most common lexemes and those nearest to one document in 10,000, with their counts.

    Only plain words that the search query turns back into themselves, so
    searching for the lexeme finds exactly the documents ``ts_stat`` counted.
    """
    from django.db import connection

    from articles.models import SearchDocument

    documents = SearchDocument.objects.count()
    rare = max(1, round(documents * RARE_SHARE))
    picked = {}
    with connection.cursor() as cursor:
        for kind, order, parameter in (
            ("common", "ndoc DESC", None),
            ("rare", "abs(ndoc - %(rare)s)", rare),
        ):
            cursor.execute(TERMS_SQL % order, {"rare": parameter, "limit": TERMS_PER_CLASS})
            picked[kind] = [
                {"term": word, "documents": ndoc, "share": round(ndoc / documents, 5)}
                for word, ndoc in cursor.fetchall()
            ]
    return picked


def time_terms(picked: dict[str, list[dict]], repetitions: int) -> dict:
    """p50/p99 (ms) of ``search`` over every term of each class, after one warm-up call each."""
    timings = {}
    for kind, terms in picked.items():
        samples = [ms for term in terms for ms in time_term(term["term"], repetitions)]
        timings[kind] = {
            "p50_ms": round(percentile(samples, 0.50), 2),
            "p99_ms": round(percentile(samples, 0.99), 2),
            "mean_ms": round(sum(samples) / len(samples), 2),
            "samples": len(samples),
        }
    return timings


def time_term(term: str, repetitions: int) -> list[float]:
    """Milliseconds per call; fewer than ``repetitions`` once ``TERM_SECONDS`` have gone by."""
    from articles.search import search

    search(term)  # warm-up: buffers, the connection, Django's query setup
    samples: list[float] = []
    deadline = time.perf_counter() + TERM_SECONDS
    while len(samples) < repetitions and (
        len(samples) < MIN_REPETITIONS or time.perf_counter() < deadline
    ):
        started = time.perf_counter()
        search(term)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def time_search(repetitions: int) -> dict:
    """Timings with the GIN indexes, then without them (dropped in a rolled-back transaction)."""
    from django.db import connection, transaction

    picked = pick_terms()
    with_gin = time_terms(picked, repetitions)
    plan = explain_slowest([term["term"] for term in picked["common"]])
    with transaction.atomic():
        with connection.cursor() as cursor:
            for index in GIN_INDEXES:
                cursor.execute(f'DROP INDEX "{index}"')
        without_gin = time_terms(picked, repetitions)
        transaction.set_rollback(True)  # the indexes come back as they were
    return {"terms": picked, "with_gin": with_gin, "without_gin": without_gin, **plan}


def explain_slowest(terms: list[str]) -> dict:
    """EXPLAIN ANALYZE of the slowest query that searching for any of ``terms`` makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.search import search

    with CaptureQueriesContext(connection) as captured:
        for term in terms:
            search(term)
    slowest = max(captured.captured_queries, key=lambda query: float(query["time"]))
    with connection.cursor() as cursor:
        # The captured SQL has its parameters filled in by psycopg2, so it runs as it was sent.
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {slowest['sql']}")
        plan = [row[0] for row in cursor.fetchall()]
    return {"slowest_query": {"seconds": float(slowest["time"]), "plan": plan}}


def main(argv: list[str]) -> None:
    """The child's entry point: ``fill SIZE`` or ``time REPETITIONS``; prints one JSON line."""
    import django

    django.setup()
    action, number = argv[0], int(argv[1])
    result = fill(number) if action == "fill" else time_search(number)
    print(json.dumps(result))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    main(sys.argv[1:])
