"""schema.org JSON-LD for article, person and organisation pages.

Builds plain dicts; the ``json_ld`` template tag serialises and escapes them.
"""

from django.conf import settings
from django.http import HttpRequest

from people.models import Organisation, Person

from .models import Article, Quote

CONTEXT = "https://schema.org"


def _photo_url(request: HttpRequest, person: Person) -> str | None:
    photo = person.photo_medium or person.photo
    return request.build_absolute_uri(photo.url) if photo else None


def entity_ld(request: HttpRequest, entity: Person | Organisation) -> dict:
    """A short Person or Organization node that links to the entity's page."""
    node = {
        "@type": "Person" if isinstance(entity, Person) else "Organization",
        "name": entity.name,
        "url": request.build_absolute_uri(entity.get_absolute_url()),
    }
    if isinstance(entity, Person) and entity.role:
        node["jobTitle"] = entity.role
    return node


def publisher_ld(article: Article | None = None) -> dict:
    name = (article.publication if article else "") or settings.SITE_NAME
    return {"@type": "Organization", "name": name}


def quotation_ld(request: HttpRequest, quote: Quote) -> dict:
    node = {"@type": "Quotation", "text": quote.text}
    if quote.speaker is not None:
        speaker = entity_ld(request, quote.speaker)
        node["creator"] = speaker
        if isinstance(quote.speaker, Person):
            node["spokenByCharacter"] = speaker
    return node


def article_ld(
    request: HttpRequest,
    article: Article,
    *,
    people: list[Person],
    organisations: list[Organisation],
    quotes: list[Quote],
    tags: list[str],
) -> dict:
    """A NewsArticle with its author, publisher, the entities it mentions and its quotes."""
    url = request.build_absolute_uri(article.get_absolute_url())
    publisher = publisher_ld(article)
    author = {"@type": "Person", "name": article.byline} if article.byline else publisher
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": (article.published_at or article.created_at).isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "author": [author],
        "publisher": publisher,
        "keywords": tags,
        "mentions": [entity_ld(request, entity) for entity in [*people, *organisations]],
        "hasPart": [quotation_ld(request, quote) for quote in quotes],
    }
    speakers = {(type(q.speaker), q.speaker.pk): q.speaker for q in quotes if q.speaker}
    if speakers:
        data["about"] = [entity_ld(request, speaker) for speaker in speakers.values()]
    images = [url for person in people if (url := _photo_url(request, person))]
    if images:
        data["image"] = images
    return data


def person_ld(request: HttpRequest, person: Person, affiliations: list) -> dict:
    data = {"@context": CONTEXT, **entity_ld(request, person)}
    if person.biography:
        data["description"] = person.biography
    if image := _photo_url(request, person):
        data["image"] = image
    if affiliations:
        data["affiliation"] = [entity_ld(request, a.organisation) for a in affiliations]
    return data


def organisation_ld(request: HttpRequest, organisation: Organisation, members: list) -> dict:
    data = {"@context": CONTEXT, **entity_ld(request, organisation)}
    if organisation.description:
        data["description"] = organisation.description
    if organisation.acronym:
        data["alternateName"] = organisation.acronym
    if members:
        data["member"] = [entity_ld(request, a.person) for a in members]
    return data
