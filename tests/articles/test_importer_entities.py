"""Parsed names link to the people and organisations editors curated, conservatively."""

import pytest

from articles.importer import import_article
from articles.importer.entities import is_full_name
from articles.models import Article, Quote
from people.models import Organisation, OrganisationAlias, Person, PersonAlias
from tests.articles.parsed_builders import article, organisation, person, quote
from tests.factories import OrganisationAliasFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def aliases_of(entity) -> set[str]:
    return set(entity.aliases.values_list("name", flat=True))


def test_a_full_name_links_to_the_existing_person_whatever_the_apostrophe():
    """No second row: the curly-apostrophe name links to the straight one, never renamed."""
    existing = PersonFactory(name="Steve O'Connell", role="")
    parsed = article(people=(person("Steve O’Connell", "Mr O’Connell", role="Chairman"),))
    result = import_article(parsed=parsed)

    existing.refresh_from_db()
    assert Person.objects.count() == 1
    assert existing.name == "Steve O'Connell"  # never renamed
    assert existing.role == "Chairman"  # a blank role is filled in
    assert aliases_of(existing) == {"Mr O’Connell"}  # the new form, not the name again
    assert list(Article.objects.get().people.all()) == [existing]
    assert result.people_linked == ("Steve O'Connell",) and result.people_created == ()


def test_an_existing_role_is_never_overwritten():
    existing = PersonFactory(name="Jane Okafor", role="Leader of the council")
    import_article(parsed=article(people=(person("Jane Okafor", role="Councillor"),)))
    existing.refresh_from_db()
    assert existing.role == "Leader of the council"


def test_a_merged_name_links_to_the_survivor_through_its_alias():
    """An editor merged "Stephen O'Connell" into "Steve O'Connell": the old name links."""
    survivor = PersonFactory(name="Steve O'Connell")
    PersonAlias.objects.create(person=survivor, name="Stephen O’Connell")
    parsed = article(
        people=(person("Stephen O'Connell"),),
        quotes=(quote("The police failed", "Stephen O'Connell"),),
    )
    import_article(parsed=parsed)

    assert Person.objects.count() == 1
    assert Quote.objects.get().speaker_person == survivor
    assert aliases_of(survivor) == {"Stephen O’Connell"}  # no duplicate alias added


def test_a_full_name_alias_links_when_the_parsed_name_is_unknown():
    existing = PersonFactory(name="Stephen O'Connell")
    parsed = article(people=(person("Steve O'Connell", "Stephen O'Connell"),))
    import_article(parsed=parsed)

    assert Person.objects.count() == 1
    assert aliases_of(existing) == {"Steve O'Connell"}


@pytest.mark.parametrize("weak_name", ["Mr Smith", "Smith"])
def test_a_bare_surname_or_title_and_surname_never_links_to_an_existing_person(weak_name):
    """Two different Mr Smiths must not become one person: a new candidate instead."""
    john = PersonFactory(name="John Smith")
    PersonAlias.objects.create(person=john, name="Mr Smith")
    PersonAlias.objects.create(person=john, name="Smith")
    parsed = article(people=(person(weak_name),), quotes=(quote("No comment", weak_name),))
    import_article(parsed=parsed)

    candidate = Person.objects.exclude(pk=john.pk).get()
    assert candidate.name == weak_name
    assert Quote.objects.get().speaker_person == candidate
    assert john not in Article.objects.get().people.all()


def test_a_weak_alias_alone_does_not_link_when_the_parsed_name_is_new():
    john = PersonFactory(name="John Smith")
    PersonAlias.objects.create(person=john, name="Mr Smith")
    import_article(parsed=article(people=(person("Jack Smith", "Mr Smith"),)))

    assert set(Person.objects.values_list("name", flat=True)) == {"John Smith", "Jack Smith"}
    assert aliases_of(john) == {"Mr Smith"}


def test_a_name_matching_several_people_links_to_none_and_warns():
    """No guessing: no link, no new row, no speaker, and a warning naming the candidates."""
    PersonFactory(name="John Smith", role="Councillor")
    other = PersonFactory(name="Jon Smith", role="Head teacher")
    PersonAlias.objects.create(person=other, name="John Smith")
    parsed = article(
        people=(person("John Smith", "Mr Smith"),),
        quotes=(quote("We will appeal", "John Smith"),),
    )
    result = import_article(parsed=parsed)

    assert Person.objects.count() == 2
    assert not Article.objects.get().people.exists()
    assert Quote.objects.get().speaker is None
    assert not PersonAlias.objects.filter(name="Mr Smith").exists()
    [warning] = [w for w in result.warnings if "John Smith" in w]
    assert "matches 2 existing people (John Smith, Jon Smith)" in warning
    assert result.people_created == () and result.people_linked == ()


def test_the_same_new_person_in_two_articles_is_one_row():
    import_article(parsed=article(source="a.txt", people=(person("Priya Nair", "Dr Nair"),)))
    import_article(
        parsed=article(source="b.txt", standfirst="Other.", people=(person("Priya Nair"),))
    )
    priya = Person.objects.get()
    assert priya.articles.count() == 2
    assert aliases_of(priya) == {"Dr Nair"}


def test_a_name_given_twice_in_one_article_makes_one_row():
    parsed = article(people=(person("Priya Nair", "Dr Nair"), person("Priya Nair", "Ms Nair")))
    import_article(parsed=parsed)
    assert aliases_of(Person.objects.get()) == {"Dr Nair", "Ms Nair"}


def test_an_organisation_links_by_a_short_form_an_editor_recorded():
    met = OrganisationFactory(name="Metropolitan Police Service")
    OrganisationAliasFactory(organisation=met, name="the Met")
    parsed = article(organisations=(organisation("Metropolitan Police", "the Met", "Met Police"),))
    import_article(parsed=parsed)

    assert Organisation.objects.count() == 1
    assert met.name == "Metropolitan Police Service"
    assert aliases_of(met) == {"the Met", "Metropolitan Police", "Met Police"}


def test_an_organisation_links_by_its_acronym_field():
    hmic = OrganisationFactory(name="Her Majesty's Inspectorate of Constabulary", acronym="HMIC")
    parsed = article(
        organisations=(organisation("HM Inspectorate of Constabulary", "HMIC", acronym="HMIC"),),
        quotes=(
            quote("We will inspect", "HMIC", speaker_kind="organisation"),
            quote(
                "The report is due", "HM Inspectorate of Constabulary", speaker_kind="organisation"
            ),
        ),
    )
    import_article(parsed=parsed)

    assert Organisation.objects.count() == 1
    assert aliases_of(hmic) == {"HM Inspectorate of Constabulary"}
    assert {q.speaker_organisation for q in Quote.objects.all()} == {hmic}


def test_an_existing_organisation_gets_a_blank_acronym_and_kind_filled_in():
    cps = OrganisationFactory(name="Crown Prosecution Service", acronym="", kind="other")
    parsed = article(
        organisations=(
            organisation("Crown Prosecution Service", "CPS", acronym="CPS", kind="court"),
        )
    )
    import_article(parsed=parsed)
    cps.refresh_from_db()
    assert (cps.acronym, cps.kind) == ("CPS", "court")
    assert cps.history.first().history_change_reason == "import"


def test_an_organisation_known_only_by_its_acronym_takes_the_full_name_when_spelt_out():
    """An article that said only "the CPS" left a placeholder; the next one names it."""
    placeholder = OrganisationFactory(name="CPS", acronym="CPS")
    parsed = article(
        organisations=(organisation("Crown Prosecution Service", "CPS", acronym="CPS"),)
    )
    import_article(parsed=parsed)
    placeholder.refresh_from_db()
    assert Organisation.objects.count() == 1
    assert (placeholder.name, placeholder.acronym) == ("Crown Prosecution Service", "CPS")
    assert placeholder.normalized_name == "crown prosecution service"


def test_an_organisation_an_editor_named_is_not_renamed_by_an_acronym_match():
    curated = OrganisationFactory(name="Crown Prosecution Service (England)", acronym="CPS")
    import_article(
        parsed=article(organisations=(organisation("Crown Prosecutors", "CPS", acronym="CPS"),))
    )
    curated.refresh_from_db()
    assert curated.name == "Crown Prosecution Service (England)"


def test_an_acronym_shared_by_two_organisations_links_to_neither():
    OrganisationFactory(name="Crown Prosecution Service", acronym="CPS")
    OrganisationFactory(name="Child Protection Service", acronym="CPS")
    parsed = article(organisations=(organisation("CPS"),))
    result = import_article(parsed=parsed)

    assert Organisation.objects.count() == 2
    assert not OrganisationAlias.objects.exists()
    assert any("matches 2 existing organisations" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ("Sophie Linden", True),
        ("Mr John Biggs", True),
        ("Steve O’Connell", True),
        ("Mr O’Connell", False),
        ("Ms Linden", False),
        ("Biggs", False),
        ("Cllr Biggs", False),
    ],
)
def test_only_a_given_name_and_a_surname_count_as_a_full_name(name, full):
    assert is_full_name(name) is full
