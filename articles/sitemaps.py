"""Sitemaps for search engines: one per kind of page, and a Google News sitemap."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from newsroom.links import slug_url

from .public import public_organisations, public_people, public_tags, published_articles

NEWS_WINDOW = timedelta(days=2)  # Google News only reads articles of the last two days


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return published_articles().only("slug", "updated_at")

    def lastmod(self, article):
        return article.updated_at


class PersonSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return public_people().only("slug", "updated_at").order_by("name")

    def lastmod(self, person):
        return person.updated_at


class OrganisationSitemap(PersonSitemap):
    def items(self):
        return public_organisations().only("slug", "updated_at").order_by("name")


class TagSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return public_tags()

    def location(self, tag):
        return slug_url("articles:tag_detail", tag.slug)


class NewsSitemap(ArticleSitemap):
    """Articles published in the last two days, with the ``news:`` fields Google reads."""

    limit = 1000  # the most a news sitemap may list

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return published_articles().filter(published_at__gte=since)


SITEMAPS = {
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "organisations": OrganisationSitemap,
    "tags": TagSitemap,
}
