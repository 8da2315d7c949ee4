"""What readers may see: the querysets every public surface starts from.

Pages, feeds, sitemaps and search all build on these, so "published",
"not rejected" and "appears in something published" are decided in one place.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Min, OuterRef, Q, QuerySet
from taggit.models import Tag, TaggedItem

from people.models import Organisation, Person

from .models import Article, Quote

# What a list entry shows of each quoted speaker: its id, name and slug.
SPEAKER_FIELDS = tuple(
    f"speaker_{model}{field}"
    for model in ("person", "organisation")
    for field in ("", "__name", "__slug")
)


def published_articles(*, at: datetime | None = None) -> QuerySet[Article]:
    """Published articles whose publication time has come (by ``at``, else now),
    newest first."""
    return Article.objects.published(at=at)


def published_with_tag(tag: Tag) -> QuerySet[Article]:
    """Published articles that carry ``tag``, newest first.

    Their ids as a subquery, not the join ``filter(tags=tag)`` makes: with the
    join PostgreSQL read every article row to list a popular tag's newest 20
    (12 ms at 10,000 articles); with the ids it walks the listing index newest
    first and stops at the 20th (0.6 ms).
    """
    tagged = TaggedItem.objects.filter(
        tag=tag, content_type=ContentType.objects.get_for_model(Article)
    ).values("object_id")
    return published_articles().filter(pk__in=tagged)


def published_id_batches(size: int) -> Iterator[list[int]]:
    """The ids of all published articles, oldest first, ``size`` at a time: for commands
    that store something for each of them without holding them all."""
    ids = list(published_articles().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def visible_quotes(*, at: datetime | None = None) -> QuerySet[Quote]:
    """Quotes in published articles that an editor has not rejected, speakers joined."""
    return (
        Quote.objects.not_rejected()
        .filter(article__in=published_articles(at=at))
        .select_related("speaker_person", "speaker_organisation")
    )


def article_listing(articles: QuerySet[Article]) -> QuerySet[Article]:
    """``articles`` without the importer's bookkeeping, which no list shows; pass a
    page of them through ``with_tags`` and ``with_quoted_speakers``."""
    return articles.defer("imported_values")


def with_tags(articles: Iterable[Article]) -> list[Article]:
    """``articles`` as a list, each given ``tag_list``, its tags by name. One query.

    Not ``prefetch_related("tags")``: django-taggit builds a filtered queryset
    for each article before the prefetch fills it, 0.3 ms an article, a third of
    a listing page's time.
    """
    articles = list(articles)
    rows = TaggedItem.objects.filter(
        content_type__app_label=Article._meta.app_label,
        content_type__model=Article._meta.model_name,
        object_id__in=[article.pk for article in articles],
    ).values_list("object_id", "tag_id", "tag__name", "tag__slug")
    tags: dict[int, list[Tag]] = defaultdict(list)
    known: dict[int, Tag] = {}
    for article_id, tag_id, name, slug in rows:
        if tag_id not in known:
            known[tag_id] = Tag(pk=tag_id, name=name, slug=slug)
        tags[article_id].append(known[tag_id])
    for article in articles:
        article.tag_list = sorted(tags[article.pk], key=lambda tag: tag.name.casefold())
    return articles


def with_quoted_speakers(articles: Iterable[Article]) -> list[Article]:
    """``articles`` as a list, each given ``quoted_speakers``: the distinct people and
    organisations of its visible quotes, in order of first quote. One query in all.

    A list entry shows only names and links, so the query returns one row per
    speaker and article with just those: a page of 20 articles holds hundreds of
    quotes, and a model instance for each was a third of the page's time.
    """
    articles = list(articles)
    rows = (
        Quote.objects.not_rejected()
        .filter(article__in=[article.pk for article in articles])
        .values("article_id", *SPEAKER_FIELDS)
        .annotate(first=Min("position"))
        .order_by("article_id", "first", "speaker_person", "speaker_organisation")
    )
    speakers: dict[int, list[Person | Organisation]] = defaultdict(list)
    known: dict[tuple, Person | Organisation] = {}
    for row in rows:
        key = (row["speaker_person"], row["speaker_organisation"])
        if key == (None, None):
            continue
        if key not in known:
            known[key] = _listed_speaker(row)
        speakers[row["article_id"]].append(known[key])
    for article in articles:
        article.quoted_speakers = speakers[article.pk]
    return articles


def _listed_speaker(row: dict) -> Person | Organisation:
    """A speaker with what a list entry shows of it: name and slug (so its address)."""
    model = Person if row["speaker_person"] else Organisation
    prefix = f"speaker_{model._meta.model_name}"
    return model(pk=row[prefix], name=row[f"{prefix}__name"], slug=row[f"{prefix}__slug"])


def public_people(*, at: datetime | None = None) -> QuerySet[Person]:
    """People mentioned in, or quoted by, at least one published article."""
    published = published_articles(at=at)
    return Person.objects.filter(
        Exists(published.filter(people=OuterRef("pk")))
        | Exists(visible_quotes(at=at).filter(speaker_person=OuterRef("pk")))
    )


def public_organisations(*, at: datetime | None = None) -> QuerySet[Organisation]:
    """Organisations mentioned in, or quoted by, at least one published article."""
    published = published_articles(at=at)
    return Organisation.objects.filter(
        Exists(published.filter(organisations=OuterRef("pk")))
        | Exists(visible_quotes(at=at).filter(speaker_organisation=OuterRef("pk")))
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
