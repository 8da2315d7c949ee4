"""Unpublished articles and rejected quotes are absent from every public surface.

One published article and one hidden one (a draft, in review, or published
with a future date) share a person, an organisation and a tag; the hidden one
also names a person, an organisation and a tag of its own. Every public page,
feed, sitemap and search answer is then read: nothing of the hidden article,
and no rejected quote, may appear, while the published article does.
"""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from articles.models import Article, Quote
from tests.factories import (
    ArticleFactory,
    BlockFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": {"status": Article.Status.DRAFT},
    "in review": {"status": Article.Status.REVIEW},
    "scheduled": {"published_at": timezone.now() + timedelta(days=1)},
}
REJECTED_WORDS = "zanzibar marmalade"  # in rejected quotes only


def _article(headline: str, body: str, *, people, organisations, tags, **fields) -> Article:
    article = ArticleFactory(headline=headline, **fields)
    article.people.add(*people)
    article.organisations.add(*organisations)
    article.tags.add(*tags)
    block = BlockFactory(article=article, text=body)
    for person in people:
        QuoteFactory(article=article, speaker_person=person, text=f"{body} said {person.name}.")
    for organisation in organisations:
        QuoteFactory(
            article=article,
            speaker_person=None,
            speaker_organisation=organisation,
            text=f"{body} said {organisation.name}.",
            first_block=block,
            last_block=block,
        )
    return article


@pytest.fixture(params=HIDDEN.values(), ids=HIDDEN.keys())
def newsroom(request, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        shared_person = PersonFactory(name="Nadia Brook")
        shared_organisation = OrganisationFactory(name="Harbour Trust")
        published = _article(
            "Harbour wall to be rebuilt",
            "The wall is crumbling",
            people=[shared_person],
            organisations=[shared_organisation],
            tags=["Harbour"],
        )
        rejected = {"status": Quote.Status.REJECTED, "text": f"Nobody said {REJECTED_WORDS}."}
        QuoteFactory(article=published, speaker_person=shared_person, **rejected)
        QuoteFactory(
            article=published,
            speaker_person=None,
            speaker_organisation=shared_organisation,
            **rejected,
        )
        hidden = _article(
            "Embargoed xylophone exclusive",
            "Secret xylophone plans",
            people=[shared_person, PersonFactory(name="Quentin Hollis")],
            organisations=[shared_organisation, OrganisationFactory(name="Hollis Holdings Trust")],
            tags=["Harbour", "Undisclosed"],
            **request.param,
        )
    return published, hidden


def _public_surfaces(published: Article) -> dict[str, str]:
    """Every public URL that could show the hidden article, with what it must show instead."""
    headline, person, nothing = published.headline, "/people/nadia-brook/", "Nothing published"
    return {
        "/": headline,
        published.get_absolute_url(): "Nadia Brook",  # related coverage would list the hidden
        person: headline,
        "/organisations/harbour-trust/": headline,
        "/people/": "Nadia Brook",
        "/organisations/": "Harbour Trust",
        "/tags/harbour/": headline,
        "/feed/": headline,
        "/feed/atom/": headline,
        "/tags/harbour/feed/": headline,
        "/tags/harbour/feed/atom/": headline,
        f"{person}feed/": headline,
        f"{person}feed/atom/": headline,
        "/sitemap.xml": "sitemap-articles.xml",
        "/sitemap-articles.xml": published.slug,
        "/sitemap-people.xml": "nadia-brook",
        "/sitemap-organisations.xml": "harbour-trust",
        "/sitemap-tags.xml": "/tags/harbour/",
        "/news-sitemap.xml": published.slug,
        "/search/?q=harbour": headline,
        "/search/?q=xylophone": nothing,
        "/search/?q=quentin+hollis": nothing,
        "/search/?q=hollis+holdings": nothing,
        f"/search/?q={REJECTED_WORDS.split()[0]}": nothing,
    }


def test_nothing_unpublished_or_rejected_appears_on_any_public_surface(client, newsroom):
    """Pages, feeds, sitemaps, search and related coverage show the published article and
    never the hidden one, its own people, organisation or tag, or a rejected quote."""
    published, hidden = newsroom
    traces = [
        "xylophone",
        "Quentin Hollis",
        "quentin-hollis",
        "Hollis Holdings",
        "hollis-holdings",
        "Undisclosed",
        "undisclosed",
        hidden.slug,
        REJECTED_WORDS,
    ]
    for url, expected in _public_surfaces(published).items():
        response = client.get(url)
        assert response.status_code == 200, url
        # A search page repeats its query: only what it found counts.
        content = response.content.decode()
        for query in parse_qs(urlsplit(url).query).get("q", []):
            content = content.replace(query, "")
        assert expected in content, f"{expected!r} is not on {url}"
        for trace in traces:
            assert trace not in content, f"{trace!r} is on {url}"


def test_the_hidden_article_and_what_only_it_names_are_not_found(client, newsroom):
    """The hidden article's page, and pages and feeds of what only it names, answer 404."""
    _, hidden = newsroom
    for url in (
        hidden.get_absolute_url(),
        "/people/quentin-hollis/",
        "/people/quentin-hollis/feed/",
        "/organisations/hollis-holdings-trust/",
        "/tags/undisclosed/",
        "/tags/undisclosed/feed/",
        "/tags/undisclosed/feed/atom/",
    ):
        assert client.get(url).status_code == 404, url
