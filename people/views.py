"""Public pages for people and organisations: index pages and one page each."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from articles.cache import KeptCountPaginator, kept_count, never_cache_preview, public_page
from articles.entries import quote_groups, speaker_place
from articles.public import (
    public_organisations,
    public_people,
    visible_quotes,
)
from articles.structured_data import organisation_ld, person_ld

from .models import Organisation, Person
from .pages import ArticlesAbout, read_organisation, read_person

ENTITIES_PER_PAGE = 60
ARTICLES_PER_ENTITY_PAGE = 20


def _entity_page(request, entity, template: str, extra: dict):
    """Quotes and coverage, a page of articles at a time: a councillor quoted in
    thousands of articles gets a page as quick to build as one quoted once."""
    page = KeptCountPaginator(
        ArticlesAbout(entity),
        ARTICLES_PER_ENTITY_PAGE,
        name=f"{speaker_place(entity)}:articles",
    ).get_page(request.GET.get("page"))
    articles = list(page.object_list)
    groups = quote_groups(articles, entity)
    preview = not articles
    if preview and not request.user.is_staff:
        raise Http404("Nothing published mentions this name yet.")
    context = {
        "entity": entity,
        "quote_groups": groups,
        "quote_count": _quote_count(entity) if groups else 0,
        "articles": articles,
        "page": page,
        "preview": preview,
        **extra,
    }
    response = render(request, template, context)
    return never_cache_preview(response) if preview else response


def _quote_count(entity: Person | Organisation) -> int:
    def count() -> int:  # the queryset only when counting: building it costs too
        speaker = f"speaker_{entity._meta.model_name}"
        return visible_quotes().filter(**{speaker: entity}).count()

    return kept_count(f"{speaker_place(entity)}:quotes", count)


def _moved(request, public, slug: str):
    """A permanent redirect from an address a page or feed had before a merge or a
    new slug to the same URL with the current slug; 404 when there is none, or
    when readers may not see the page it leads to (``public()``; staff see all)."""
    entities = public()
    if request.user.is_staff:
        entities = entities.model.objects.all()
    entity = entities.filter(former_slugs__slug=slug).first()
    if entity is None:
        raise Http404("No page has this address.")
    return redirect(request.resolver_match.view_name, slug=entity.slug, permanent=True)


def person_feed_or_moved(feed):
    """``feed`` for a person's slug; a former slug redirects to the feed under the
    new one, so subscriptions survive a merge or a new slug."""

    def view(request, slug):
        try:
            return feed(request, slug=slug)
        except Http404:
            return _moved(request, public_people, slug)

    return view


@public_page
def person_detail(request, slug):
    found = read_person(slug)
    if found is None:
        return _moved(request, public_people, slug)
    person, affiliations = found
    return _entity_page(
        request,
        person,
        "people/person_detail.html",
        {"affiliations": affiliations, "structured_data": person_ld(request, person, affiliations)},
    )


@public_page
def organisation_detail(request, slug):
    found = read_organisation(slug)
    if found is None:
        return _moved(request, public_organisations, slug)
    organisation, members = found
    return _entity_page(
        request,
        organisation,
        "people/organisation_detail.html",
        {"members": members, "structured_data": organisation_ld(request, organisation, members)},
    )


@public_page
def person_list(request):
    page = Paginator(public_people().order_by("name"), ENTITIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "people/person_list.html", {"page": page})


@public_page
def organisation_list(request):
    page = Paginator(public_organisations().order_by("name"), ENTITIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "people/organisation_list.html", {"page": page})
