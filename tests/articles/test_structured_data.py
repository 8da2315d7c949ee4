"""schema.org JSON-LD on article pages, and its escaping inside <script>."""

import json
import re

import pytest

from tests.factories import ArticleFactory, BlockFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture
def article_data(client, showcase):
    html = client.get(showcase["lead"].get_absolute_url()).content.decode()
    [data] = _json_ld(html)
    return showcase, data


def test_article_json_ld_is_a_news_article_with_required_fields(article_data):
    """NewsArticle JSON-LD names headline, dates, author and publisher."""
    showcase, data = article_data
    lead = showcase["lead"]
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == lead.headline
    assert data["datePublished"] == lead.published_at.isoformat()
    assert data["dateModified"] == lead.updated_at.isoformat()
    assert data["author"] == [{"@type": "Person", "name": "Jane Doe"}]
    assert data["publisher"] == {"@type": "Organization", "name": "The Eastbridge Echo"}
    assert data["mainEntityOfPage"]["@id"] == f"http://testserver{lead.get_absolute_url()}"


def test_article_json_ld_mentions_people_and_organisations(article_data):
    """Mentioned people are Person and organisations Organization nodes with page URLs."""
    _, data = article_data
    mentions = {node["name"]: node for node in data["mentions"]}
    assert mentions["Maria Okafor"]["@type"] == "Person"
    assert mentions["Maria Okafor"]["url"] == "http://testserver/people/maria-okafor/"
    assert mentions["Eastbridge Borough Council"]["@type"] == "Organization"
    assert "Hidden Draftperson" not in mentions
    assert {node["name"] for node in data["about"]} >= {"Maria Okafor", "Tom Hale"}


def test_article_json_ld_lists_visible_quotes_as_quotations(article_data):
    """Each visible quote is a Quotation with its speaker; rejected ones are left out."""
    showcase, data = article_data
    quotations = {node["text"]: node for node in data["hasPart"]}
    assert all(node["@type"] == "Quotation" for node in quotations.values())
    leader_quote = quotations[showcase["quotes"][0].text]
    assert leader_quote["spokenByCharacter"]["name"] == "Maria Okafor"
    assert leader_quote["creator"]["@type"] == "Person"
    org_quote = quotations["ending a campaign"]
    assert org_quote["creator"] == {
        "@type": "Organization",
        "name": "Friends of Riverside Library",
        "url": "http://testserver/organisations/friends-of-riverside-library/",
    }
    assert showcase["rejected"].text not in quotations


BREAKOUT = '</script><script>alert("pwned")</script><!-- & "quoted"'


def test_hostile_headline_and_quote_cannot_break_out_of_the_json_ld(client):
    """</script> or <!-- in a headline, quote or name stays inside the JSON as data."""
    person = PersonFactory(name=f"Name {BREAKOUT}")
    article = ArticleFactory(headline=f"Headline {BREAKOUT}")
    block = BlockFactory(article=article)
    QuoteFactory(
        article=article, speaker_person=person, text=BREAKOUT, first_block=block, last_block=block
    )
    article.people.add(person)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<script>alert("pwned")' not in html
    assert html.count("<script") == 1 and "<!--" not in html
    [data] = _json_ld(html)
    assert data["headline"] == f"Headline {BREAKOUT}"
    assert data["hasPart"][0]["text"] == BREAKOUT
    assert data["hasPart"][0]["spokenByCharacter"]["name"] == f"Name {BREAKOUT}"
    person_html = client.get(person.get_absolute_url()).content.decode()
    assert person_html.count("<script") == 1
    assert _json_ld(person_html)[0]["name"] == f"Name {BREAKOUT}"
