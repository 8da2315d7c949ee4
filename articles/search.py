"""Search across articles, quotes, people and organisations.

On PostgreSQL: full-text search over a weighted ``tsvector`` per article
(``SearchDocument``) and a stored one per quote (``Quote.search_vector``), both
GIN-indexed, ranked with ``SearchRank`` among the ``RANKED_MATCHES`` most
recent matches and highlighted with ``SearchHeadline``. The queries are
compiled once per process (``articles.prepared``): compiling them anew was a
third of a search's time. On SQLite (development and the quick test run)
``articles.search_fallback`` finds rows containing every word of the query.
What a search returns, and how highlights travel, is in ``articles.search_results``.
"""

import re
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import NamedTuple

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import (
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, Concat, Greatest, Least, NullIf, StrIndex, Upper
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from people.models import Organisation, Person

from . import search_fallback as fallback
from .models import Article, Block, Quote, SearchDocument
from .prepared import PreparedQuery
from .public import public_organisations, public_people, published_articles, visible_quotes
from .search_results import (
    ARTICLE_HIT_FIELDS,
    MARK_START,
    MARK_STOP,
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
# Snippets are cut from the standfirst and a window of the body around the first
# word that starts with a query word's stem: highlighting parses its whole input.
# The first 3,000 characters of every result took half of a search's time at
# 100,000 articles (`make bench`) and missed words further down.
SNIPPET_WINDOW_CHARACTERS = 400  # a snippet is at most 40 words, some 250 characters
SNIPPET_WINDOW_LEAD = 120  # of them before the word, for the sentence it is in
SNIPPET_SPAN_CHARACTERS = 3000  # from the first query word found to the last
SNIPPET_LOCATING_TERMS = 3  # the query's first words looked for: each is a scan of the body
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
        located = terms[:SNIPPET_LOCATING_TERMS]
        articles = ARTICLE_HITS.rows(query=query, terms=located, now=now)
        results.articles = [article_hit(row) for row in articles]
        results.quotes = [quote_hit(row) for row in QUOTE_HITS.rows(query=query, now=now)]
    else:
        results.articles = fallback.matching_articles(terms, now)
        results.quotes = fallback.matching_quotes(terms, now)
    results.people = _matching_names(PEOPLE, terms, now)
    results.organisations = _matching_names(ORGANISATIONS, terms, now)
    return results


def _ts_query(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)


def _article_hits(*, query: str, terms: list[str], now: datetime) -> QuerySet:
    """The ``RESULTS_PER_KIND`` best of the ``RANKED_MATCHES`` newest articles
    matching ``query``, each with a snippet around the first of ``terms``."""
    ts_query = _ts_query(query)
    matches = published_articles(at=now).filter(search_document__vector=ts_query)
    # The outer query reads only rows the subquery chose, all of them public:
    # checking publication again cost a join and its planning in every search.
    return (
        Article.objects.filter(pk__in=matches.values("pk")[:RANKED_MATCHES])
        .annotate(
            rank=SearchRank(F("search_document__vector"), ts_query),
            snippet=SearchHeadline(
                Concat(
                    "standfirst",
                    Value("\n"),
                    _body_window("search_document__body", terms),
                    output_field=TextField(),
                ),
                ts_query,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=40,
                min_words=20,
            ),
        )
        .order_by("-rank", "-published_at")
        .values(*ARTICLE_HIT_FIELDS)[:RESULTS_PER_KIND]
    )


def _stem(word: str) -> Func:
    """The stem ``SEARCH_DICTIONARY`` makes of ``word``: NULL for a stop word, which has none."""
    template = f"(ts_lexize('{SEARCH_DICTIONARY}', %(expressions)s))[1]"
    return Func(Value(word), template=template, output_field=TextField())


def _word_start(text: str, word: str) -> Least:
    """Where ``word``'s stem first appears in ``text``, in lower case or capitalised
    (1-based); NULL if it does not or ``word`` is a stop word.

    Two plain substring scans, not a search for a word start in any case: that
    regular expression took as long as highlighting the snippet did (`make bench`).
    The stem may be found inside another word ("rate" in "separate"); the window
    is then off the mark and the snippet shows less of the word, not something wrong.
    """
    stem = _stem(word)
    found = [
        Func(text, form, function="strpos", output_field=IntegerField())
        for form in (stem, Func(stem, function="initcap", output_field=TextField()))
    ]
    return Least(*(NullIf(position, Value(0)) for position in found))  # skips NULL


def _body_window(body: str, terms: list[str]) -> Func:
    """The stretch of ``body`` from a little before the first of the query's first
    words it holds to a little after the last, at most ``SNIPPET_SPAN_CHARACTERS``;
    ``SNIPPET_WINDOW_CHARACTERS`` from its beginning when it holds none of them
    (they are in the headline or standfirst, or only a form that starts differently).

    A snippet highlights only a stretch holding every word, so the stretch
    reaches from the first to the last of them."""
    found = [_word_start(body, term) for term in terms[:SNIPPET_LOCATING_TERMS]]
    first = Least(*found) if len(found) > 1 else found[0]
    start = Greatest(first - SNIPPET_WINDOW_LEAD, 1)  # GREATEST skips NULL: none found
    length = Value(SNIPPET_WINDOW_CHARACTERS)
    if len(found) > 1:  # each mention of the body is read again: one word needs no reach
        reach = Greatest(*found) + (SNIPPET_WINDOW_CHARACTERS - SNIPPET_WINDOW_LEAD) - start
        length = Least(Coalesce(reach, length), SNIPPET_SPAN_CHARACTERS)
    # Cut from the body with a space put at each end, less the partial words at
    # both ends of the cut: a snippet may run from or up to either end.
    padded = Func(body, template="(' ' || %(expressions)s || ' ')", output_field=TextField())
    cut = Func(padded, start, length, function="substr", output_field=TextField())
    partial_ends = (Value(r"^\S*\s|\s\S*$"), Value(""), Value("g"))
    return Func(cut, *partial_ends, function="regexp_replace", output_field=TextField())


def _quote_hits(*, query: str, now: datetime) -> QuerySet:
    """The ``RESULTS_PER_KIND`` best of the ``RANKED_MATCHES`` newest visible
    quotes matching ``query``, each highlighted."""
    ts_query = _ts_query(query)
    matches = visible_quotes(at=now).filter(search_vector=ts_query).order_by("-id")
    return (
        Quote.objects.filter(pk__in=matches.values("pk")[:RANKED_MATCHES])
        .annotate(
            rank=SearchRank(F("search_vector"), ts_query),  # stored: see migration 0003
            snippet=SearchHeadline(
                "text",
                ts_query,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                highlight_all=True,
            ),
        )
        .order_by("-rank", "-article__published_at")
        .values(*QUOTE_HIT_FIELDS, **speaker_columns())[:RESULTS_PER_KIND]
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


def _name_probe(model: type[Person | Organisation], *, terms: list[str]) -> QuerySet:
    return _named(model, terms).values("pk")[:1]


def _public_names(
    model: type[Person | Organisation], public: Callable[..., QuerySet], *, terms, now
) -> QuerySet:
    named = public(at=now).filter(pk__in=_named(model, terms).values("pk"))
    return named.order_by("name").values(*NAME_HIT_FIELDS[model])[:RESULTS_PER_KIND]


class _Names(NamedTuple):
    model: type[Person | Organisation]
    probe: PreparedQuery
    public: PreparedQuery


PEOPLE = _Names(
    Person,
    PreparedQuery(partial(_name_probe, Person)),
    PreparedQuery(partial(_public_names, Person, public_people)),
)
# The organisations' public check as a prepared statement (0.3 ms instead of 1.1,
# most of it planning); not the people's, whose generic plan took 17 ms.
ORGANISATIONS = _Names(
    Organisation,
    PreparedQuery(partial(_name_probe, Organisation)),
    PreparedQuery(
        partial(_public_names, Organisation, public_organisations),
        statement="search_organisations",
    ),
)


def _matching_names(names: _Names, terms: list[str], now: datetime) -> list[NameHit]:
    """The public people or organisations with every term in a name.

    Names are probed first, in a query of their own: most searches name nobody,
    and then publication is never checked. Checking publication first,
    PostgreSQL joined every mention with every article before looking at a name.
    """
    if not names.probe.rows(terms=terms):
        return []
    return [name_hit(names.model, row) for row in names.public.rows(terms=terms, now=now)]


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
