"""Person and organisation pages, and their index pages."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Quote
from people.services import merge_entities
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def test_person_page_groups_published_quotes_by_article_with_links(client, showcase):
    """Every visible quote, grouped under its article (newest first), links to its place."""
    html = _text(client.get(showcase["leader"].get_absolute_url()))
    lead, budget = showcase["lead"], showcase["budget"]
    assert html.index(f">{lead.headline}</a></h3>") < html.index(f">{budget.headline}</a></h3>")
    quote = showcase["quotes"][0]
    assert f'href="{lead.get_absolute_url()}#quote-{quote.pk}"' in html
    assert "We have made hard choices" in html
    assert showcase["rejected"].text not in html
    assert "Embargoed words from a draft" not in html
    assert showcase["draft"].headline not in html


def test_person_page_shows_role_photo_affiliations_and_coverage(client, showcase):
    """Name, role, photo, affiliations and the articles that mention the person."""
    html = _text(client.get(showcase["leader"].get_absolute_url()))
    assert '<h1 class="page-title">Maria Okafor</h1>' in html
    assert "Leader of Eastbridge Borough Council" in html
    assert f'src="{showcase["leader"].photo.url}"' in html
    assert f'href="{showcase["council"].get_absolute_url()}">Eastbridge Borough Council' in html
    coverage = re.search(r'id="articles-title".*?</section>', html, re.S).group(0)
    assert showcase["budget"].headline in coverage


def test_person_page_coverage_gives_each_articles_local_date_and_escapes_headlines(client):
    """A coverage line links the article under its headline, shown as text, with the
    date it was published in the newsroom's time zone (London: 00:30 BST, 6 July)."""
    person = PersonFactory()
    article = ArticleFactory(
        headline="Cuts <script>alert(1)</script> & more",
        published_at=datetime(2026, 7, 5, 23, 30, tzinfo=UTC),
    )
    article.people.add(person)
    html = _text(client.get(person.get_absolute_url()))
    coverage = re.search(r'id="articles-title".*?</section>', html, re.S).group(0)
    assert (
        f'<li><a href="{article.get_absolute_url()}">Cuts &lt;script&gt;alert(1)&lt;/script&gt;'
        ' &amp; more</a> <time datetime="2026-07-06T00:30:00+01:00">6 Jul 2026</time></li>'
    ) in coverage
    assert "<script>alert" not in html


def test_person_page_lists_twenty_articles_at_a_time_with_their_quotes(client):
    """A person in 25 articles: page 1 has the 20 newest and their quotes, page 2 the other
    5; both count all 25 quotes and link to each other."""
    person = PersonFactory()
    quotes = [QuoteFactory(speaker_person=person, text=f"Quote number {n}.") for n in range(25)]
    for n, quote in enumerate(quotes):
        quote.article.published_at = timezone.now() - timedelta(hours=n)
        quote.article.save()
    first, second = (_text(client.get(f"{person.get_absolute_url()}?page={n}")) for n in (1, 2))
    assert [f"Quote number {n}." in first for n in (0, 19, 20)] == [True, True, False]
    assert [f"Quote number {n}." in second for n in (19, 20, 24)] == [False, True, True]
    assert quotes[24].article.headline in second and quotes[24].article.headline not in first
    assert (
        '<span class="count">(25)</span>' in first and '<span class="count">(25)</span>' in second
    )
    assert 'rel="next" href="?page=2"' in first and 'rel="prev" href="?page=1"' in second


def test_person_page_shows_an_articles_quotes_in_the_order_the_article_gives_them(client):
    """Within an article's group, quotes follow their place in the article, not the
    order they were stored in (an editor may add one the importer missed)."""
    person = PersonFactory()
    later = QuoteFactory(speaker_person=person, position=5, text="Said at the end.")
    QuoteFactory(speaker_person=person, article=later.article, position=1, text="Said first.")
    html = _text(client.get(person.get_absolute_url()))
    assert html.index("Said first.") < html.index("Said at the end.")


def test_person_page_carries_person_json_ld(client, showcase):
    """Person pages carry schema.org Person JSON-LD with name, url and affiliation."""
    html = _text(client.get(showcase["leader"].get_absolute_url()))
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Person" and data["name"] == "Maria Okafor"
    assert data["url"] == "http://testserver/people/maria-okafor/"
    assert data["jobTitle"] == "Leader of Eastbridge Borough Council"
    assert data["affiliation"][0]["@type"] == "Organization"


def test_person_only_in_drafts_is_not_found_but_staff_get_a_preview(client, showcase):
    """Someone only a draft mentions stays hidden from readers; staff see a marked preview."""
    url = showcase["secret"].get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    response = client.get(url)
    assert response.status_code == 200 and "Preview: not published." in _text(response)
    assert "no-store" in response["Cache-Control"]


def test_organisation_page_lists_people_quotes_and_coverage(client, showcase):
    """An organisation page shows its people, its own quotes and the articles about it."""
    html = _text(client.get(showcase["friends"].get_absolute_url()))
    assert f'href="{showcase["campaigner"].get_absolute_url()}">Tom Hale</a>, Chair' in html
    assert "ending a campaign" in html
    assert showcase["lead"].headline in html and showcase["readins"].headline in html
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Organization" and data["member"][0]["name"] == "Tom Hale"


def test_organisation_quoted_only_in_rejected_quote_is_not_found(client):
    """An organisation whose only appearance is a rejected quote has no public page."""
    organisation = OrganisationFactory()
    QuoteFactory(speaker_person=None, speaker_organisation=organisation, status="rejected")
    assert client.get(organisation.get_absolute_url()).status_code == 404


def test_index_pages_list_only_people_and_organisations_with_published_coverage(client, showcase):
    """People and organisation indexes skip names that only drafts mention."""
    people = _text(client.get("/people/"))
    assert "Maria Okafor" in people and "Tom Hale" in people
    assert "Hidden Draftperson" not in people
    organisations = _text(client.get("/organisations/"))
    assert "Eastbridge Borough Council" in organisations
    hidden = OrganisationFactory(name="Only Draft Org")
    ArticleFactory(status=Article.Status.DRAFT).organisations.add(hidden)
    assert "Only Draft Org" not in _text(client.get("/organisations/"))


def test_person_quoted_but_not_listed_as_mentioned_still_has_a_page(client):
    """A speaker of a visible quote has a page even when not in the article's people."""
    quote = QuoteFactory(kind=Quote.Kind.INDIRECT)
    response = client.get(quote.speaker_person.get_absolute_url())
    assert response.status_code == 200 and quote.text in _text(response)


def test_person_name_with_markup_is_escaped(client):
    """A person's name and role are shown as text."""
    person = PersonFactory(name="<b>Bold</b> Name", role="<i>role</i>")
    ArticleFactory().people.add(person)
    AffiliationFactory(person=person)
    html = _text(client.get(person.get_absolute_url()))
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt; Name" in html


def test_a_quote_over_several_paragraphs_keeps_its_paragraphs_on_the_person_page(client):
    """Each paragraph is its own (escaped) paragraph, as in the article."""
    quote = QuoteFactory(text="First paragraph of the quote.\n\nSecond <b>paragraph</b>.")
    response = client.get(quote.speaker_person.get_absolute_url())
    html = response.content.decode()
    assert "<p>First paragraph of the quote.</p>" in html
    assert "<p>Second &lt;b&gt;paragraph&lt;/b&gt;.</p>" in html


def test_a_merged_persons_address_redirects_to_the_survivor(client):
    """After a merge, links to the merged person's page (and to any address it had
    before) lead to the survivor's page with a permanent redirect."""
    survivor, duplicate = PersonFactory(name="John Smith"), PersonFactory(name="J. Smith")
    ArticleFactory().people.set([survivor, duplicate])
    duplicate.slug = "j-smith-renamed"
    duplicate.save()
    merge_entities(survivor=survivor, others=[duplicate])
    for old in ("/people/j-smith/", "/people/j-smith-renamed/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, "/people/john-smith/")
    assert client.get("/people/john-smith/").status_code == 200


def test_a_changed_organisation_slug_keeps_the_old_address_and_can_go_back(client):
    """A new slug redirects the old address; going back to the old slug serves it again."""
    council = OrganisationFactory(name="Town Council", slug="town-council")
    ArticleFactory().organisations.add(council)
    council.slug = "eastmoor-town-council"
    council.save()
    response = client.get("/organisations/town-council/")
    assert (response.status_code, response["Location"]) == (
        301,
        "/organisations/eastmoor-town-council/",
    )
    council.slug = "town-council"
    council.save()
    assert client.get("/organisations/town-council/").status_code == 200
    response = client.get("/organisations/eastmoor-town-council/")
    assert (response.status_code, response["Location"]) == (301, "/organisations/town-council/")


def test_an_old_address_of_a_person_only_in_drafts_is_not_found_but_staff_follow_it(client):
    """A former address never reveals a page readers may not see; staff are redirected."""
    person = PersonFactory(name="Ann Patel", slug="ann-patel")
    ArticleFactory(status=Article.Status.DRAFT).people.add(person)
    person.slug = "ann-patel-2"
    person.save()
    assert client.get("/people/ann-patel/").status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/people/ann-patel/")["Location"] == "/people/ann-patel-2/"


def test_a_live_address_wins_over_a_former_one(client):
    """When another person now has an address someone had before, that page is served."""
    first = PersonFactory(name="Sam Lee", slug="sam-lee")
    ArticleFactory().people.add(first)
    first.slug = "sam-lee-councillor"
    first.save()
    second = PersonFactory(name="Sam Lee", slug="sam-lee")
    ArticleFactory().people.add(second)
    response = client.get("/people/sam-lee/")
    assert response.status_code == 200 and response.context["entity"] == second


def test_a_merged_persons_feeds_redirect_to_the_survivors_feeds(client):
    """Feed readers subscribed to a merged person follow a permanent redirect."""
    survivor, duplicate = PersonFactory(name="John Smith"), PersonFactory(name="J. Smith")
    ArticleFactory().people.set([survivor, duplicate])
    merge_entities(survivor=survivor, others=[duplicate])
    for old, new in [
        ("/people/j-smith/feed/", "/people/john-smith/feed/"),
        ("/people/j-smith/feed/atom/", "/people/john-smith/feed/atom/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)
        assert client.get(new).status_code == 200
    assert client.get("/people/nobody/feed/").status_code == 404
