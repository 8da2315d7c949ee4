"""Changes an editor makes to what stored pages and list entries show, shared by
test_renders and test_entries: each makes one and returns the text a reader
should then see (the fixtures there give the article a quote, a person and the
tag "Transport")."""

from taggit.models import Tag

from articles.models import Quote


def reject_quote(article):
    quote = article.quotes.get()
    quote.status = Quote.Status.REJECTED
    quote.save()


def rename_tag(article):
    tag = Tag.objects.get(name="Transport")
    tag.name = "Roads and bridges"
    tag.save()
    return "Roads and bridges"


def add_tag(article):
    article.tags.add("Bridges")
    return "Bridges"


def save_article(article):
    article.headline = "Bridge to close for a year"
    article.save()
    return "Bridge to close for a year"
