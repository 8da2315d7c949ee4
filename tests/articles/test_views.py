"""Public article pages: home, article, tag, previews and error pages."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from django.views.defaults import server_error

from articles import article_page
from articles.models import Article, Block, Quote
from tests.factories import (
    ArticleFactory,
    BlockFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
    UserFactory,
)
from tests.showcase import portrait_jpeg

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def test_home_lists_published_articles_newest_first_with_tags_and_speakers(client, showcase):
    """Home shows published articles newest first, their tags and who is quoted; no drafts."""
    html = _text(client.get("/"))
    lead, budget = showcase["lead"].headline, showcase["budget"].headline
    assert html.index(lead) < html.index(budget) < html.index(showcase["readins"].headline)
    assert showcase["draft"].headline not in html
    assert 'href="/tags/libraries/"' in html
    assert ">Maria Okafor</a>" in html and ">Friends of Riverside Library</a>" in html


def test_list_entries_show_tags_by_name_and_each_speaker_once_in_order_of_first_quote(client):
    """On the home and tag pages an entry's tags read alphabetically and "Quoted:" names
    each speaker once, in order of their first quote; rejected quotes name nobody."""
    article = ArticleFactory()
    article.tags.add("zoning", "Budget", "Council")
    second, first, rejected = (
        PersonFactory(name=name) for name in ("Ada Second", "Bea First", "Cy Rejected")
    )
    body = OrganisationFactory(name="Parish Council")
    for position, speaker in enumerate([first, body, second, first, None], start=1):
        field = "speaker_organisation" if speaker is body else "speaker_person"
        QuoteFactory(article=article, position=position, **{"speaker_person": None, field: speaker})
    QuoteFactory(article=article, position=6, speaker_person=rejected, status="rejected")
    for url in ("/", "/tags/budget/"):
        entries = re.findall(r'<li class="story.*?</li>', _text(client.get(url)), re.S)
        (entry,) = [entry for entry in entries if article.headline in entry]
        assert re.findall(r'href="/tags/[^"]+/">([^<]+)<', entry) == ["Budget", "Council", "zoning"]
        quoted = re.findall(r'<a href="(/(?:people|organisations)/[^"]+)">([^<]+)<', entry)
        assert quoted == [
            (first.get_absolute_url(), "Bea First"),
            (body.get_absolute_url(), "Parish Council"),
            (second.get_absolute_url(), "Ada Second"),
        ]


def test_home_is_paginated(client):
    """With more articles than fit on a page, page 2 holds the oldest and pages link."""
    oldest = ArticleFactory(published_at=timezone.now() - timedelta(days=30))
    ArticleFactory.create_batch(20)
    first, second = _text(client.get("/")), _text(client.get("/?page=2"))
    assert oldest.headline not in first and 'rel="next" href="?page=2"' in first
    assert oldest.headline in second
    assert client.get("/?page=abc").status_code == 200


def test_scheduled_and_unpublished_articles_are_not_found(client):
    """Drafts, articles in review and future-dated ones answer 404 to readers."""
    for article in (
        ArticleFactory(status=Article.Status.DRAFT),
        ArticleFactory(status=Article.Status.REVIEW),
        ArticleFactory(published_at=timezone.now() + timedelta(days=1)),
    ):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert article.headline not in _text(client.get("/"))


def test_article_body_renders_blocks_in_order_with_subheads_and_figures(client, showcase):
    """The standfirst once, paragraphs in order, subheads as h2, captions as figures."""
    html = _text(client.get(showcase["lead"].get_absolute_url())).split("<main", 1)[1]
    assert html.count(showcase["lead"].standfirst) == 1
    texts = [b.text for b in showcase["lead"].blocks.order_by("position")]
    positions = [html.index(text) for text in texts[:3]]
    assert positions == sorted(positions)
    assert '<h2 class="subhead">Thousands of signatures</h2>' in html
    assert html.count("<figure") == 2


def test_caption_naming_a_person_with_a_photo_shows_the_photo(client, showcase):
    """A caption naming a mentioned person who has a photo shows it; others stay text."""
    html = _text(client.get(showcase["lead"].get_absolute_url()))
    figures = re.findall(r"<figure.*?</figure>", html, re.S)
    photo = showcase["leader"].photo.url
    assert f'src="{photo}" alt="Maria Okafor"' in figures[0]
    assert "<img" not in figures[1] and "Saturday read-in" in figures[1]


def test_caption_prefers_the_medium_rendition(client, settings, tmp_path):
    """When the admin made a medium rendition, the caption uses it instead of the original."""
    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory(name="Ada Lovelace")
    person.photo.save("ada.jpg", portrait_jpeg())
    person.photo_medium.save("ada.webp", portrait_jpeg())
    article = ArticleFactory()
    article.people.add(person)
    BlockFactory(article=article, kind=Block.Kind.CAPTION, text="Ada Lovelace at the launch")
    html = _text(client.get(article.get_absolute_url()))
    assert f'src="{person.photo_medium.url}"' in html
    assert person.photo.url not in html


def test_direct_quotes_are_marked_and_attributed_to_a_linked_speaker(client, showcase):
    """Paragraphs of a direct quote are marked, followed by a link to the speaker's page."""
    html = _text(client.get(showcase["lead"].get_absolute_url()))
    quote = showcase["quotes"][0]
    assert html.count('<p class="quoted">') == 2
    assert f'id="quote-{quote.pk}"' in html
    attribution = re.search(r'<p class="attribution">.*?</p>', html, re.S).group(0)
    assert f'href="{showcase["leader"].get_absolute_url()}">Maria Okafor</a>' in attribution
    # quotes in the standfirst get their anchor there
    assert f'id="quote-{showcase["quotes"][3].pk}"' in html


def test_markup_in_paragraphs_captions_and_speakers_is_shown_as_text(client):
    """Whatever a block, a speaker's name or role holds is shown as text, in a
    paragraph, a subhead, a caption or the line crediting a direct quote."""
    article = ArticleFactory()
    speaker = PersonFactory(name="<b>Ann</b> Example", role="Chair & <i>host</i>")
    article.people.add(speaker)
    blocks = [
        BlockFactory(article=article, position=1, kind=kind, text=f"<script>{kind}()</script>")
        for kind in (Block.Kind.SUBHEAD, Block.Kind.PARAGRAPH, Block.Kind.CAPTION)
    ]
    QuoteFactory(
        article=article, speaker_person=speaker, first_block=blocks[1], last_block=blocks[1]
    )
    html = _text(client.get(article.get_absolute_url()))
    assert "<script>" not in html.split("<main", 1)[1]
    assert '<h2 class="subhead">&lt;script&gt;subhead()&lt;/script&gt;</h2>' in html
    assert "&lt;script&gt;paragraph()&lt;/script&gt;</p>" in html
    assert "<figcaption>&lt;script&gt;caption()&lt;/script&gt;</figcaption>" in html
    assert (
        f'— <a href="{speaker.get_absolute_url()}">&lt;b&gt;Ann&lt;/b&gt; Example</a>'
        ", Chair &amp; &lt;i&gt;host&lt;/i&gt;</p>"
    ) in html


def test_whos_quoted_panel_counts_visible_quotes_only(client, showcase):
    """The panel lists each speaker with role and count; rejected quotes are not counted."""
    html = _text(client.get(showcase["lead"].get_absolute_url()))
    panel = re.search(r'id="quoted-title".*?</section>', html, re.S).group(0)
    assert "Leader of Eastbridge Borough Council" in panel
    assert panel.count("1 quote<") == 4
    assert showcase["rejected"].text not in html


def test_corrections_box_appears_only_when_there_are_corrections(client, showcase):
    """Corrections are listed on the article; an article without any has no box."""
    lead = _text(client.get(showcase["lead"].get_absolute_url()))
    budget = _text(client.get(showcase["budget"].get_absolute_url()))
    assert showcase["correction"].text in lead and 'class="corrections"' in lead
    assert 'class="corrections"' not in budget


def test_related_coverage_ranks_by_shared_people_and_organisations(client):
    """Articles sharing more people and organisations come first; drafts never appear."""
    people = PersonFactory.create_batch(2)
    organisation = OrganisationFactory()
    article = ArticleFactory()
    article.people.add(*people)
    article.organisations.add(organisation)
    one_shared = ArticleFactory(published_at=timezone.now() - timedelta(minutes=5))
    one_shared.people.add(people[0])
    three_shared = ArticleFactory(published_at=timezone.now() - timedelta(days=5))
    three_shared.people.add(*people)
    three_shared.organisations.add(organisation)
    draft = ArticleFactory(status=Article.Status.DRAFT)
    draft.people.add(*people)
    unrelated = ArticleFactory()
    html = _text(client.get(article.get_absolute_url()))
    related = re.search(r'id="related-title".*?</section>', html, re.S).group(0)
    assert related.index(three_shared.headline) < related.index(one_shared.headline)
    assert draft.headline not in related and unrelated.headline not in related


def test_related_coverage_lists_five_newest_first_among_equals(client):
    """Among articles sharing as many people and organisations, the newest come first;
    five at most, never the article itself or one scheduled for later."""
    organisation = OrganisationFactory()
    article = ArticleFactory(headline="The article itself")
    article.organisations.add(organisation)
    now = timezone.now()
    sharing = [
        ArticleFactory(headline=f"Sharing {days} days ago", published_at=now - timedelta(days=days))
        for days in range(1, 8)
    ]
    scheduled = ArticleFactory(published_at=now + timedelta(days=1))
    for other in [*sharing, scheduled]:
        other.organisations.add(organisation)
    html = _text(client.get(article.get_absolute_url()))
    related = re.search(r'id="related-title".*?</section>', html, re.S).group(0)
    listed = re.findall(r">(Sharing \d days ago|The article itself)</a>", related)
    assert listed == [f"Sharing {days} days ago" for days in range(1, 6)]
    assert scheduled.headline not in related


def test_related_coverage_comes_from_each_entitys_latest_articles(client, monkeypatch):
    """Each person and organisation puts forward only the articles last added about
    it, so a page reads the same few rows however long its coverage: an older article
    sharing just a much-covered organisation gives way to newer ones."""
    monkeypatch.setattr(article_page, "CANDIDATES_PER_ENTITY", 2)
    organisation = OrganisationFactory()
    now = timezone.now()
    article = ArticleFactory(headline="The article itself", published_at=now - timedelta(days=9))
    added = [
        ArticleFactory(headline=f"Added {n}", published_at=now - timedelta(days=n))
        for n in (3, 2, 1)
    ]
    for mentioning in (article, *added):
        mentioning.organisations.add(organisation)
    html = _text(client.get(article.get_absolute_url()))
    related = re.search(r'id="related-title".*?</section>', html, re.S).group(0)
    assert re.findall(r">(Added \d)</a>", related) == ["Added 1", "Added 2"]


def test_mentions_are_indexed_by_person_and_organisation_with_the_article():
    """The lookups behind related coverage have an index each (migration 0004)."""
    for through, column in (
        (Article.people.through, "person_id"),
        (Article.organisations.through, "organisation_id"),
    ):
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, through._meta.db_table)
        assert any(
            c["index"] and c["columns"] == [column, "article_id"] for c in constraints.values()
        )


def test_staff_preview_unpublished_article_with_banner_noindex_and_no_store(client):
    """Staff see a draft with a preview banner, noindex and no caching; others get 404."""
    draft = ArticleFactory(status=Article.Status.REVIEW)
    client.force_login(UserFactory(is_staff=False))
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    response = client.get(draft.get_absolute_url())
    html = _text(response)
    assert response.status_code == 200
    assert "Preview: not published." in html and "In review" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_published_article_has_no_preview_banner_for_staff(client):
    """A published article looks the same to staff as to readers: no preview banner."""
    article = ArticleFactory()
    client.force_login(UserFactory(is_staff=True))
    assert "Preview" not in _text(client.get(article.get_absolute_url()))


def test_tag_page_lists_published_articles_with_the_tag(client, showcase):
    """A tag page lists its published articles; a tag only drafts use is not found."""
    html = _text(client.get("/tags/libraries/"))
    assert showcase["lead"].headline in html and showcase["readins"].headline in html
    assert showcase["budget"].headline not in html
    assert client.get("/tags/embargoed/").status_code == 404
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_article_metadata_has_canonical_opengraph_and_twitter_tags(client, showcase):
    """Article pages carry canonical, OpenGraph and Twitter card tags with the headline."""
    html = _text(client.get(showcase["lead"].get_absolute_url()))
    url = f"http://testserver{showcase['lead'].get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert f'<meta property="og:title" content="{showcase["lead"].headline}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:image" content="http://testserver/media/' in html


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_text_is_escaped_on_the_article_page(client):
    """Markup in a headline, paragraph, quote or person name is shown as text, never run."""
    person = PersonFactory(name=f"Evil {HOSTILE}", role=HOSTILE)
    article = ArticleFactory(headline=f"Headline {HOSTILE}", standfirst=HOSTILE, byline=HOSTILE)
    article.people.add(person)
    block = BlockFactory(article=article, text=f"Para {HOSTILE}")
    QuoteFactory(
        article=article, speaker_person=person, text=HOSTILE, first_block=block, last_block=block
    )
    html = _text(client.get(article.get_absolute_url()))
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_not_found_page_is_friendly(client):
    """Unknown addresses get the site's own 404 page with a way on."""
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = _text(response)
    assert "We can’t find that page" in html and 'action="/search/"' in html


def test_server_error_page_renders_without_a_request_context():
    """The 500 page renders on its own (no context processors) and says what happened."""
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_rejected_quotes_appear_nowhere_on_listings(client):
    """A speaker whose only quote was rejected is not listed as quoted on the home page."""
    quote = QuoteFactory(status=Quote.Status.REJECTED)
    assert quote.speaker_person.name not in _text(client.get("/"))
