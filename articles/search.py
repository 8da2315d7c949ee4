"""Search across articles, quotes, people and organisations.

On PostgreSQL: full-text search over a weighted ``tsvector`` per article
(``SearchDocument``) and a stored one per quote (``Quote.search_vector``), both
GIN-indexed, ranked with ``SearchRank`` among the ``RANKED_MATCHES`` most
recent matches; the page's results come back with their text, which
``articles.highlight`` cuts and highlights. The queries are
compiled once per process (``articles.prepared``): compiling them anew was a
third of a search's time. On SQLite (development and the quick test run)
``articles.search_fallback`` finds rows containing every word of the query.
What a search returns, and how highlights travel, is in ``articles.search_results``.
"""

import re
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import (
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex, Upper
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from people.models import Organisation, Person

from . import search_fallback as fallback
from .highlight import MARK_START, MARK_STOP, Highlighter
from .models import Article, Block, Quote, SearchDocument, published_condition
from .prepared import PreparedQuery
from .public import public_organisations, public_people, published_articles
from .search_results import (
    ARTICLE_HIT_FIELDS,
    NAME_HIT_FIELDS,
    QUOTE_HIT_FIELDS,
    RESULTS_PER_KIND,
    NameHit,
    SearchResults,
    article_hit,
    name_hit,
    quote_hit,
    speaker_columns,
)

SEARCH_CONFIG = "english"  # the stemming dictionary; migration 0003's quote trigger uses it too
SEARCH_DICTIONARY = "english_stem"  # the dictionary SEARCH_CONFIG stems words with
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Results are the best ranked among this many most recent matches. Ranking
# every match of a word in most articles took seconds at 100,000 articles
# (`make bench`); a reader searching such a word wants recent coverage anyway.
RANKED_MATCHES = 200
_WORDS = re.compile(r"\w+")


def clean_query(raw: str) -> str:
    """The query as searched: control characters dropped, spaces squeezed, length capped."""
    text = "".join(ch if ch.isprintable() else " " for ch in raw[: MAX_QUERY_LENGTH * 2])
    text = text.replace(MARK_START, " ").replace(MARK_STOP, " ")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def query_terms(query: str) -> list[str]:
    """The distinct words of a query, at most ``MAX_TERMS`` of them."""
    return list(dict.fromkeys(word.casefold() for word in _WORDS.findall(query)))[:MAX_TERMS]


def search(raw_query: str) -> SearchResults:
    """Everything published that matches ``raw_query``; never raises on odd input."""
    query = clean_query(raw_query)
    terms = query_terms(query)
    results = SearchResults(query=query)
    if not terms:
        return results
    now = timezone.now()  # one moment for all four lists
    if connection.vendor == "postgresql":
        articles = ARTICLE_HITS.rows(query=query, words=terms, now=now)
        quotes = QUOTE_HITS.rows(query=query, words=terms, now=now)
        highlighter = _highlighter(terms, articles or quotes)
        results.articles = [
            article_hit({**row, "snippet": highlighter.snippet(row["standfirst"], row["body"])})
            for row in articles
        ]
        results.quotes = [
            quote_hit({**row, "snippet": highlighter.mark_all(row["snippet"])}) for row in quotes
        ]
    else:
        results.articles = fallback.matching_articles(terms, now)
        results.quotes = fallback.matching_quotes(terms, now)
    names = _matching_names(terms, now)
    results.people, results.organisations = names[PERSON], names[ORGANISATION]
    return results


def _highlighter(words: list[str], rows: list[dict]) -> Highlighter:
    """Marks ``words`` but the stop words, which have no stem in a row's ``stems``."""
    if not rows:
        return Highlighter.for_words(())  # nothing to mark
    stems = rows[0]["stems"]
    return Highlighter.for_words(word for word, stem in zip(words, stems, strict=True) if stem)


def _ts_query(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)


def _article_hits(*, query: str, words: list[str], now: datetime) -> QuerySet:
    """The ``RESULTS_PER_KIND`` best of the ``RANKED_MATCHES`` newest articles
    matching ``query``, with their standfirst, body and ``_stems(words)``."""
    ts_query = _ts_query(query)
    rank = SearchRank(F("search_document__vector"), ts_query)
    newest = (
        published_articles(at=now)
        .filter(search_document__vector=ts_query)
        .values("pk", "published_at", rank=rank)[:RANKED_MATCHES]
    )
    # The outer query reads only rows the subquery chose, all of them public:
    # checking publication again cost a join and its planning in every search.
    return (
        Article.objects.filter(pk__in=_best_ranked(newest))
        .annotate(
            rank=rank,
            body=F("search_document__body"),  # the subquery found it: never NULL
            stems=_stems(words),
        )
        .order_by("-rank", "-published_at", "-pk")
        .values(*ARTICLE_HIT_FIELDS, "standfirst", "body", "stems")
    )


BEST_RANKED_SQL = (
    'SELECT "pk" FROM ({newest}) AS newest ORDER BY "rank" DESC, "published_at" DESC, "pk" DESC'
    " LIMIT %s"
)


def _best_ranked(newest: QuerySet) -> RawSQL:
    """The ids of the ``RESULTS_PER_KIND`` best ranked rows of ``newest``, a values()
    queryset of ``pk``, ``rank`` and ``published_at``; the newest first among equals.

    Ranked as the matches are found, while each row is at hand: ranking them in
    the outer query read every one of the ``RANKED_MATCHES`` rows a second time
    (EXPLAIN ANALYZE at 10,000 articles, "council": articles 2.8 → 1.6 ms, quotes
    4.4 → 2.0). The ORM cannot select from a subquery, hence the SQL around it.
    """
    sql, params = newest.query.sql_with_params()
    # Only compiled SQL and a constant go in; the values stay parameters.
    return RawSQL(BEST_RANKED_SQL.format(newest=sql), (*params, RESULTS_PER_KIND))  # noqa: S611


def _stems(words: list[str]) -> Func:
    """The stem ``SEARCH_DICTIONARY`` makes of each of ``words``, NULL for a stop
    word (which has none): worked out once, when PostgreSQL plans the query."""
    template = f"(ts_lexize('{SEARCH_DICTIONARY}', %(expressions)s))[1]"
    stems = [Func(Value(word), template=template, output_field=TextField()) for word in words]
    return Func(*stems, template="ARRAY[%(expressions)s]", output_field=ArrayField(TextField()))


def _quote_hits(*, query: str, words: list[str], now: datetime) -> QuerySet:
    """The ``RESULTS_PER_KIND`` best of the ``RANKED_MATCHES`` newest visible
    quotes matching ``query``, their text as the snippet, with ``_stems(words)``."""
    ts_query = _ts_query(query)
    rank = SearchRank(F("search_vector"), ts_query)  # stored: see migration 0003
    # Publication checked on the article the quote is joined to for its date:
    # visible_quotes' subquery joined it a second time, a third of the planning.
    newest = (
        Quote.objects.not_rejected()
        .filter(published_condition(at=now, through="article__"), search_vector=ts_query)
        .order_by("-id")
        .values("pk", rank=rank, published_at=F("article__published_at"))[:RANKED_MATCHES]
    )
    return (
        Quote.objects.filter(pk__in=_best_ranked(newest))
        .annotate(rank=rank, snippet=F("text"), stems=_stems(words))
        .order_by("-rank", "-article__published_at", "-pk")
        .values(*QUOTE_HIT_FIELDS, "stems", **speaker_columns())
    )


# Neither query is a prepared statement: planned once, without the words, the
# generic plan cannot tell a word in every article from a rare one. For the
# articles query it took three times as long as planning for the word and running;
# for the quotes it read every quote holding "said" (1.1 s at 100,000 articles,
# `make bench`, against 9 ms when planned for the word, which walks the newest).
ARTICLE_HITS = PreparedQuery(_article_hits)
QUOTE_HITS = PreparedQuery(_quote_hits)


def _contains(field: str, term: str) -> GreaterThan:
    """``field`` contains ``term``, in any case. Not ``icontains``: that passes
    ``%term%`` to the database, which a prepared query cannot fill in."""
    return GreaterThan(StrIndex(Upper(field), Upper(Value(term))), 0)


def _named(model: type[Person | Organisation], terms: list[str]) -> QuerySet:
    """``model`` rows with every term in the name, an alias or another name field."""
    aliases = model.aliases.rel.related_model.objects.filter(
        **{model.aliases.field.name: OuterRef("pk")}
    )
    other_fields = ("acronym",) if model is Organisation else ()
    condition = Q()
    for term in terms:
        any_name = Q(_contains("name", term)) | Q(Exists(aliases.filter(_contains("name", term))))
        for other in other_fields:
            any_name |= Q(_contains(other, term))
        condition &= any_name
    return model.objects.filter(condition)


def _names_probe(*, terms: list[str]) -> QuerySet:
    """A row for each of people and organisations (``found``: ``"person"``,
    ``"organisation"``) of which one has every term in a name, public or not."""
    found = [
        _named(model, terms).order_by().values(found=Value(kind, output_field=TextField()))
        for kind, (model, _public) in PUBLIC_NAMES.items()
    ]
    # UNION keeps one row of each: SQLite allows no LIMIT on a UNION's parts.
    return found[0].union(*found[1:])


def _public_names(
    model: type[Person | Organisation], public: Callable[..., QuerySet], *, terms, now
) -> QuerySet:
    named = public(at=now).filter(pk__in=_named(model, terms).values("pk"))
    return named.order_by("name").values(*NAME_HIT_FIELDS[model])[:RESULTS_PER_KIND]


PERSON, ORGANISATION = "person", "organisation"
# Names are probed first, both kinds in one query: most searches name nobody, and
# then publication is never checked. Checking publication first, PostgreSQL
# joined every mention with every article before looking at a name. The probe's
# plan is the same for any words (it reads every name), so it is a prepared
# statement; it was two queries until the probes of both kinds were one.
NAMES_PROBE = PreparedQuery(_names_probe, statement="search_names_probe")
PUBLIC_PEOPLE = PreparedQuery(partial(_public_names, Person, public_people))
# The organisations' public check as a prepared statement (0.3 ms instead of 1.1,
# most of it planning); not the people's, whose generic plan took 17 ms.
PUBLIC_ORGANISATIONS = PreparedQuery(
    partial(_public_names, Organisation, public_organisations),
    statement="search_organisations",
)


# Each kind of name the probe reports: its model and the query for the public ones.
PUBLIC_NAMES = {
    PERSON: (Person, PUBLIC_PEOPLE),
    ORGANISATION: (Organisation, PUBLIC_ORGANISATIONS),
}


def _matching_names(terms: list[str], now: datetime) -> dict[str, list[NameHit]]:
    """The public people and organisations with every term in a name, by kind."""
    found = {row["found"] for row in NAMES_PROBE.rows(terms=terms)}
    return {
        kind: [name_hit(model, row) for row in public.rows(terms=terms, now=now)]
        if kind in found
        else []
        for kind, (model, public) in PUBLIC_NAMES.items()
    }


@transaction.atomic
def refresh_search_documents(*, article_ids: Iterable[int]) -> None:
    """Rebuild the search text (and on PostgreSQL the vector) of the given articles.

    Works for any status: what is public is decided when searching, so a
    scheduled article becomes findable the moment it appears.
    """
    ids = set(article_ids)
    if not ids:
        return
    # Plain values, not model instances: an import indexes hundreds of
    # articles with dozens of blocks each at a time.
    bodies = {pk: [] for pk in Article.objects.filter(pk__in=ids).values_list("pk", flat=True)}
    blocks = Block.objects.filter(article_id__in=bodies).order_by("article_id", "position", "id")
    for article_id, text in blocks.values_list("article_id", "text"):
        bodies[article_id].append(text)
    documents = [
        SearchDocument(article_id=pk, body="\n".join(texts)) for pk, texts in bodies.items()
    ]
    SearchDocument.objects.bulk_create(
        documents, update_conflicts=True, unique_fields=["article"], update_fields=["body"]
    )
    if connection.vendor == "postgresql":
        article = Article.objects.filter(pk=OuterRef("article_id"))
        SearchDocument.objects.filter(article_id__in=ids).update(
            vector=SearchVector(
                Subquery(article.values("headline")), weight="A", config=SEARCH_CONFIG
            )
            + SearchVector(Subquery(article.values("standfirst")), weight="B", config=SEARCH_CONFIG)
            + SearchVector("body", weight="C", config=SEARCH_CONFIG)
        )
