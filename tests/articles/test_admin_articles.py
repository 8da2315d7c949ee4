"""The article screens in admin: changelist, search, filters, forms, workflow actions, history."""

from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article, Correction, Quote
from people.models import Person
from tests.admin_pages import (
    listed,
    queries_to_show,
    submit_with_added_fields,
)
from tests.factories import (
    ArticleFactory,
    BlockFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def test_changelist_shows_state_quote_count_speakers_and_attention_flags(
    django_app, editor_user, imported_article
):
    """One row tells the editor what the article is, who is quoted and what needs review."""
    row = django_app.get(CHANGELIST, user=editor_user).html.select_one("#result_list tbody tr")
    cells = {td["class"][0].removeprefix("field-"): td.get_text(strip=True) for td in row("td")}
    assert cells["publication_state"] == "Draft"
    assert cells["quote_count"] == "3"
    assert cells["who_is_quoted"] == "John Smith, J. Smith"
    assert cells["needs_attention"] == "provisional headline; 3 unreviewed quote(s)"


def test_scheduled_article_is_listed_as_scheduled(django_app, editor_user):
    """A published article with a future date shows as scheduled, not as published."""
    ArticleFactory(published_at=timezone.now() + timedelta(days=2))
    page = django_app.get(CHANGELIST, user=editor_user)
    assert "Scheduled for" in page.html.select_one(".field-publication_state").get_text()


@pytest.mark.parametrize(
    ("term", "found"),
    [("Budget vote", "Budget vote delayed"), ("reopens", "Ring road"), ("mayoral", "Mayor")],
)
def test_search_covers_headline_standfirst_and_body(
    django_app, editor_user, django_capture_on_commit_callbacks, term, found
):
    """Search finds words in the headline, the standfirst or any body paragraph
    (once saved: on PostgreSQL the body is found through its search index)."""
    ArticleFactory(headline="Budget vote delayed", standfirst="Nothing here.")
    ArticleFactory(headline="Ring road", standfirst="The ring road reopens on Friday.")
    with django_capture_on_commit_callbacks(execute=True):
        mayor = ArticleFactory(headline="Mayor", standfirst="A quiet week.")
        BlockFactory(article=mayor, text="The mayoral election is in May.")
        BlockFactory(article=mayor, text="A second paragraph mentioning mayoral duties.")
    page = django_app.get(CHANGELIST, {"q": term}, user=editor_user)
    assert listed(page) == [found]


def test_search_needs_every_word_somewhere_in_the_article(
    django_app, editor_user, django_capture_on_commit_callbacks
):
    """Words may be spread over headline and body; a quoted phrase must appear as written."""
    with django_capture_on_commit_callbacks(execute=True):
        budget = ArticleFactory(headline="Budget approved", standfirst="")
        BlockFactory(article=budget, text="The library stays open on Sundays.")
    ArticleFactory(headline="Budget delayed", standfirst="")
    assert listed(django_app.get(CHANGELIST, {"q": "budget library"}, user=editor_user)) == [
        "Budget approved"
    ]
    phrase = django_app.get(CHANGELIST, {"q": '"open on Sundays"'}, user=editor_user)
    assert listed(phrase) == ["Budget approved"]
    assert listed(django_app.get(CHANGELIST, {"q": '"Sundays open"'}, user=editor_user)) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
def test_search_finds_headline_and_standfirst_words_through_trigram_indexes(editor_user):
    """An editor's search does not read every article to test its headline and standfirst:
    each is looked up in its trigram index (a name at 10,000 articles: 17 ms a query
    reading every row, 3 ms through the indexes), as is the body in its search vector."""
    ArticleFactory.create_batch(3)
    request = RequestFactory().get(CHANGELIST, {"q": "Fothergill"})
    request.user = editor_user
    article_admin = site._registry[Article]
    found, _ = article_admin.get_search_results(request, Article.objects.all(), "Fothergill")
    sql, params = found.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for index in ("article_headline_trigram", "article_standfirst_trigram"):
        assert f"Bitmap Index Scan on {index}" in plan, plan
    assert "Bitmap Index Scan on search_document_vector" in plan, plan


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("draft", ["Draft one"]),
        ("review", ["In review one"]),
        ("scheduled", ["Scheduled one"]),
        ("live", ["Live one"]),
    ],
)
def test_publication_state_filter(django_app, editor_user, state, expected):
    """Each publication state lists only its articles; scheduled and live are told apart."""
    ArticleFactory(headline="Draft one", status=Article.Status.DRAFT)
    ArticleFactory(headline="In review one", status=Article.Status.REVIEW)
    ArticleFactory(headline="Scheduled one", published_at=timezone.now() + timedelta(hours=3))
    ArticleFactory(headline="Live one")
    page = django_app.get(CHANGELIST, {"state": state}, user=editor_user)
    assert listed(page) == expected


@pytest.mark.parametrize(
    ("attention", "expected"),
    [
        ("headline", ["Provisional"]),
        ("quotes", ["Unreviewed"]),
        ("any", ["Unreviewed", "Provisional"]),
        ("none", ["Clean"]),
    ],
)
def test_needs_attention_filter(django_app, editor_user, attention, expected):
    """Articles with a provisional headline or unreviewed quotes are listed together or apart."""
    now = timezone.now()
    ArticleFactory(headline="Provisional", headline_needs_review=True, published_at=now)
    unreviewed = ArticleFactory(headline="Unreviewed", published_at=now + timedelta(seconds=1))
    QuoteFactory(article=unreviewed, status=Quote.Status.EXTRACTED)
    clean = ArticleFactory(headline="Clean", published_at=now - timedelta(days=1))
    QuoteFactory(article=clean, status=Quote.Status.CONFIRMED)
    page = django_app.get(CHANGELIST, {"attention": attention}, user=editor_user)
    assert listed(page) == expected


def test_tag_person_and_organisation_filters(django_app, editor_user):
    """Filters narrow the list to articles with a tag or mentioning a person or organisation."""
    tagged = ArticleFactory(headline="Tagged")
    tagged.tags.add("Transport")
    with_person = ArticleFactory(headline="With person")
    person = PersonFactory()
    with_person.people.add(person)
    with_organisation = ArticleFactory(headline="With organisation")
    organisation = OrganisationFactory()
    with_organisation.organisations.add(organisation)
    ArticleFactory(headline="Unrelated")

    def filtered(params):
        return listed(django_app.get(CHANGELIST, params, user=editor_user))

    assert filtered({"tag": "transport"}) == ["Tagged"]
    assert filtered({"people__id__exact": person.pk}) == ["With person"]
    assert filtered({"organisations__id__exact": organisation.pk}) == ["With organisation"]


def test_date_hierarchy_narrows_to_a_year(django_app, editor_user):
    """The date drill-down lists only articles published in the chosen year."""
    ArticleFactory(headline="This year")
    ArticleFactory(headline="Long ago", published_at=timezone.now().replace(year=2001))
    page = django_app.get(CHANGELIST, {"published_at__year": 2001}, user=editor_user)
    assert listed(page) == ["Long ago"]


def test_changelist_query_count_does_not_grow_with_rows(client, editor_user):
    """Counts are annotated and speakers prefetched: 30 rows cost the same queries as 3."""
    client.force_login(editor_user)

    def queries_for_rows(total):
        while Article.objects.count() < total:
            article = ArticleFactory()
            article.tags.add(f"tag {article.pk}")
            article.people.add(PersonFactory())
            QuoteFactory(article=article)
            QuoteFactory(article=article, speaker_person=None, speaker_organisation=None)
        return queries_to_show(client, CHANGELIST)

    assert queries_for_rows(3) == queries_for_rows(30)


def test_change_form_groups_fields_and_shows_import_details_read_only(
    django_app, editor_user, imported_article
):
    """Fields come in named groups; the source file is shown but cannot be edited."""
    page = django_app.get(change_url(imported_article), user=editor_user)
    legends = [h2.get_text(strip=True) for h2 in page.html.select("fieldset h2")]
    assert {"Publication", "Mentioned", "Import"} <= set(legends)
    readonly = page.html.select_one(".field-source_file .readonly").get_text(strip=True)
    assert readonly == imported_article.source_file
    assert "source_file" not in page.forms["article_form"].fields


def test_change_form_uses_autocomplete_for_people_organisations_and_tags(
    django_app, editor_user, imported_article
):
    """People, organisations, tags and quote speakers are picked with autocomplete widgets."""
    html = django_app.get(change_url(imported_article), user=editor_user).html
    for name in ["people", "organisations", "tags", "quotes-0-speaker_person"]:
        assert "admin-autocomplete" in html.select_one(f"select[name={name}]")["class"]


def test_tags_picked_with_autocomplete_are_saved(django_app, editor_user, imported_article):
    """The tag widget submits tag ids; the article ends up with exactly the chosen tags."""
    from taggit.models import Tag

    transport = Tag.objects.create(name="Transport")
    form = django_app.get(change_url(imported_article), user=editor_user).forms["article_form"]
    form["tags"].force_value([str(transport.pk)])
    form.submit().follow()
    assert list(imported_article.tags.names()) == ["Transport"]


def test_tag_autocomplete_answers_with_matching_tags(django_app, editor_user):
    """Typing in the tag widget offers the existing tags that match."""
    ArticleFactory().tags.add("Transport", "Housing")
    answer = django_app.get(
        "/admin/autocomplete/",
        {"term": "trans", "app_label": "articles", "model_name": "article", "field_name": "tags"},
        user=editor_user,
    ).json
    assert [result["text"] for result in answer["results"]] == ["Transport"]


def test_quote_inline_shows_the_paragraph_each_quote_came_from(
    django_app, editor_user, imported_article
):
    """Each quote row in the article form shows the paragraph it was found in."""
    html = django_app.get(change_url(imported_article), user=editor_user).html
    paragraphs = [cell.get_text(strip=True) for cell in html.select("td.field-paragraph")]
    assert paragraphs[0].startswith("¶2: “We have listened to residents")


def test_view_on_site_link_points_at_the_article_page(django_app, editor_user, imported_article):
    """A draft gets a preview link to its public address (the site shows drafts to staff)."""
    html = django_app.get(change_url(imported_article), user=editor_user).html
    link = html.select_one("a.viewsitelink")
    assert link["href"] == "/articles/the-town-council-will-press-ahead/"
    assert link.get_text(strip=True) == "Preview (staff only)"


def test_add_article_through_the_form(django_app, reporter_user):
    """A reporter writes a new draft from scratch."""
    form = django_app.get("/admin/articles/article/add/", user=reporter_user).forms["article_form"]
    form["headline"] = "Bus lane consultation opens"
    form["slug"] = "bus-lane-consultation-opens"
    form["standfirst"] = "Residents have six weeks to comment."
    form.submit().follow()
    article = Article.objects.get(slug="bus-lane-consultation-opens")
    assert article.status == Article.Status.DRAFT


def test_replacing_the_provisional_headline_clears_the_flag(
    django_app, editor_user, imported_article
):
    """Saving a new headline unticks 'needs review' and tells the editor so."""
    form = django_app.get(change_url(imported_article), user=editor_user).forms["article_form"]
    form["headline"] = "Library will open next spring, council leader says"
    page = form.submit().follow()
    imported_article.refresh_from_db()
    assert imported_article.headline == "Library will open next spring, council leader says"
    assert imported_article.headline_needs_review is False
    assert "no longer marked provisional" in page.text


def test_editor_appends_a_dated_correction(django_app, editor_user):
    """An editor adds a correction with its date from the article form."""
    article = ArticleFactory()
    form = django_app.get(change_url(article), user=editor_user).forms["article_form"]
    form["corrections-TOTAL_FORMS"] = "1"
    submit_with_added_fields(
        django_app,
        form,
        user=editor_user,
        fields={
            "corrections-0-text": "The meeting was on Tuesday, not Monday.",
            "corrections-0-created_at_0": "2026-03-02",
            "corrections-0-created_at_1": "09:30:00",
        },
    ).follow()
    correction = Correction.objects.get(article=article)
    assert correction.text == "The meeting was on Tuesday, not Monday."
    assert timezone.localtime(correction.created_at).date().isoformat() == "2026-03-02"


def test_reassigning_a_speaker_in_the_inline_confirms_the_quote(
    django_app, editor_user, imported_article
):
    """A speaker changed in the article form confirms that quote and leaves the others extracted."""
    mary = Person.objects.get(name="Mary Jones")
    form = django_app.get(change_url(imported_article), user=editor_user).forms["article_form"]
    form["quotes-1-speaker_person"].force_value(str(mary.pk))
    form.submit().follow()
    reassigned = imported_article.quotes.get(position=1)
    untouched = imported_article.quotes.get(position=0)
    assert (reassigned.speaker_person, reassigned.status) == (mary, Quote.Status.CONFIRMED)
    assert untouched.status == Quote.Status.EXTRACTED


def test_history_records_who_changed_what_and_reverts(django_app, editor_user, imported_article):
    """An editor can see who changed the headline and put the old one back from history."""
    original = imported_article.headline
    form = django_app.get(change_url(imported_article), user=editor_user).forms["article_form"]
    form["headline"] = "A worse headline"
    form.submit().follow()

    history = django_app.get(
        f"/admin/articles/article/{imported_article.pk}/history/", user=editor_user
    )
    assert "editor-in-test" in history.text
    first_version = imported_article.history.earliest()
    revert = django_app.get(
        f"/admin/articles/article/{imported_article.pk}/history/{first_version.history_id}/",
        user=editor_user,
    ).forms["historicalarticle_form"]
    assert revert["headline"].value == original
    revert.submit().follow()
    imported_article.refresh_from_db()
    assert imported_article.headline == original
    assert imported_article.history.latest().history_user == editor_user
