"""sitemap.xml, the Google News sitemap and robots.txt."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 (our own server's output, not untrusted XML)


SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def _locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [loc.text for loc in _xml(response.content).iter(SM + "loc")]


def test_sitemap_index_points_at_each_section(client):
    """sitemap.xml indexes the articles, people, organisations and tags sitemaps."""
    ArticleFactory()
    assert _locations(client, "/sitemap.xml") == [
        f"http://testserver/sitemap-{section}.xml"
        for section in ("articles", "people", "organisations", "tags")
    ]


def test_section_sitemaps_list_only_published_content(client):
    """Sections list published articles and the people, organisations and tags they use."""
    article = ArticleFactory()
    person, organisation = PersonFactory(), OrganisationFactory()
    article.people.add(person)
    article.organisations.add(organisation)
    article.tags.add("Schools")
    draft = ArticleFactory(status=Article.Status.DRAFT)
    hidden_person, hidden_org = PersonFactory(), OrganisationFactory()
    draft.people.add(hidden_person)
    draft.organisations.add(hidden_org)
    draft.tags.add("Secret")
    base = "http://testserver"
    assert _locations(client, "/sitemap-articles.xml") == [base + article.get_absolute_url()]
    assert _locations(client, "/sitemap-people.xml") == [base + person.get_absolute_url()]
    assert _locations(client, "/sitemap-organisations.xml") == [
        base + organisation.get_absolute_url()
    ]
    assert _locations(client, "/sitemap-tags.xml") == [base + "/tags/schools/"]


def test_news_sitemap_lists_articles_of_the_last_two_days_with_news_fields(client):
    """The news sitemap has recent published articles with publication, date and title."""
    recent = ArticleFactory(headline="Fresh & new")
    ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    ArticleFactory(status=Article.Status.DRAFT)
    response = client.get("/news-sitemap.xml")
    root = _xml(response.content)
    urls = root.findall(SM + "url")
    assert [u.findtext(SM + "loc") for u in urls] == [
        f"http://testserver{recent.get_absolute_url()}"
    ]
    news = urls[0].find(NEWS + "news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Newsroom"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(NEWS + "title") == "Fresh & new"
    assert news.findtext(NEWS + "publication_date").startswith(
        timezone.localtime(recent.published_at).strftime("%Y-%m-%d")
    )


def test_robots_txt_points_at_both_sitemaps(client):
    """robots.txt is plain text, keeps crawlers out of admin and names both sitemaps."""
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
