"""What a search finds, as the results page shows it (``search.html``).

Results are plain values, not model instances: the page shows a few fields of
each, and on PostgreSQL they come from queries compiled once
(``articles.prepared``), which return rows.

Highlights travel as plain text with two private-use marker characters around
each match (``articles.highlight``); the ``highlight`` template filter escapes the
text and only then turns the markers into ``<mark>``, so nothing from an article
becomes markup.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db.models import OuterRef, Subquery

from newsroom.links import slug_url
from people.models import Organisation, Person

RESULTS_PER_KIND = 20
# The fields each kind of row holds: only what the page shows (loading only
# these made the quote query about a sixth faster at 100,000 articles).
ARTICLE_HIT_FIELDS = ("headline", "slug", "published_at")  # and the snippet, cut from the text
QUOTE_HIT_FIELDS = ("pk", "kind", "snippet", "article__slug", "article__headline")
NAME_HIT_FIELDS = {Person: ("name", "slug", "role"), Organisation: ("name", "slug", "kind")}


def speaker_columns() -> dict[str, Subquery]:
    """A quote row's speaker fields besides ``QUOTE_HIT_FIELDS``
    (``speaker_person_slug``, ``speaker_organisation_name``…), each a subquery of the
    speaker's row.

    Not joins: PostgreSQL runs a subquery in the select list for the page's
    quotes only, once ranked, where joins took part in planning (a third of the
    query's time) and in ranking all the matches.
    """
    columns = {}
    for model in (Person, Organisation):
        name = model._meta.model_name
        speaker = model.objects.filter(pk=OuterRef(f"speaker_{name}")).order_by()
        for field_name in ("slug", "name"):
            columns[f"speaker_{name}_{field_name}"] = Subquery(speaker.values(field_name))
    return columns


@dataclass(frozen=True)
class ArticleHit:
    headline: str
    url: str
    published_at: datetime
    snippet: str  # with highlight markers


@dataclass(frozen=True)
class QuoteHit:
    pk: int
    kind: str
    snippet: str  # with highlight markers
    article_headline: str
    article_url: str
    speaker_name: str = ""  # none for an unattributed quote
    speaker_url: str = ""


@dataclass(frozen=True)
class NameHit:
    name: str
    url: str
    note: str  # a person's role, an organisation's kind


@dataclass
class SearchResults:
    query: str
    articles: list[ArticleHit] = field(default_factory=list)
    quotes: list[QuoteHit] = field(default_factory=list)
    people: list[NameHit] = field(default_factory=list)
    organisations: list[NameHit] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.articles) + len(self.quotes) + len(self.people) + len(self.organisations)


def article_hit(row: dict) -> ArticleHit:
    """An article row (``ARTICLE_HIT_FIELDS`` and its ``snippet``) as a result."""
    url = slug_url("articles:article_detail", row["slug"])
    return ArticleHit(row["headline"], url, row["published_at"], row["snippet"])


def quote_hit(row: dict) -> QuoteHit:
    """A quote row (``QUOTE_HIT_FIELDS`` and ``speaker_columns``) as a result."""
    hit = QuoteHit(
        pk=row["pk"],
        kind=row["kind"],
        snippet=row["snippet"],
        article_headline=row["article__headline"],
        article_url=slug_url("articles:article_detail", row["article__slug"]),
    )
    for model in (Person, Organisation):
        prefix = f"speaker_{model._meta.model_name}"
        if slug := row[f"{prefix}_slug"]:
            url = speaker_url(model, slug)
            return replace(hit, speaker_name=row[f"{prefix}_name"], speaker_url=url)
    return hit


def name_hit(model: type[Person | Organisation], row: dict) -> NameHit:
    """A person or organisation row (``NAME_HIT_FIELDS``) as a result."""
    url = speaker_url(model, row["slug"])
    if model is Person:
        return NameHit(row["name"], url, row["role"])
    return NameHit(row["name"], url, Organisation.Kind(row["kind"]).label)


def speaker_url(model: type[Person | Organisation], slug: str) -> str:
    """The address of a person's or organisation's page, as ``get_absolute_url`` gives it."""
    return slug_url(f"people:{model._meta.model_name}_detail", slug)
