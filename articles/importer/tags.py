"""Set an article's tags in a fixed number of queries.

taggit's ``article.tags.set()`` looks every tag up on its own (the site's tags
are case-insensitive) and inserts each new one in its own savepoint: about a
dozen queries per tag. This writes taggit's own ``Tag`` and ``TaggedItem`` rows
with the same matching rule, in at most six queries whatever the tag count
(four for a whole batch of new articles).
"""

from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from articles.models import Article

from .bulk import insert_rows, unique_slugs


def write_tags(article: Article, names: list[str], *, is_new: bool) -> None:
    """Give ``article`` exactly the tags ``names`` (matched ignoring case, created if new)."""
    if is_new:
        tag_new_articles([(article, names)])
        return
    through = Article.tags.through
    tags = _tags_named(names)
    wanted_ids = {tags[name.casefold()].pk for name in names}
    content_type = ContentType.objects.get_for_model(Article)
    items = through.objects.filter(content_type=content_type, object_id=article.pk)
    current = dict(items.values_list("tag_id", "pk"))
    if stale := [pk for tag_id, pk in current.items() if tag_id not in wanted_ids]:
        through.objects.filter(pk__in=stale).delete()
    through.objects.bulk_create(
        [
            through(tag_id=tag_id, content_type=content_type, object_id=article.pk)
            for tag_id in wanted_ids - current.keys()
        ]
    )


def tag_new_articles(tagged: list[tuple[Article, list[str]]]) -> None:
    """Give each new article its tags, in at most four queries for all of them.

    The tagged items go in as plain rows (``insert_rows``): a batch has some
    three hundred, and ``bulk_create`` built and prepared a model instance for each.
    """
    tags = _tags_named([name for _, names in tagged for name in names])
    content_type_id = ContentType.objects.get_for_model(Article).pk
    rows = [
        (tag_id, content_type_id, article.pk)
        for article, names in tagged
        for tag_id in sorted({tags[name.casefold()].pk for name in names})
    ]
    insert_rows(Article.tags.through, ("tag_id", "content_type_id", "object_id"), rows)


def _tags_named(names: list[str]) -> dict:
    """Casefolded name → Tag for each of ``names``, creating those no tag has (three queries)."""
    tag_model = Article.tags.through.tag_model()
    wanted = {name.casefold(): name for name in names}
    tags = {}
    if wanted:
        same_name = reduce(or_, (Q(name__iexact=name) for name in wanted.values()))
        tags = {tag.name.casefold(): tag for tag in tag_model.objects.filter(same_name)}
    missing = [name for key, name in wanted.items() if key not in tags]
    new_tags = [
        tag_model(name=name, slug=slug)
        for name, slug in zip(
            missing, unique_slugs(tag_model, missing, make_slug=tag_model().slugify), strict=True
        )
    ]
    for tag in tag_model.objects.bulk_create(new_tags):
        tags[tag.name.casefold()] = tag
    return tags
