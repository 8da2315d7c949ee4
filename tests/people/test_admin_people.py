"""The people screens in admin: changelist, search, filters, photos, inlines, merge, history."""

import pytest
from PIL import Image
from webtest import Upload

from articles.models import Quote
from people.models import Organisation, Person
from tests.admin_pages import (
    listed,
    offered_actions,
    queries_to_show,
    run_action,
)
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    OrganisationFactory,
    PersonAliasFactory,
    PersonFactory,
    QuoteFactory,
)

from .conftest import image_bytes, png_claiming_size

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/people/person/"


def change_url(person):
    return f"/admin/people/person/{person.pk}/change/"


def test_changelist_counts_quotes_and_articles_with_links(django_app, editor_user):
    """Each row shows the role and counts that link to the person's quotes and articles."""
    person = PersonFactory(name="Ann Lee", role="Headteacher")
    for article in ArticleFactory.create_batch(2):
        article.people.add(person)
        QuoteFactory(article=article, speaker_person=person)
    QuoteFactory(speaker_person=person)
    row = django_app.get(CHANGELIST, user=editor_user).html.select_one("#result_list tbody tr")
    assert row.select_one(".field-role").get_text() == "Headteacher"
    quotes = row.select_one(".field-quote_count a")
    assert quotes.get_text() == "3"
    assert quotes["href"] == (
        f"/admin/articles/quote/?speaker_person__id__exact={person.pk}&review=all"
    )
    assert row.select_one(".field-article_count a").get_text() == "2"


def test_quote_count_link_lists_that_persons_quotes(django_app, editor_user):
    """Following the quote count lists that person's quotes, reviewed or not."""
    person = PersonFactory()
    QuoteFactory(speaker_person=person, text="Mine", status=Quote.Status.CONFIRMED)
    QuoteFactory(text="Someone else's")
    page = django_app.get(CHANGELIST, user=editor_user).click(
        href=f"speaker_person__id__exact={person.pk}&"
    )
    assert [a.get_text() for a in page.html.select("#result_list tbody th a")] == ["Mine"]


def test_search_covers_names_aliases_and_roles(django_app, editor_user):
    """Search finds people by name, alias or role."""
    PersonFactory(name="Ann Lee", role="Headteacher")
    alias = PersonAliasFactory(person__name="Robert Ray", name="Bobby Ray")
    PersonFactory(name="Cy Dee", role="Magistrate")

    def found(term):
        return listed(django_app.get(CHANGELIST, {"q": term}, user=editor_user))

    assert found("ann") == ["Ann Lee"]
    assert found("bobby") == [alias.person.name]
    assert found("magistrate") == ["Cy Dee"]


def test_filters_by_organisation_and_organisation_kind(django_app, editor_user):
    """People can be filtered by organisation and by the kind of organisation."""
    police = OrganisationFactory(name="County Police", kind=Organisation.Kind.POLICE)
    court = OrganisationFactory(name="Crown Court", kind=Organisation.Kind.COURT)
    AffiliationFactory(person__name="Officer Dee", organisation=police)
    AffiliationFactory(person__name="Judge Eff", organisation=court)
    PersonFactory(name="Nobody Inparticular")

    def filtered(params):
        return listed(django_app.get(CHANGELIST, params, user=editor_user))

    assert filtered({"organisations__id__exact": court.pk}) == ["Judge Eff"]
    assert filtered({"organisations__kind": "police"}) == ["Officer Dee"]


def test_changelist_query_count_does_not_grow_with_rows(client, editor_user, media_root):
    """Counts are annotated: 30 rows cost the same queries as 3."""
    client.force_login(editor_user)

    def queries_for_rows(total):
        while Person.objects.count() < total:
            person = PersonFactory(photo_thumbnail="people/thumbnails/x.webp")
            QuoteFactory(speaker_person=person).article.people.add(person)
            AffiliationFactory(person=person)
        return queries_to_show(client, CHANGELIST)

    assert queries_for_rows(3) == queries_for_rows(30)


def test_adding_a_person_with_a_photo_makes_webp_renditions_once(django_app, editor_user):
    """Renditions are made when the photo is saved and left alone by later edits."""
    form = django_app.get("/admin/people/person/add/", user=editor_user).forms["person_form"]
    form["name"] = "Ann Lee"
    form["photo"] = Upload("ann.jpg", image_bytes("JPEG", size=(900, 1200)), "image/jpeg")
    form.submit().follow()
    person = Person.objects.get(name="Ann Lee")
    with Image.open(person.photo_thumbnail.path) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("WEBP", (160, 160))
    with Image.open(person.photo_medium.path) as medium:
        assert (medium.format, medium.size) == ("WEBP", (480, 640))
    renditions = (person.photo_thumbnail.name, person.photo_medium.name)

    form = django_app.get(change_url(person), user=editor_user).forms["person_form"]
    form["role"] = "Headteacher"
    form.submit().follow()
    person.refresh_from_db()
    assert (person.photo_thumbnail.name, person.photo_medium.name) == renditions

    page = django_app.get(CHANGELIST, user=editor_user)
    assert page.html.select_one(".field-thumbnail img")["src"] == person.photo_thumbnail.url


def test_replacing_the_photo_makes_new_renditions(django_app, editor_user):
    """A new photo gets new renditions."""
    person = PersonFactory()
    for name in ["first.png", "second.png"]:
        form = django_app.get(change_url(person), user=editor_user).forms["person_form"]
        form["photo"] = Upload(name, image_bytes("PNG"), "image/png")
        form.submit().follow()
    person.refresh_from_db()
    assert person.photo_thumbnail.name.startswith("people/thumbnails/second")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"GIF89a not really", "not an image Pillow can read"),
        (image_bytes("GIF"), "is a GIF file"),
        (png_claiming_size(20_000, 20_000), "too many pixels"),
        (png_claiming_size(10_000, 6_000), "more than the limit"),
    ],
)
def test_bad_photo_is_refused_with_an_error_on_the_photo_field(
    django_app, editor_user, content, reason
):
    """A bad upload is refused on the photo field with its reason, and nothing is saved."""
    person = PersonFactory(role="Councillor")
    form = django_app.get(change_url(person), user=editor_user).forms["person_form"]
    form["role"] = "Changed role"
    form["photo"] = Upload("photo.png", content, "image/png")
    page = form.submit()
    assert reason in page.html.select_one(".field-photo .errorlist").get_text()
    person.refresh_from_db()
    assert (person.role, person.photo.name) == ("Councillor", "")


def test_aliases_and_affiliations_are_edited_inline(django_app, editor_user):
    """Aliases and affiliations are added from the person's form."""
    person = PersonFactory()
    council = OrganisationFactory(name="Town Council")
    form = django_app.get(change_url(person), user=editor_user).forms["person_form"]
    form["aliases-0-name"] = "Cllr Number"
    form["affiliations-TOTAL_FORMS"] = "1"
    fields = [
        ("affiliations-0-organisation", str(council.pk)),
        ("affiliations-0-role", "Leader"),
        ("affiliations-0-is_current", "on"),
    ]
    django_app.post(change_url(person), [*form.submit_fields(), *fields], user=editor_user).follow()
    assert list(person.aliases.values_list("name", flat=True)) == ["Cllr Number"]
    assert person.affiliations.get().organisation == council


def test_a_new_slug_saved_in_admin_lists_the_old_address_which_redirects(django_app, editor_user):
    """Changing a person's slug keeps the old address, shown on the form, as a redirect."""
    person = PersonFactory(name="Ann Patel", slug="ann-patel")
    ArticleFactory().people.add(person)
    form = django_app.get(change_url(person), user=editor_user).forms["person_form"]
    form["slug"] = "ann-patel-councillor"
    form.submit().follow()
    page = django_app.get(change_url(person), user=editor_user)
    cells = page.html.select("#former_slugs-group td.field-slug")
    assert [cell.get_text(strip=True) for cell in cells] == ["ann-patel"]
    assert django_app.get("/people/ann-patel/").location == "/people/ann-patel-councillor/"


@pytest.fixture
def imported_article_people():
    """Two Person rows for one man, as the importer makes them from "John Smith" and "J. Smith"."""
    john = PersonFactory(name="John Smith")
    j_smith = PersonFactory(name="J. Smith")
    article = ArticleFactory()
    article.people.set([john, j_smith])
    QuoteFactory(article=article, speaker_person=john)
    QuoteFactory(article=article, speaker_person=j_smith)
    QuoteFactory(speaker_person=j_smith)
    return john, j_smith


def start_merge(django_app, user, people):
    return run_action(django_app, CHANGELIST, user=user, action="merge_selected", objects=people)


def test_merge_confirmation_lists_what_moves_and_merges(
    django_app, editor_user, imported_article_people
):
    """The confirmation page lists what each candidate holds; confirming merges into the chosen."""
    john, j_smith = imported_article_people
    confirmation = start_merge(django_app, editor_user, [john, j_smith])
    rows = {
        tr.label.get_text(): [td.get_text(strip=True) for td in tr("td")][2:]
        for tr in confirmation.html.select("#merge-candidates tbody tr")
    }
    assert rows == {"J. Smith": ["2", "1", "0", "—"], "John Smith": ["1", "1", "0", "—"]}

    form = confirmation.forms[1]
    form["survivor"] = str(john.pk)
    done = form.submit().follow()
    assert "Merged J. Smith into John Smith: moved 2 quote(s)" in done.text
    assert list(Person.objects.all()) == [john]
    assert john.quotes.count() == 3
    assert list(john.aliases.values_list("name", flat=True)) == ["J. Smith"]


def test_merge_without_choosing_a_survivor_asks_again(
    django_app, editor_user, imported_article_people
):
    """Without a chosen survivor nothing is merged and the page asks for one."""
    confirmation = start_merge(django_app, editor_user, imported_article_people)
    again = confirmation.forms[1].submit()
    assert "Choose the record to keep." in again.text
    assert Person.objects.count() == 2


def test_merge_needs_two_people(django_app, editor_user, imported_article_people):
    """Merging one person is refused with a message."""
    page = start_merge(django_app, editor_user, imported_article_people[:1]).follow()
    assert "Select two or more people to merge." in page.text
    assert Person.objects.count() == 2


def test_reporters_cannot_merge(django_app, reporter_user, imported_article_people):
    """Merging deletes records, so only Editors are offered it."""
    page = django_app.get(CHANGELIST, user=reporter_user)
    assert "merge_selected" not in offered_actions(page)


def test_person_change_can_be_reverted_from_history(django_app, editor_user):
    """A person's old role can be put back from history."""
    person = PersonFactory(name="Ann Lee", role="Headteacher")
    form = django_app.get(change_url(person), user=editor_user).forms["person_form"]
    form["role"] = "Wrong role"
    form.submit().follow()
    first = person.history.earliest()
    revert = django_app.get(
        f"/admin/people/person/{person.pk}/history/{first.history_id}/", user=editor_user
    ).forms["historicalperson_form"]
    revert.submit().follow()
    person.refresh_from_db()
    assert person.role == "Headteacher"
