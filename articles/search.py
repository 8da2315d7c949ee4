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
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Concat, Left

from people.models import Organisation, Person

from .models import Article, Block, Quote, SearchDocument
from .public import public_organisations, public_people, published_articles, visible_quotes

SEARCH_CONFIG = "english"  # the stemming dictionary; migration 0003's quote trigger uses it too
MARK_START, MARK_STOP = "\ue000", "\ue001"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
RESULTS_PER_KIND = 20
# Results are the best ranked among this many most recent matches. Ranking
# every match of a word in most articles took seconds at 100,000 articles
# (`make bench`); a reader searching such a word wants recent coverage anyway.
RANKED_MATCHES = 200
# Snippets are cut from the standfirst and this much of the body: highlighting
# parses its whole input, and a whole article was half of a search's time.
SNIPPET_SOURCE_CHARACTERS = 3000
# A name probe passes at most this many ids on to the publication check; a word
# in more names than that (a one-letter query) is checked as a subquery instead.
NAME_CANDIDATES = 200
_WORDS = re.compile(r"\w+")


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
        results.articles = _postgres_articles(ts_query)
        results.quotes = _postgres_quotes(ts_query)
    else:
        results.articles = _fallback_articles(terms)
        results.quotes = _fallback_quotes(terms)
    results.people = _matching_names(Person, public_people, terms, "aliases__name")
    results.organisations = _matching_names(
        Organisation, public_organisations, terms, "aliases__name", "acronym"
    )
    return results


def _postgres_articles(ts_query: SearchQuery) -> list[Article]:
    vector = F("search_document__vector")
    matches = published_articles().filter(search_document__vector=ts_query)
    # The outer query reads only rows the subquery chose, all of them public:
    # checking publication again cost a join and its planning in every search.
    return list(
        Article.objects.filter(pk__in=matches.values("pk")[:RANKED_MATCHES])
        .defer("imported_values")
        .annotate(
            rank=SearchRank(vector, ts_query),
            snippet=SearchHeadline(
                Concat(
                    "standfirst",
                    Value("\n"),
                    Left("search_document__body", SNIPPET_SOURCE_CHARACTERS),
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


def _postgres_quotes(ts_query: SearchQuery) -> list[Quote]:
    vector = F("search_vector")  # stored and GIN-indexed: see migration 0003
    matches = visible_quotes().filter(search_vector=ts_query).order_by("-id")
    return list(
        Quote.objects.filter(pk__in=matches.values("pk")[:RANKED_MATCHES])
        .select_related("article", "speaker_person", "speaker_organisation")
        .defer("search_vector", "article__imported_values")
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
    """About ``width`` characters of ``text`` around the first of ``terms`` it contains."""
    folded = text.casefold()
    hits = [folded.find(term) for term in terms if term in folded]
    start = max(0, min(hits, default=0) - width // 3)
    snippet = text[start : start + width].strip()
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
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
