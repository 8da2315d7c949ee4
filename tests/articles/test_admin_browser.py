"""An editor's morning in a real browser: from the imported draft to the published page."""

import pytest
from playwright.sync_api import Page, expect

from articles.models import Article, Quote
from people.models import Person
from tests.factories import UserFactory

PASSWORD = "morning coffee and a long list"


@pytest.fixture
def editor_with_password(newsroom_groups):
    user = UserFactory(username="morning-editor", is_staff=True, password=PASSWORD)
    user.groups.add(newsroom_groups["Editor"])
    return user


def run_action(page: Page, action: str, row_values: list[int]) -> None:
    for value in row_values:
        page.check(f"input.action-select[value='{value}']")
    page.select_option("select[name=action]", action)
    page.get_by_role("button", name="Go").click()


def pick_in_autocomplete(page: Page, select_name: str, typed: str, choice: str) -> None:
    page.locator(f"select[name='{select_name}'] + .select2").click()
    page.locator(".select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=choice).click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editors_morning(page: Page, live_server, editor_with_password, imported_article):
    """Log in, fix the headline, review quotes, merge a duplicate person, publish, read it."""
    page.set_default_timeout(10_000)
    admin = f"{live_server.url}/admin/"
    new_headline = "Library will open next spring, council leader promises"
    john, j_smith = Person.objects.get(name="John Smith"), Person.objects.get(name="J. Smith")
    right, misattributed, by_duplicate = imported_article.quotes.order_by("position")

    page.goto(admin)
    page.fill("#id_username", editor_with_password.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # The imported draft is flagged for attention; open it and write a real headline.
    page.goto(f"{admin}articles/article/?attention=any")
    expect(page.locator(".field-needs_attention")).to_contain_text("provisional headline")
    page.get_by_role("link", name=imported_article.headline).click()
    page.fill("#id_headline", new_headline)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("no longer marked provisional")

    # Review queue: confirm the right quote, give the misattributed one its real speaker.
    page.goto(f"{admin}articles/quote/")
    run_action(page, "confirm", [right.pk])
    expect(page.locator(".messagelist")).to_contain_text("1 quote(s) confirmed")
    page.get_by_role("link", name=misattributed.text[:40]).click()
    expect(page.locator(".field-in_context mark")).to_have_text(misattributed.text)
    pick_in_autocomplete(page, "speaker_person", "Mary", "Mary Jones")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Speaker changed to Mary Jones")

    # J. Smith is John Smith: merge the two, keeping John Smith.
    page.goto(f"{admin}people/person/")
    run_action(page, "merge_selected", [john.pk, j_smith.pk])
    page.check(f"#survivor-{john.pk}")
    page.get_by_role("button", name="Merge into the one I chose").click()
    expect(page.locator(".messagelist")).to_contain_text("Merged J. Smith into John Smith")

    # Publish, then read it as the public does.
    page.goto(f"{admin}articles/article/")
    run_action(page, "publish_now", [imported_article.pk])
    expect(page.locator(".messagelist")).to_contain_text("1 article(s) published")
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{imported_article.get_absolute_url()}")
    expect(page.locator("h1")).to_have_text(new_headline)
    expect(page.locator("main")).to_contain_text(misattributed.text)

    assert Article.objects.published().get() == imported_article
    by_duplicate.refresh_from_db()
    misattributed.refresh_from_db()
    assert by_duplicate.speaker_person == john
    assert misattributed.speaker_person.name == "Mary Jones"
    assert misattributed.status == Quote.Status.CONFIRMED
    assert Quote.objects.get(pk=right.pk).status == Quote.Status.CONFIRMED
