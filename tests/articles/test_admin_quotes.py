"""The quote review queue in admin: default filter, actions, context, speaker changes."""

import pytest

from articles.models import Quote
from people.models import Person
from tests.admin_pages import listed, queries_to_show, run_action
from tests.factories import ArticleFactory, BlockFactory, OrganisationFactory, QuoteFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/articles/quote/"


def change_url(quote):
    return f"/admin/articles/quote/{quote.pk}/change/"


@pytest.fixture
def quotes_in_each_state():
    article = ArticleFactory()
    return {
        status: QuoteFactory(article=article, text=f"A {status} quote", status=status)
        for status in Quote.Status.values
    }


def test_queue_shows_only_unreviewed_quotes_by_default(
    django_app, editor_user, quotes_in_each_state
):
    """The review queue opens on extracted quotes, with that filter shown as selected."""
    page = django_app.get(QUEUE, user=editor_user)
    assert listed(page) == ["A extracted quote"]
    selected = page.html.select_one("#changelist-filter li.selected").get_text(strip=True)
    assert selected == "Extracted (not yet reviewed)"


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        ("confirmed", ["A confirmed quote"]),
        ("rejected", ["A rejected quote"]),
        ("all", ["A extracted quote", "A confirmed quote", "A rejected quote"]),
    ],
)
def test_review_status_filter(django_app, editor_user, quotes_in_each_state, review, expected):
    """The queue can show confirmed, rejected or all quotes instead."""
    page = django_app.get(QUEUE, {"review": review}, user=editor_user)
    assert listed(page) == expected


def test_queue_row_shows_quote_speaker_and_article(django_app, editor_user, imported_article):
    """Each queue row names the speaker and the article."""
    row = django_app.get(QUEUE, user=editor_user).html.select_one("#result_list tbody tr")
    assert row.select_one(".field-speaker").get_text(strip=True) == "John Smith"
    assert row.select_one(".field-article_link").get_text(strip=True) == imported_article.headline


def test_kind_filter_and_search_by_speaker(django_app, editor_user):
    """Quotes can be filtered by kind and found by the speaker's name."""
    QuoteFactory(text="Direct words", kind=Quote.Kind.DIRECT, speaker_person__name="Ann Lee")
    QuoteFactory(text="Reported words", kind=Quote.Kind.INDIRECT, speaker_person__name="Bo Ray")
    by_kind = django_app.get(QUEUE, {"kind__exact": "indirect"}, user=editor_user)
    assert listed(by_kind) == ["Reported words"]
    by_speaker = django_app.get(QUEUE, {"q": "ann lee"}, user=editor_user)
    assert listed(by_speaker) == ["Direct words"]


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("ferry", ["The ferry must run"]),
        ("Harbour Trust", ["We are listening"]),
        ("Budget row", ["Not a penny more"]),
        ("ferry penny", []),
        ('"must run"', ["The ferry must run"]),
    ],
)
def test_search_covers_quote_speaker_and_headline(django_app, editor_user, term, found):
    """Every word must be in the quote, its speaker's name or its article's headline."""
    QuoteFactory(text="The ferry must run", speaker_person__name="Ann Lee")
    trust = OrganisationFactory(name="Harbour Trust")
    QuoteFactory(text="We are listening", speaker_person=None, speaker_organisation=trust)
    QuoteFactory(text="Not a penny more", article=ArticleFactory(headline="Budget row"))
    assert listed(django_app.get(QUEUE, {"q": term}, user=editor_user)) == found


@pytest.mark.parametrize(
    ("action", "status"), [("confirm", Quote.Status.CONFIRMED), ("reject", Quote.Status.REJECTED)]
)
def test_bulk_confirm_and_reject(django_app, editor_user, imported_article, action, status):
    """The selected quotes, and only those, get the chosen status."""
    chosen = list(imported_article.quotes.all()[:2])
    run_action(django_app, QUEUE, user=editor_user, action=action, objects=chosen).follow()
    assert sorted(imported_article.quotes.values_list("status", flat=True)) == sorted(
        [status, status, Quote.Status.EXTRACTED]
    )


def test_change_form_shows_the_quote_in_its_surrounding_paragraphs(
    django_app, editor_user, imported_article
):
    """The quoted paragraph is marked and its neighbours shown, so attribution can be judged."""
    quote = imported_article.quotes.get(position=1)
    context = django_app.get(change_url(quote), user=editor_user).html.select_one(
        ".field-in_context .readonly"
    )
    labels = [strong.get_text() for strong in context("strong")]
    assert labels == ["¶2", "¶3 (quoted)", "¶4"]
    assert context.mark.get_text() == "The costs have doubled since the plan was approved"


def test_context_of_a_standfirst_quote_is_the_standfirst(django_app, editor_user):
    """A quote from the standfirst is shown in the standfirst, marked."""
    article = ArticleFactory(standfirst="“We will not give up,” campaigners said.")
    quote = QuoteFactory(article=article, text="We will not give up", first_block=None)
    context = django_app.get(change_url(quote), user=editor_user).html.select_one(
        ".field-in_context .readonly"
    )
    assert context.strong.get_text() == "Standfirst (quoted)"
    assert context.mark.get_text() == "We will not give up"


def test_context_escapes_article_text(django_app, editor_user):
    """Markup in article text is shown as text, never run, in the quote's context."""
    article = ArticleFactory()
    block = BlockFactory(article=article, text="<script>alert(1)</script> “Hi,” she said.")
    quote = QuoteFactory(article=article, text="Hi,", first_block=block, last_block=block)
    page = django_app.get(change_url(quote), user=editor_user)
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_reassigning_the_speaker_confirms_the_quote_and_says_so(
    django_app, editor_user, imported_article
):
    """A new speaker marks the quote confirmed so a re-import does not undo the editor's fix."""
    quote = imported_article.quotes.get(position=1)
    mary = Person.objects.get(name="Mary Jones")
    form = django_app.get(change_url(quote), user=editor_user).forms["quote_form"]
    form["speaker_person"].force_value(str(mary.pk))
    page = form.submit().follow()
    quote.refresh_from_db()
    assert (quote.speaker_person, quote.status) == (mary, Quote.Status.CONFIRMED)
    assert "re-import" in page.text or "importer again" in page.text


def test_editor_may_keep_a_reassigned_quote_rejected(django_app, editor_user, imported_article):
    """An explicit choice of status wins over the automatic confirmation."""
    quote = imported_article.quotes.get(position=1)
    form = django_app.get(change_url(quote), user=editor_user).forms["quote_form"]
    form["speaker_person"].force_value(str(Person.objects.get(name="Mary Jones").pk))
    form["status"] = Quote.Status.REJECTED
    form.submit().follow()
    quote.refresh_from_db()
    assert quote.status == Quote.Status.REJECTED


def test_speaker_can_be_an_organisation_but_not_both(django_app, editor_user, imported_article):
    """Both speakers at once is refused with a clear error; an organisation alone is saved."""
    quote = imported_article.quotes.get(position=0)
    council = OrganisationFactory(name="Town Council")
    form = django_app.get(change_url(quote), user=editor_user).forms["quote_form"]
    form["speaker_organisation"].force_value(str(council.pk))
    page = form.submit()
    assert "not both" in page.html.select_one(".errornote, .errorlist").find_parent().get_text()
    quote.refresh_from_db()
    assert quote.speaker_organisation is None

    form = page.forms["quote_form"]
    form["speaker_person"].force_value("")
    form.submit().follow()
    quote.refresh_from_db()
    assert (quote.speaker_person, quote.speaker_organisation) == (None, council)


def test_quote_added_by_hand_is_confirmed(django_app, editor_user, imported_article):
    """A quote an editor adds is confirmed, so a re-import keeps it."""
    form = django_app.get("/admin/articles/quote/add/", user=editor_user).forms["quote_form"]
    form["article"].force_value(str(imported_article.pk))
    form["text"] = "A quote the extractor missed"
    form.submit().follow()
    added = Quote.objects.get(text="A quote the extractor missed")
    assert added.status == Quote.Status.CONFIRMED


def test_queue_query_count_does_not_grow_with_rows(client, editor_user):
    """The queue's speakers and articles are joined: 30 rows cost the same queries as 4."""
    client.force_login(editor_user)

    def queries_for_rows(total):
        while Quote.objects.count() < total:
            QuoteFactory()
            QuoteFactory(speaker_person=None, speaker_organisation=OrganisationFactory())
        return queries_to_show(client, QUEUE)

    assert queries_for_rows(4) == queries_for_rows(30)


def test_quote_history_can_be_reverted(django_app, editor_user, imported_article):
    """An edited quote's words can be put back from its history."""
    quote = imported_article.quotes.get(position=0)
    form = django_app.get(change_url(quote), user=editor_user).forms["quote_form"]
    form["text"] = "Words the speaker never said"
    form.submit().follow()
    first = quote.history.earliest()
    revert = django_app.get(
        f"/admin/articles/quote/{quote.pk}/history/{first.history_id}/", user=editor_user
    ).forms["historicalquote_form"]
    revert.submit().follow()
    quote.refresh_from_db()
    assert quote.text == "We have listened to residents and the library will open next spring"


def test_speaker_pickers_offer_no_delete_button(django_app, editor_user, imported_article):
    """Fixing an attribution must not be one click away from deleting the person."""
    quote = imported_article.quotes.first()
    html = django_app.get(change_url(quote), user=editor_user).html
    assert html.select(".field-speaker_person .change-related")  # editing them is fine
    assert not html.select(".field-speaker_person .delete-related")
    assert not html.select(".field-speaker_organisation .delete-related")


def test_browser_line_endings_do_not_count_as_editing_a_multi_paragraph_quote(imported_article):
    """Saving an article re-submits every quote: CRLF from the textarea is not an edit."""
    from articles.admin.forms import QuoteReviewForm

    quote = imported_article.quotes.first()
    quote.text = "First paragraph.\n\nSecond paragraph."
    quote.save()
    data = {
        "article": imported_article.pk,
        "text": "First paragraph.\r\n\r\nSecond paragraph.",
        "speaker_person": quote.speaker_person_id,
        "kind": quote.kind,
        "verb": quote.verb,
        "status": quote.status,
    }
    form = QuoteReviewForm(data=data, instance=quote)
    assert form.is_valid(), form.errors
    assert form.changed_data == []
    saved = form.save()
    assert saved.text == "First paragraph.\n\nSecond paragraph."
    assert saved.status == Quote.Status.EXTRACTED
