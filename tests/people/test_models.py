import pytest
from django.db import IntegrityError, transaction

from people.models import Organisation, Person
from tests.factories import PersonAliasFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_slug_is_made_from_the_name_and_kept_unique():
    first = PersonFactory(name="John Smith")
    second = PersonFactory(name="John Smith")
    assert first.slug == "john-smith"
    assert second.slug == "john-smith-2"


def test_slugs_are_unique_in_the_database():
    PersonFactory(name="Ann Lee", slug="ann-lee")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(name="Another Ann", slug="ann-lee")


def test_apostrophe_variants_share_one_lookup_key():
    curly = PersonFactory(name="Steve O’Connell")
    straight = Organisation.objects.create(name="O'Connell Holdings")
    assert curly.normalized_name == "steve o'connell"
    assert straight.normalized_name == "o'connell holdings"


def test_alias_is_unique_per_person_whatever_its_apostrophe():
    alias = PersonAliasFactory(name="Mr O’Connell")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonAliasFactory(person=alias.person, name="mr o'connell")


def test_person_str_and_url():
    person = PersonFactory(name="Sophie Linden")
    assert str(person) == "Sophie Linden"
    assert person.get_absolute_url() == "/people/sophie-linden/"
    org = Organisation.objects.create(name="Crown Prosecution Service")
    assert org.get_absolute_url() == "/organisations/crown-prosecution-service/"
