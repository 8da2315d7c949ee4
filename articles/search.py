"""Search across articles, quotes, people and organisations.

On PostgreSQL: full-text search over a weighted ``tsvector`` per article
(``SearchDocument``) and a stored one per quote (``Quote.search_vector``), both
GIN-indexed, ranked with ``SearchRank`` among the ``RANKED_MATCHES`` most
recent matches and highlighted with ``SearchHeadline``. On SQLite
(development and the quick test run) a fallback that finds rows containing
every word of the query and highlights the words in Python.

Highlights travel as plain text with two private-use marker characters around
each match; the ``highlight`` template filter escapes the text and only then
turns the markers into ``<mark>``, so nothing from an article becomes markup.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F, Func, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce, Concat, Greatest, Least, Length

from people.models import Organisation, Person

from .models import Article, Block, Quote, SearchDocument
from .public import public_organisations, public_people, published_articles, visible_quotes

SEARCH_CONFIG = "english"  # the stemming dictionary; migration 0003's quote trigger uses it too
SEARCH_DICTIONARY = "english_stem"  # the dictionary SEARCH_CONFIG stems words with
MARK_START, MARK_STOP = "\ue000", "\ue001"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
RESULTS_PER_KIND = 20
# Results are the best ranked among this many most recent matches. Ranking
# every match of a word in most articles took seconds at 100,000 articles
# (`make bench`); a reader searching such a word wants recent coverage anyway.
RANKED_MATCHES = 200
# Snippets are cut from the standfirst and a window of the body around the first
# word that starts with a query word's stem: highlighting parses its whole input.
# The first 3,000 characters of every result took half of a search's time at
# 100,000 articles (`make bench`) and missed words further down.
SNIPPET_WINDOW_CHARACTERS = 900
SNIPPET_WINDOW_LEAD = 300  # of them before the word, for the sentence it is in
SNIPPET_SPAN_CHARACTERS = 3000  # from the first query word found to the last
SNIPPET_LOCATING_TERMS = 3  # the query's first words looked for: each is a scan of the body
# A name probe passes at most this many ids on to the publication check; a word
# in more names than that (a one-letter query) is checked as a subquery instead.
NAME_CANDIDATES = 200
_WORDS = re.compile(r"\w+")
_SPACE = re.compile(r"\s")
# What the results show (search.html): loading only these made the quote query
# about a sixth faster at 100,000 articles.
ARTICLE_RESULT_FIELDS = ("headline", "slug", "published_at")
QUOTE_RESULT_FIELDS = (
    "kind",
    *("article__slug", "article__headline"),
    *("speaker_person__slug", "speaker_person__name"),
    *("speaker_organisation__slug", "speaker_organisation__name"),
)


@dataclass
class SearchResults:
    query: str
    articles: list[Article] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.articles) + len(self.quotes) + len(self.people) + len(self.organisations)


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
    if connection.vendor == "postgresql":
        ts_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        results.articles = _postgres_articles(ts_query, terms)
        results.quotes = _postgres_quotes(ts_query)
    else:
        results.articles = _fallback_articles(terms)
        results.quotes = _fallback_quotes(terms)
    results.people = _matching_names(Person, public_people, terms, "aliases__name")
    results.organisations = _matching_names(
        Organisation, public_organisations, terms, "aliases__name", "acronym"
    )
    return results


def _postgres_articles(ts_query: SearchQuery, terms: list[str]) -> list[Article]:
    vector = F("search_document__vector")
    matches = published_articles().filter(search_document__vector=ts_query)
    # The outer query reads only rows the subquery chose, all of them public:
    # checking publication again cost a join and its planning in every search.
    return list(
        Article.objects.filter(pk__in=matches.values("pk")[:RANKED_MATCHES])
        .only(*ARTICLE_RESULT_FIELDS)
        .annotate(
            rank=SearchRank(vector, ts_query),
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
        .order_by("-rank", "-published_at")[:RESULTS_PER_KIND]
    )


def _stem(word: str) -> Func:
    """The stem ``SEARCH_DICTIONARY`` makes of ``word``: NULL for a stop word, which has none."""
    template = f"(ts_lexize('{SEARCH_DICTIONARY}', %(expressions)s))[1]"
    return Func(Value(word), template=template, output_field=TextField())


def _word_start(text: str, word: str) -> CombinedExpression:
    """Where the first word of ``text`` that begins with ``word``'s stem starts
    (1-based, any case); NULL if none does or ``word`` is a stop word."""
    # The length of the text before that word, plus one: a lazy first quantifier
    # makes the match the first one. (PostgreSQL 15's regexp_instr says it directly;
    # Django 5.2 supports PostgreSQL 14.) \m is the start of a word; query words
    # are \w+ runs, so no stem holds regex syntax.
    pattern = Func(
        _stem(word), template=r"'(?i)^(.*?)\m' || %(expressions)s", output_field=TextField()
    )
    before = Func(text, pattern, function="substring", output_field=TextField())
    return Length(before) + 1


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


def _postgres_quotes(ts_query: SearchQuery) -> list[Quote]:
    vector = F("search_vector")  # stored and GIN-indexed: see migration 0003
    matches = visible_quotes().filter(search_vector=ts_query).order_by("-id")
    return list(
        Quote.objects.filter(pk__in=matches.values("pk")[:RANKED_MATCHES])
        .select_related("article", "speaker_person", "speaker_organisation")
        .only(*QUOTE_RESULT_FIELDS)
        .annotate(
            rank=SearchRank(vector, ts_query),
            snippet=SearchHeadline(
                "text",
                ts_query,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                highlight_all=True,
            ),
        )
        .order_by("-rank", "-article__published_at")[:RESULTS_PER_KIND]
    )


def _every_term(terms: list[str], *lookups: str) -> Q:
    condition = Q()
    for term in terms:
        any_field = Q()
        for lookup in lookups:
            any_field |= Q(**{f"{lookup}__icontains": term})
        condition &= any_field
    return condition


def _fallback_articles(terms: list[str]) -> list[Article]:
    articles = list(
        published_articles()
        .filter(_every_term(terms, "headline", "standfirst", "search_document__body"))
        .annotate(document_body=F("search_document__body"))[:RESULTS_PER_KIND]
    )
    for article in articles:
        text = f"{article.standfirst}\n{article.document_body or ''}"
        article.snippet = mark_terms(excerpt(text, terms), terms)
    return articles


def _fallback_quotes(terms: list[str]) -> list[Quote]:
    quotes = list(
        visible_quotes()
        .filter(_every_term(terms, "text"))
        .select_related("article")
        .order_by("-article__published_at", "position")[:RESULTS_PER_KIND]
    )
    for quote in quotes:
        quote.snippet = mark_terms(quote.text, terms)
    return quotes


def _matching_names(
    model: type[Person | Organisation],
    public: Callable[[], QuerySet],
    terms: list[str],
    *other_lookups: str,
) -> list[Person | Organisation]:
    """The ``public()`` people or organisations with every term in a name.

    Names are probed first, in a query of their own: most searches name nobody,
    and then the publication check is never built (building its two subqueries
    was a fifth of a search's time at 100,000 articles). Checking publication
    first, PostgreSQL joined every mention with every article before looking at
    a name.
    """
    named = model.objects.filter(_every_term(terms, "name", *other_lookups))
    # Rows, not distinct ids: a name and an alias can both match, and a probe
    # that stopped at the limit must not pass for all the names there are.
    probed = list(named.values_list("pk", flat=True)[: NAME_CANDIDATES + 1])
    if not probed:
        return []
    ids = named.values("pk") if len(probed) > NAME_CANDIDATES else set(probed)
    return list(public().filter(pk__in=ids).order_by("name")[:RESULTS_PER_KIND])


def excerpt(text: str, terms: list[str], *, width: int = 240) -> str:
    """About ``width`` characters of ``text`` around the first of ``terms`` it
    contains, in whole words."""
    folded = text.casefold()
    hits = [folded.find(term) for term in terms if term in folded]
    first = min(hits, default=0)
    start = max(0, first - width // 3)
    if start > 0 and (space := _SPACE.search(text, start, first)):
        start = space.end()  # not halfway through a word
    end = start + width
    if end < len(text) and not text[end].isspace():
        end = max(text.rfind(" ", first, end), text.rfind("\n", first, end), first + 1)
    snippet = text[start:end].strip()
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return f"{prefix}{snippet}{suffix}"


def mark_terms(text: str, terms: list[str]) -> str:
    """Surround each occurrence of any of ``terms`` (any case) with the highlight markers."""
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    return pattern.sub(lambda match: f"{MARK_START}{match.group(0)}{MARK_STOP}", text)


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
