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
def test_editors_morning(page: Page, live_server, editor_with_password, imported_seeds):
    """Log in, fix the imported seed's headline, review quotes, merge a duplicate, publish."""
    page.set_default_timeout(10_000)
    admin = f"{live_server.url}/admin/"
    seed = imported_seeds["001_44f7eabe70aae345.txt"]
    follow_up = imported_seeds["002_follow_up.txt"]
    new_headline = "Assembly calls for inspection of Met’s election fraud inquiry"
    steve = Person.objects.get(name="Steve O’Connell")
    stephen = Person.objects.get(name="Stephen O’Connell")
    confirmed = seed.quotes.get(text__startswith="During our investigation")
    unattributed = follow_up.quotes.get()
    assert unattributed.speaker is None

    page.goto(admin)
    page.fill("#id_username", editor_with_password.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # The imported seed is flagged for attention; open it and write a real headline.
    page.goto(f"{admin}articles/article/?attention=any")
    expect(page.locator(".field-needs_attention").first).to_contain_text("provisional headline")
    page.get_by_role("link", name=seed.headline).click()
    page.fill("#id_headline", new_headline)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("no longer marked provisional")

    # Review queue: confirm the chairman's quote, attribute the one nobody was named for.
    page.goto(f"{admin}articles/quote/")
    run_action(page, "confirm", [confirmed.pk])
    expect(page.locator(".messagelist")).to_contain_text("1 quote(s) confirmed")
    page.get_by_role("link", name=unattributed.text[:40]).click()
    expect(page.locator(".field-in_context mark")).to_have_text(unattributed.text)
    pick_in_autocomplete(page, "speaker_person", "Stephen", "Stephen O’Connell")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Speaker changed to Stephen O’Connell")

    # "Stephen O’Connell" is the chairman the seeds call Steve: merge, keeping Steve.
    page.goto(f"{admin}people/person/")
    run_action(page, "merge_selected", [steve.pk, stephen.pk])
    page.check(f"#survivor-{steve.pk}")
    page.get_by_role("button", name="Merge into the one I chose").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Merged Stephen O’Connell into Steve O’Connell"
    )

    # Publish the seed, then read it as the public does.
    page.goto(f"{admin}articles/article/")
    run_action(page, "publish_now", [seed.pk])
    expect(page.locator(".messagelist")).to_contain_text("1 article(s) published")
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{seed.get_absolute_url()}")
    expect(page.locator("h1")).to_have_text(new_headline)
    expect(page.locator("main")).to_contain_text(confirmed.text.split("\n")[0][:60])

    assert list(Article.objects.published()) == [Article.objects.get(pk=seed.pk)]
    unattributed.refresh_from_db()
    assert unattributed.speaker_person == steve  # moved to the survivor by the merge
    assert unattributed.status == Quote.Status.CONFIRMED
    assert Quote.objects.get(pk=confirmed.pk).status == Quote.Status.CONFIRMED
    assert not Person.objects.filter(pk=stephen.pk).exists()
    assert "Stephen O’Connell" in steve.aliases.values_list("name", flat=True)
