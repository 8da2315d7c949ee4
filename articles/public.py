"""What readers may see: the querysets every public surface starts from.

Pages, feeds, sitemaps and search all build on these, so "published",
"not rejected" and "appears in something published" are decided in one place.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from taggit.models import Tag

from people.models import Organisation, Person

from .models import Article, Quote


def published_articles() -> QuerySet[Article]:
    """Published articles whose publication time has come, newest first."""
    return Article.objects.published()


def visible_quotes() -> QuerySet[Quote]:
    """Quotes in published articles that an editor has not rejected, speakers joined."""
    return (
        Quote.objects.not_rejected()
        .filter(article__in=published_articles())
        .select_related("speaker_person", "speaker_organisation")
    )


def article_listing(articles: QuerySet[Article]) -> QuerySet[Article]:
    """``articles`` with what a list entry shows (tags, who is quoted) fetched up front.

    Each article gets ``visible_quote_list``; ``quoted_speakers`` turns it into names.
    """
    # A list entry shows only who is quoted: fetch each quote's speaker and
    # nothing else (a page of 20 articles has hundreds of quotes), and not the
    # importer's bookkeeping on each article.
    speakers = (
        Quote.objects.not_rejected()
        .select_related("speaker_person", "speaker_organisation")
        .only(
            *("article_id", "position", "speaker_person", "speaker_organisation"),
            *("speaker_person__name", "speaker_person__slug"),
            *("speaker_organisation__name", "speaker_organisation__slug"),
        )
    )
    return articles.defer("imported_values").prefetch_related(
        "tags", Prefetch("quotes", queryset=speakers, to_attr="visible_quote_list")
    )


def quoted_speakers(article: Article) -> list[Person | Organisation]:
    """The distinct speakers of an article's visible quotes, in order of first quote."""
    speakers: dict[tuple[str, int], Person | Organisation] = {}
    for quote in getattr(article, "visible_quote_list", []):
        speaker = quote.speaker
        if speaker is not None:
            speakers.setdefault((type(speaker).__name__, speaker.pk), speaker)
    return list(speakers.values())


def public_people() -> QuerySet[Person]:
    """People mentioned in, or quoted by, at least one published article."""
    published = published_articles()
    return Person.objects.filter(
        Exists(published.filter(people=OuterRef("pk")))
        | Exists(visible_quotes().filter(speaker_person=OuterRef("pk")))
    )


def public_organisations() -> QuerySet[Organisation]:
    """Organisations mentioned in, or quoted by, at least one published article."""
    published = published_articles()
    return Organisation.objects.filter(
        Exists(published.filter(organisations=OuterRef("pk")))
        | Exists(visible_quotes().filter(speaker_organisation=OuterRef("pk")))
    )


def public_tags() -> QuerySet[Tag]:
    """Tags used by at least one published article."""
    return Tag.objects.filter(Exists(published_articles().filter(tags=OuterRef("pk")))).order_by(
        "name"
    )


def articles_about(entity: Person | Organisation) -> QuerySet[Article]:
    """Published articles that mention ``entity`` or carry a visible quote by it."""
    # Not visible_quotes(): the outer query keeps only published articles, and
    # checking each quote's article again cost a join with every article (a
    # third of a most-quoted person's page).
    quotes = Quote.objects.not_rejected()
    if isinstance(entity, Person):
        mentioned = Article.people.through.objects.filter(person=entity)
        quoted = quotes.filter(speaker_person=entity)
    else:
        mentioned = Article.organisations.through.objects.filter(organisation=entity)
        quoted = quotes.filter(speaker_organisation=entity)
    return published_articles().filter(
        Q(pk__in=mentioned.values("article_id")) | Q(pk__in=quoted.values("article_id"))
    )
