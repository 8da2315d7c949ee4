"""RSS and Atom feeds: required elements, what they list, and escaping."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from articles import feeds
from articles.models import Article
from tests.factories import ArticleFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def _xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 (our own server's output, not untrusted XML)


ATOM = "{http://www.w3.org/2005/Atom}"


def _get(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def _rss_items(content: bytes) -> list[ET.Element]:
    channel = _xml(content).find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required), f"RSS channel lacks <{required}>"
    items = channel.findall("item")
    for item in items:
        for required in ("title", "link", "guid", "pubDate", "description"):
            assert item.findtext(required), f"RSS item lacks <{required}>"
    return items


def _atom_entries(content: bytes) -> list[ET.Element]:
    feed = _xml(content)
    for required in ("id", "title", "updated"):
        assert feed.findtext(ATOM + required), f"Atom feed lacks <{required}>"
    assert feed.find(ATOM + "author/" + ATOM + "name") is not None
    assert feed.find(ATOM + "link[@rel='self']") is not None
    entries = feed.findall(ATOM + "entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.findtext(ATOM + required), f"Atom entry lacks <{required}>"
        assert entry.find(ATOM + "link[@rel='alternate']") is not None
    return entries


def test_latest_rss_lists_published_articles_with_required_elements(client):
    """The RSS feed is well formed, has every required element and no unpublished article."""
    published = ArticleFactory(headline="Published story")
    ArticleFactory(headline="Draft story", status=Article.Status.DRAFT)
    ArticleFactory(headline="Future story", published_at=timezone.now() + timedelta(hours=2))
    content = _get(client, "/feed/")
    assert not feedparser.parse(content).bozo
    items = _rss_items(content)
    assert [item.findtext("title") for item in items] == ["Published story"]
    assert items[0].findtext("link") == f"http://testserver{published.get_absolute_url()}"


def test_latest_atom_lists_published_articles_with_required_elements(client):
    """The Atom feed is well formed, has feed and entry ids, titles, dates and an author."""
    older = ArticleFactory(headline="Older", published_at=timezone.now() - timedelta(days=2))
    newer = ArticleFactory(headline="Newer", byline="Sam Writer")
    content = _get(client, "/feed/atom/")
    parsed = feedparser.parse(content)
    assert not parsed.bozo and parsed.version == "atom10"
    entries = _atom_entries(content)
    assert [entry.findtext(ATOM + "title") for entry in entries] == [newer.headline, older.headline]
    assert parsed.entries[0].author == "Sam Writer"


def test_tag_feeds_list_only_articles_with_the_tag(client):
    """RSS and Atom feeds of a tag carry its published articles and nothing else."""
    tagged, other = ArticleFactory(), ArticleFactory()
    tagged.tags.add("Transport")
    ArticleFactory(status=Article.Status.DRAFT).tags.add("Transport")
    rss = [item.findtext("title") for item in _rss_items(_get(client, "/tags/transport/feed/"))]
    atom = _atom_entries(_get(client, "/tags/transport/feed/atom/"))
    assert rss == [tagged.headline]
    assert [entry.findtext(ATOM + "title") for entry in atom] == [tagged.headline]
    assert client.get("/tags/nothing/feed/").status_code == 404
    ArticleFactory(status=Article.Status.DRAFT).tags.add("Embargoed")
    assert client.get("/tags/embargoed/feed/").status_code == 404
    assert other.headline not in rss


def test_person_feeds_list_articles_that_mention_or_quote_them(client):
    """A person's feed has the articles mentioning them and those quoting them, once each."""
    person = PersonFactory()
    mentioned, quoted, both = ArticleFactory(), ArticleFactory(), ArticleFactory()
    mentioned.people.add(person)
    both.people.add(person)
    QuoteFactory(article=quoted, speaker_person=person)
    QuoteFactory(article=both, speaker_person=person)
    QuoteFactory(article=ArticleFactory(), speaker_person=person, status="rejected")
    url = person.get_absolute_url()
    rss = [item.findtext("title") for item in _rss_items(_get(client, f"{url}feed/"))]
    atom = _atom_entries(_get(client, f"{url}feed/atom/"))
    assert sorted(rss) == sorted([mentioned.headline, quoted.headline, both.headline])
    assert len(atom) == 3
    hidden = PersonFactory()
    ArticleFactory(status=Article.Status.DRAFT).people.add(hidden)
    assert client.get(f"{hidden.get_absolute_url()}feed/").status_code == 404


def test_feed_items_carry_tags_as_categories(client):
    """Each item lists its tags as categories."""
    ArticleFactory().tags.add("Housing", "Planning")
    item = _rss_items(_get(client, "/feed/"))[0]
    assert sorted(c.text for c in item.findall("category")) == ["Housing", "Planning"]


def test_hostile_headline_and_standfirst_are_escaped_in_feeds(client):
    """Feed readers show markup in a headline or standfirst as text, never as HTML."""
    ArticleFactory(headline="<script>alert(1)</script>", standfirst="<img src=x onerror=y>")
    content = _get(client, "/feed/")
    assert b"<script>" not in content and b"<img" not in content
    item = _rss_items(content)[0]
    # The description is HTML for feed readers: once parsed, the tag is still escaped text.
    assert item.findtext("description") == "&lt;img src=x onerror=y&gt;"
    parsed = feedparser.parse(content).entries[0]
    assert parsed.title == "<script>alert(1)</script>"
    assert "<img" not in parsed.summary


@pytest.mark.parametrize(
    "url, feed", [("/feed/", "LatestArticlesFeed"), ("/feed/atom/", "LatestArticlesAtomFeed")]
)
def test_a_feed_written_whole_is_the_document_djangos_generator_writes(
    client, monkeypatch, url, feed
):
    """Written into the response in one piece, the feed is byte for byte what Django's
    own RSS or Atom generator writes into it, curly quotes and accents included."""
    ArticleFactory(headline="Café owners’ “rent shock”", standfirst="Prices <up> & more")
    ours = _get(client, f"{url}?ours")
    stock = Atom1Feed if "Atom" in feed else Rss201rev2Feed
    monkeypatch.setattr(getattr(feeds, feed), "feed_type", stock)
    assert _get(client, f"{url}?stock") == ours
    assert "Café owners’ “rent shock”".encode() in ours
