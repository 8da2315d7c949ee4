"""What a person's or an organisation's page reads (``people.pages``): the speaker with
their affiliations, and a page of the articles about them, as the ORM would give them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.entries import quote_groups
from articles.models import Article, Quote
from articles.public import articles_about
from people.pages import ArticlesAbout, read_organisation, read_person
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db


def test_a_person_comes_with_current_affiliations_first_and_their_organisations(
    django_assert_num_queries,
):
    """Current roles first, then by organisation name; each organisation read with them."""
    person = PersonFactory(name="Dana Hart")
    AffiliationFactory(person=person, organisation=OrganisationFactory(name="Zeta Trust"))
    AffiliationFactory(
        person=person, organisation=OrganisationFactory(name="Avon Board"), is_current=False
    )
    AffiliationFactory(person=person, organisation=OrganisationFactory(name="Bury Council"))
    read_person(person.slug)  # a connection's first read also prepares the statements
    with django_assert_num_queries(2):
        found, affiliations = read_person(person.slug)
        shown = [(a.organisation.name, a.is_current, a.person.name) for a in affiliations]
    assert found == person and found.name == "Dana Hart"
    assert shown == [
        ("Bury Council", True, "Dana Hart"),
        ("Zeta Trust", True, "Dana Hart"),
        ("Avon Board", False, "Dana Hart"),
    ]


def test_an_organisation_comes_with_its_parent_and_its_members_current_first(
    django_assert_num_queries,
):
    """Its parent and each member's person read with it, in two queries."""
    parent = OrganisationFactory(name="Rudstone Council")
    organisation = OrganisationFactory(name="Planning Committee", parent=parent)
    AffiliationFactory(organisation=organisation, person=PersonFactory(name="Cal West"))
    AffiliationFactory(
        organisation=organisation, person=PersonFactory(name="Abe Lowe"), is_current=False
    )
    AffiliationFactory(organisation=organisation, person=PersonFactory(name="Bea Moss"))
    read_organisation(organisation.slug)  # prepares the statements on a new connection
    with django_assert_num_queries(2):
        found, members = read_organisation(organisation.slug)
        shown = [(m.person.name, m.is_current, m.organisation.name) for m in members]
        assert found == organisation and found.parent == parent
    assert shown == [
        ("Bea Moss", True, "Planning Committee"),
        ("Cal West", True, "Planning Committee"),
        ("Abe Lowe", False, "Planning Committee"),
    ]
    assert read_organisation(parent.slug)[0].parent is None


def test_an_unknown_slug_finds_no_one():
    assert read_person("nobody") is None
    assert read_organisation("nothing") is None


def test_the_articles_about_a_speaker_are_the_published_ones_newest_first_a_page_at_a_time():
    """Mentioned or quoted (not only in a rejected quote), published and due, newest
    first: the same articles, in the same order, as ``articles_about`` gives."""
    person = PersonFactory()
    now = timezone.now()
    mentioned = [ArticleFactory(published_at=now - timedelta(days=day)) for day in range(5)]
    for article in mentioned:
        article.people.add(person)
    quoted = ArticleFactory(published_at=now - timedelta(hours=12))
    QuoteFactory(article=quoted, speaker_person=person)
    rejected = ArticleFactory()
    QuoteFactory(article=rejected, speaker_person=person, status=Quote.Status.REJECTED)
    draft = ArticleFactory(status=Article.Status.DRAFT)
    draft.people.add(person)
    scheduled = ArticleFactory(published_at=now + timedelta(days=1))
    scheduled.people.add(person)

    listing = ArticlesAbout(person)
    expected = list(articles_about(person).order_by("-published_at", "-id"))
    assert [a.headline for a in listing[0:3]] == [a.headline for a in expected[:3]]
    assert listing[3:6] == expected[3:6] and len(listing[3:6]) == 3
    assert set(expected) == {*mentioned, quoted} and listing.count() == 6


def test_a_listed_article_carries_its_stored_entry_once_the_page_has_stored_it():
    """The quote group a speaker's page stored is read back with the articles, so the
    next page shows it without building it again."""
    organisation = OrganisationFactory()
    article = ArticleFactory()
    QuoteFactory(article=article, speaker_person=None, speaker_organisation=organisation)
    [listed] = ArticlesAbout(organisation)[0:20]
    assert listed.stored_entry is None
    [group] = quote_groups([listed], organisation)  # builds and stores it
    [again] = ArticlesAbout(organisation)[0:20]
    assert again.stored_entry == group and again.published_at == article.published_at
