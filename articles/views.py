"""Public pages of the articles app: home, article, tag, search and robots.txt."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from taggit.models import Tag

from .article_page import build_parts, related_section, with_related_again
from .cache import KeptCountPaginator, never_cache_preview, public_page
from .content import read_content
from .entries import listed_entries, with_stored_entries
from .models import Article, ArticleEntry
from .public import article_listing, published_articles, published_with_tag
from .renders import (
    RELATED_SHOWN,
    page_origin,
    published_article,
    store_parts,
    store_related,
)
from .search import search as run_search

ARTICLES_PER_PAGE = 20


def _listing_page(request, articles, *, name: str) -> dict:
    """A page of ``articles`` and their list entries (``articles.entries``); the count
    of all the pages is kept under ``name`` (``cache.kept_count``)."""
    listing = with_stored_entries(article_listing(articles), ArticleEntry.LIST)
    paginator = KeptCountPaginator(listing, ARTICLES_PER_PAGE, name=name)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    return {"page": page, "entries": listed_entries(page.object_list)}


@public_page
def home(request):
    listing = _listing_page(request, published_articles(), name="home")
    show_lead = listing["page"].number == 1
    return render(request, "articles/home.html", {**listing, "show_lead": show_lead})


@public_page
def article_detail(request, slug):
    """A published article; staff also see unpublished ones, marked as a preview.

    Served from its stored page when that is current (``articles.renders``), its
    related articles worked out again when they are old; else built, stored for next
    time, and served.
    """
    origin = page_origin(request)
    found = published_article(slug, origin)
    if found is None:
        if not request.user.is_staff:
            raise Http404("No published article at this address.")
        article = get_object_or_404(Article, slug=slug)
        parts, related = build_parts(request, article, read_content(article), preview=True)
        return never_cache_preview(_article_response(parts, related))
    if found.parts and found.related_current:
        return _article_response(found.parts, found.related)
    article = found.article()
    if found.parts:
        parts, related = with_related_again(article, found.parts)
        store_related(article, origin, parts)
    else:
        parts, related = build_parts(request, article, read_content(article))
        store_parts(article, origin, parts)
    return _article_response(parts, related)


def _article_response(parts, related) -> HttpResponse:
    return HttpResponse(parts.page(related_section(related[:RELATED_SHOWN])))


@public_page
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    listing = _listing_page(request, published_with_tag(tag), name=f"tag:{tag.pk}")
    if not listing["entries"]:
        raise Http404("No published article has this tag.")
    return render(request, "articles/tag_detail.html", {"tag": tag, **listing})


@public_page
def search(request):
    """Search results, kept by the page cache like any public page: the same words
    asked again (a popular name, a link shared) are answered without searching."""
    results = run_search(request.GET.get("q", ""))
    return render(request, "articles/search.html", {"results": results})


@public_page
def robots_txt(request):
    sitemaps = [
        request.build_absolute_uri(reverse(name))
        for name in ("articles:sitemap_index", "articles:news_sitemap")
    ]
    context = {"sitemaps": sitemaps, "site_name": settings.SITE_NAME}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
