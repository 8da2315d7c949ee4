"""Markup in an organisation's name, a person's alias, a correction and a tag name
comes out as text on every public page, feed and JSON-LD block that shows it.

(Headlines, quotes, person names and search queries are covered next to their
pages in tests/articles and tests/people.)
"""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils.html import escape

from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    BlockFactory,
    CorrectionFactory,
    OrganisationFactory,
    PersonAliasFactory,
    PersonFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db

# Closes a <script> (JSON-LD), opens one, an event handler and an HTML comment.
HOSTILE = '</script><script>alert("x")</script><img src=x onerror=alert(1)><!--'
ORGANISATION = f"Harbour Trust {HOSTILE}"
TAG = f"Harbour {HOSTILE}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def site(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = OrganisationFactory(name=ORGANISATION, acronym="<i>HT</i>")
        branch = OrganisationFactory(name="Harbour Trust Sailing Club", parent=organisation)
        person = PersonFactory(name="Mara Quint", role="Harbour master")
        PersonAliasFactory(person=person, name=f"Quinty {HOSTILE}")
        AffiliationFactory(person=person, organisation=organisation, role="Trustee")
        article = ArticleFactory(headline="Harbour wall to be rebuilt")
        article.people.add(person)
        article.organisations.add(organisation, branch)
        article.tags.add(TAG)
        block = BlockFactory(article=article, text="The harbour wall will be rebuilt.")
        quote = {"article": article, "first_block": block, "last_block": block}
        quote["text"] = "We welcome the rebuilding of the wall."
        QuoteFactory(speaker_person=person, **quote)
        QuoteFactory(speaker_person=None, speaker_organisation=organisation, **quote)
        CorrectionFactory(article=article, text=f"We misspelt {HOSTILE} earlier.")
    return {
        "article": article,
        "organisation": organisation,
        "branch": branch,
        "person": person,
        "tag": article.tags.get(),
    }


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _assert_inert(html: str) -> None:
    """No markup from the data took effect: one <script> at most (the JSON-LD), no comment."""
    assert "<script>alert" not in html and "<img src=x" not in html
    assert html.count("<script") <= 1 and "<!--" not in html


def _json_ld(html: str) -> dict:
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_markup_in_names_tags_and_corrections_is_text_on_every_page(client, site):
    """Each page that shows the organisation, the tag or the correction shows it escaped."""
    organisation, tag = escape(ORGANISATION), escape(TAG)
    shown = {
        "/": [organisation, tag],  # "Quoted:" and the tag kicker
        site["article"].get_absolute_url(): [organisation, tag, escape(HOSTILE)],
        site["organisation"].get_absolute_url(): [organisation, escape("<i>HT</i>")],
        site["branch"].get_absolute_url(): [organisation],  # "Part of …"
        "/organisations/": [organisation],
        site["person"].get_absolute_url(): [organisation],  # affiliation
        f"/tags/{site['tag'].slug}/": [tag, organisation],
        "/search/?q=harbour+trust": [organisation],
        "/search/?q=welcome": [organisation],  # the quote's speaker
    }
    for url, texts in shown.items():
        html = _page(client, url)
        _assert_inert(html)
        for text in texts:
            assert text in html, f"{text} not shown on {url}"


def test_markup_in_names_and_tags_stays_data_in_json_ld(client, site):
    """JSON-LD blocks hold the names and tag exactly, without ending their <script>."""
    article = _json_ld(_page(client, site["article"].get_absolute_url()))
    assert article["keywords"] == [TAG]
    assert ORGANISATION in [entity["name"] for entity in article["mentions"]]
    assert ORGANISATION in [quote["creator"]["name"] for quote in article["hasPart"]]
    organisation = _json_ld(_page(client, site["organisation"].get_absolute_url()))
    assert organisation["name"] == ORGANISATION and organisation["alternateName"] == "<i>HT</i>"
    person = _json_ld(_page(client, site["person"].get_absolute_url()))
    assert person["affiliation"][0]["name"] == ORGANISATION


@pytest.mark.parametrize("feed", ["feed/", "feed/atom/"])
def test_markup_in_a_tag_name_is_text_in_every_feed(client, site, feed):
    """Feed readers get the tag name as escaped text: in categories and the tag feed's title."""
    tag_feed = f"/tags/{site['tag'].slug}/{feed}"
    titles = {}
    for url in (f"/{feed}", tag_feed, f"{site['person'].get_absolute_url()}{feed}"):
        content = client.get(url).content
        assert b"<script" not in content and b"<img" not in content and b"<!--" not in content
        root = ET.fromstring(content)  # noqa: S314 (our own server's output)
        if feed == "feed/":
            categories = [c.text for c in root.iter("category")]
            titles[url] = root.findtext("channel/title")
        else:
            categories = [c.get("term") for c in root.iter(ATOM + "category")]
            titles[url] = root.findtext(ATOM + "title")
        assert categories == [TAG], url
    assert titles[tag_feed].endswith(f"articles tagged {TAG}")


def test_markup_in_an_alias_never_reaches_a_page(client, site):
    """Aliases only help search find people: searching one lists the person, and neither the
    results nor the person's page show the alias's markup."""
    html = _page(client, "/search/?q=quinty")
    _assert_inert(html)
    assert ">Mara Quint</a>" in html
    assert "Quinty" not in html  # the page repeats the query, "quinty", but not the alias
    _assert_inert(_page(client, site["person"].get_absolute_url()))
