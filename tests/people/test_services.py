"""Merging duplicate people and organisations (people/services.py)."""

import pytest

from articles.ingest.names import normalize_name
from articles.models import Quote
from people import services
from people.models import Affiliation, Organisation, OrganisationAlias, Person, PersonAlias
from people.services import MergeError, holdings, merge_entities
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    OrganisationAliasFactory,
    OrganisationFactory,
    PersonAliasFactory,
    PersonFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicates():
    """John Smith and his duplicate J. Smith, each with quotes, mentions and aliases."""
    john = PersonFactory(name="John Smith", role="Leader of the council", biography="")
    j_smith = PersonFactory(name="J. Smith", role="Councillor", biography="Elected in 2019.")
    council = OrganisationFactory(name="Town Council")
    AffiliationFactory(person=john, organisation=council, role="Leader", is_current=False)
    AffiliationFactory(person=j_smith, organisation=council, role="Leader", is_current=True)
    AffiliationFactory(person=j_smith, organisation=OrganisationFactory(), role="Trustee")
    PersonAliasFactory(person=john, name="Cllr Smith")
    PersonAliasFactory(person=j_smith, name="Cllr Smith")
    PersonAliasFactory(person=j_smith, name="Johnny Smith")
    both = ArticleFactory()
    both.people.set([john, j_smith])
    only_j = ArticleFactory()
    only_j.people.set([j_smith])
    QuoteFactory(article=both, speaker_person=john)
    QuoteFactory(article=both, speaker_person=j_smith)
    QuoteFactory(article=only_j, speaker_person=j_smith)
    return john, j_smith


def test_merge_moves_quotes_mentions_affiliations_and_aliases(duplicates):
    """Everything moves to the survivor, duplicates collapse, and the summary counts what moved."""
    john, j_smith = duplicates
    summary = merge_entities(survivor=john, others=[j_smith])

    assert not Person.objects.filter(pk=j_smith.pk).exists()
    assert Quote.objects.filter(speaker_person=john).count() == 3
    assert john.articles.count() == 2  # the article that mentioned both keeps one mention
    assert sorted(john.aliases.values_list("name", flat=True)) == [
        "Cllr Smith",
        "J. Smith",
        "Johnny Smith",
    ]
    leader = Affiliation.objects.get(person=john, role="Leader")
    assert leader.is_current  # current if either duplicate's was
    assert john.affiliations.count() == 2
    assert (summary.quotes, summary.mentions, summary.affiliations, summary.aliases) == (2, 1, 1, 1)
    assert summary.merged_names == ["J. Smith"]


def test_merge_fills_the_survivors_blank_fields_without_overwriting(duplicates):
    """The survivor keeps its own role and takes the other's biography it lacked."""
    john, j_smith = duplicates
    merge_entities(survivor=john, others=[j_smith])
    john.refresh_from_db()
    assert john.role == "Leader of the council"
    assert john.biography == "Elected in 2019."


def test_merged_names_lead_future_imports_to_the_survivor(duplicates):
    """The importer looks names up by normalized alias: every merged name finds the survivor."""
    john, j_smith = duplicates
    merge_entities(survivor=john, others=[j_smith])
    for name in ["J. Smith", "J. SMITH", "Johnny Smith"]:
        alias = PersonAlias.objects.get(normalized=normalize_name(name))
        assert alias.person == john


def test_holdings_list_what_a_merge_would_move(duplicates):
    """Holdings count a person's quotes, articles, affiliations and aliases."""
    _, j_smith = duplicates
    assert holdings(j_smith) == services.Holdings(
        quotes=2, articles=2, affiliations=2, aliases=("Cllr Smith", "Johnny Smith")
    )


def test_merge_is_all_or_nothing(duplicates, monkeypatch):
    """A failure half-way leaves every row as it was."""
    john, j_smith = duplicates

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_move_aliases", fail)
    with pytest.raises(RuntimeError):
        merge_entities(survivor=john, others=[j_smith])
    assert Person.objects.filter(pk=j_smith.pk).exists()
    assert Quote.objects.filter(speaker_person=j_smith).count() == 2
    assert j_smith.articles.count() == 2


def test_merge_needs_another_record_of_the_same_kind():
    """Merging into itself or across kinds is refused before anything changes."""
    person = PersonFactory()
    with pytest.raises(MergeError, match="at least one other record"):
        merge_entities(survivor=person, others=[person])
    with pytest.raises(MergeError, match="same kind"):
        merge_entities(survivor=person, others=[OrganisationFactory()])


def test_merging_three_people_at_once():
    """Two others merge into one survivor in one go."""
    survivor, second, third = PersonFactory.create_batch(3)
    QuoteFactory(speaker_person=second)
    QuoteFactory(speaker_person=third)
    merge_entities(survivor=survivor, others=[second, third])
    assert Person.objects.get() == survivor
    assert survivor.quotes.count() == 2
    assert survivor.aliases.count() == 2


def test_merge_organisations_moves_children_members_quotes_and_aliases():
    """Child bodies, members, quotes, mentions and aliases move; a blank acronym is filled."""
    police = OrganisationFactory(name="Metropolitan Police Service", acronym="")
    met = OrganisationFactory(name="The Met", acronym="MPS")
    unit = OrganisationFactory(name="Trident unit", parent=met)
    OrganisationAliasFactory(organisation=met, name="Scotland Yard")
    AffiliationFactory(organisation=met, role="Commissioner")
    QuoteFactory(speaker_person=None, speaker_organisation=met)
    ArticleFactory().organisations.add(met)

    merge_entities(survivor=police, others=[met])

    unit.refresh_from_db()
    police.refresh_from_db()
    assert unit.parent == police
    assert police.acronym == "MPS"
    assert police.quotes.count() == 1
    assert police.articles.count() == 1
    assert police.affiliations.get().role == "Commissioner"
    assert set(police.aliases.values_list("name", flat=True)) == {"Scotland Yard", "The Met"}
    assert (
        OrganisationAlias.objects.get(normalized=normalize_name("The Met")).organisation == police
    )
    assert not Organisation.objects.filter(pk=met.pk).exists()


def test_merge_into_a_child_of_the_merged_organisation_does_not_make_it_its_own_parent():
    """Merging a parent into its child leaves the child without a parent."""
    parent = OrganisationFactory()
    child = OrganisationFactory(parent=parent)
    merge_entities(survivor=child, others=[parent])
    child.refresh_from_db()
    assert child.parent is None


def test_merged_people_stay_in_history(duplicates):
    """The deleted duplicate's last state is still in its history, so nothing is lost."""
    john, j_smith = duplicates
    j_smith_id = j_smith.pk
    merge_entities(survivor=john, others=[j_smith])
    last = Person.history.filter(id=j_smith_id).latest()
    assert (last.history_type, last.name, last.biography) == ("-", "J. Smith", "Elected in 2019.")
