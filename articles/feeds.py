"""RSS and Atom feeds: latest articles, and the articles of one tag or one person.

``LatestArticlesFeed`` holds what every feed shares; the tag and person feeds
narrow its items, and each has an Atom twin that only changes the format.
"""

from io import StringIO, TextIOBase

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from newsroom.links import slug_url

from .public import (
    article_listing,
    articles_about,
    public_people,
    public_tags,
    published_articles,
    published_with_tag,
    with_tags,
)

FEED_LENGTH = 30


class WrittenWhole:
    """A feed generator that hands the response the whole feed in one write.

    Given a response, Django's generators write each tag and string of the feed
    into it through a text wrapper, about 1,200 writes for 30 items, each paying
    for the wrapper and ``HttpResponse.write``. Written into a ``StringIO`` first,
    a request for the feed took 4.8 ms instead of 5.4 (``bench/HISTORY.md``).
    """

    def write(self, outfile, encoding):
        if isinstance(outfile, TextIOBase):
            super().write(outfile, encoding)
            return
        whole = StringIO()
        super().write(whole, encoding)
        outfile.write(whole.getvalue())


class Rss(WrittenWhole, Rss201rev2Feed):
    pass


class Atom(WrittenWhole, Atom1Feed):
    pass


class LatestArticlesFeed(Feed):
    """The newest published articles (RSS 2.0)."""

    feed_type = Rss

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: latest articles"

    def link(self, obj=None):
        return reverse("articles:home")

    def description(self, obj=None):
        return f"The latest articles published by {settings.SITE_NAME}."

    subtitle = description  # Atom's name for the description

    def author_name(self, obj=None):
        return settings.SITE_NAME

    def articles(self, obj):
        return published_articles()

    def items(self, obj=None):
        return with_tags(article_listing(self.articles(obj))[:FEED_LENGTH])

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # Feed readers treat the description as HTML: escape the plain text first.
        return escape(item.standfirst)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or item.publication or settings.SITE_NAME

    def item_categories(self, item):
        return [tag.name for tag in item.tag_list]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom


class TagFeed(LatestArticlesFeed):
    """Published articles with one tag."""

    def get_object(self, request, slug):
        return get_object_or_404(public_tags(), slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: articles tagged {obj.name}"

    def link(self, obj=None):
        return slug_url("articles:tag_detail", obj.slug)

    def description(self, obj=None):
        return f"Articles about {obj.name}."

    subtitle = description

    def articles(self, obj):
        return published_with_tag(obj)


class TagAtomFeed(TagFeed):
    feed_type = Atom


class PersonFeed(LatestArticlesFeed):
    """Published articles that mention or quote one person."""

    def get_object(self, request, slug):
        return get_object_or_404(public_people(), slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: articles about {obj.name}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return f"Articles that mention or quote {obj.name}."

    subtitle = description

    def articles(self, obj):
        return articles_about(obj)


class PersonAtomFeed(PersonFeed):
    feed_type = Atom
