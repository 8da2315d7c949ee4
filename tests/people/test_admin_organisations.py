"""The organisation screens in admin: changelist, search, filters, inlines, merge."""

import pytest

from people.models import Organisation
from tests.admin_pages import listed, queries_to_show, run_action
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    OrganisationAliasFactory,
    OrganisationFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/people/organisation/"


def test_changelist_counts_quotes_articles_and_current_members(django_app, editor_user):
    """Each row counts the organisation's quotes, articles and current members."""
    council = OrganisationFactory(name="Town Council")
    QuoteFactory(speaker_person=None, speaker_organisation=council)
    ArticleFactory().organisations.add(council)
    AffiliationFactory(organisation=council)
    AffiliationFactory(organisation=council, is_current=False)
    row = django_app.get(CHANGELIST, user=editor_user).html.select_one("#result_list tbody tr")
    counts = [
        row.select_one(f".field-{name}").get_text()
        for name in ["quote_count", "article_count", "member_count"]
    ]
    assert counts == ["1", "1", "1"]


def test_search_covers_names_acronyms_and_aliases(django_app, editor_user):
    """Search finds organisations by name, acronym or alias."""
    OrganisationFactory(name="Crown Prosecution Service", acronym="CPS")
    OrganisationAliasFactory(organisation__name="Metropolitan Police", name="Scotland Yard")
    OrganisationFactory(name="Town Council")

    def found(term):
        return listed(django_app.get(CHANGELIST, {"q": term}, user=editor_user))

    assert found("cps") == ["Crown Prosecution Service"]
    assert found("scotland") == ["Metropolitan Police"]
    assert found("town") == ["Town Council"]


def test_filters_by_kind_and_parent(django_app, editor_user):
    """Organisations can be filtered by kind and by parent body."""
    assembly = OrganisationFactory(name="Assembly", kind=Organisation.Kind.GOVERNMENT)
    OrganisationFactory(name="Police committee", parent=assembly)
    OrganisationFactory(name="County Police", kind=Organisation.Kind.POLICE)

    def filtered(params):
        return listed(django_app.get(CHANGELIST, params, user=editor_user))

    assert filtered({"kind__exact": "police"}) == ["County Police"]
    assert filtered({"parent__id__exact": assembly.pk}) == ["Police committee"]


def test_changelist_query_count_does_not_grow_with_rows(client, editor_user):
    """Counts are annotated: 30 rows cost the same queries as 3."""
    client.force_login(editor_user)

    def queries_for_rows(total):
        while Organisation.objects.count() < total:
            organisation = OrganisationFactory(parent=Organisation.objects.first())
            QuoteFactory(speaker_person=None, speaker_organisation=organisation)
            AffiliationFactory(organisation=organisation)
        return queries_to_show(client, CHANGELIST)

    assert queries_for_rows(3) == queries_for_rows(30)


def test_aliases_are_edited_inline(django_app, editor_user):
    """Aliases added in the form are stored with their lookup key."""
    organisation = OrganisationFactory(name="Crown Prosecution Service")
    form = django_app.get(
        f"/admin/people/organisation/{organisation.pk}/change/", user=editor_user
    ).forms["organisation_form"]
    form["aliases-0-name"] = "CPS"
    form.submit().follow()
    assert list(organisation.aliases.values_list("normalized", flat=True)) == ["cps"]


def test_merge_organisations_through_the_confirmation_page(django_app, editor_user):
    """Merging organisations leaves the survivor with the quotes and the other's name as alias."""
    police = OrganisationFactory(name="Metropolitan Police Service")
    met = OrganisationFactory(name="The Met")
    QuoteFactory(speaker_person=None, speaker_organisation=met)
    confirmation = run_action(
        django_app, CHANGELIST, user=editor_user, action="merge_selected", objects=[police, met]
    ).forms[1]
    confirmation["survivor"] = str(police.pk)
    page = confirmation.submit().follow()
    assert "Merged The Met into Metropolitan Police Service" in page.text
    assert list(Organisation.objects.all()) == [police]
    assert police.quotes.count() == 1
    assert list(police.aliases.values_list("name", flat=True)) == ["The Met"]
