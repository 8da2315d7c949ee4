"""Template helpers for the reader site."""

import json
from datetime import datetime
from functools import lru_cache

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from articles.highlight import MARK_START, MARK_STOP
from articles.models import Block
from newsroom.links import fixed_url, slug_url

register = template.Library()

# Inside <script>, "</script>" or "<!--" in a headline would end or derail the
# element; as \u escapes they stay plain JSON string characters.
_SCRIPT_SAFE = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


@register.simple_tag
def json_ld(data: dict) -> SafeString:
    """A ``<script type="application/ld+json">`` element holding ``data``, safe to embed."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # One replace() a character, not str.translate(), which looks each character of
    # text with curly quotes in it up in a dict: 0.57 ms for an article's 7 KB, not 0.03.
    for character, escaped in _SCRIPT_SAFE:
        text = text.replace(character, escaped)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.filter
def highlight(marked_text: str) -> SafeString:
    """Escape search-result text, then show its highlight markers as ``<mark>``."""
    escaped = escape(marked_text or "")
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))  # noqa: S308


@register.filter
def photo_url(person, size: str = "medium") -> str:
    """URL of a person's photo rendition (``medium`` or ``thumbnail``), else the original."""
    rendition = person.photo_thumbnail if size == "thumbnail" else person.photo_medium
    photo = rendition or person.photo
    return photo.url if photo else ""


@register.filter
def tag_url(tag) -> str:
    """The address of a tag's page."""
    return slug_url("articles:tag_detail", tag.slug)


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current address with ``page`` set to ``number`` (other parameters kept)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


@register.simple_tag
def link(viewname: str) -> str:
    """``{% url viewname %}`` for a page without arguments, reversed once per process."""
    return fixed_url(viewname)


@register.simple_tag
def site_name() -> str:
    return settings.SITE_NAME


QUOTE_KIND_LABELS = {
    "direct": "Direct quote",
    "partial": "Partial quote",
    "fragment": "Quoted words",
    "indirect": "Reported speech",
}


@register.filter
def quote_kind(quote) -> str:
    """A reader's label for how a quote was given (direct, reported…)."""
    return QUOTE_KIND_LABELS.get(quote.kind, "Quote")


@register.filter
def iso(value) -> str:
    """A date-time as ISO 8601 to the second, as HTML's datetime attribute accepts it."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


# One line of a list of articles (a speaker's coverage, an article's related coverage).
ARTICLE_LINE = """
        <li><a href="{}">{}</a> {}</li>"""


@register.filter
def article_lines(articles) -> SafeString:
    """The ``<li>`` lines of a ``related-list`` of ``articles`` (``Article`` or
    ``renders.RelatedLink`` rows): each its linked headline and its date."""
    lines = (article_line(it.get_absolute_url(), it.headline, it.published_at) for it in articles)
    return mark_safe("".join(lines))  # noqa: S308 (each line escaped)


# The same articles are listed on many pages, so each line is kept as written; the
# key is everything it shows (a site has one time zone and language). In a template
# loop a line took 55 µs: 1.1 ms of a most-quoted speaker's 8 ms page (`make bench`).
@lru_cache(maxsize=16_384)
def article_line(url: str, headline: str, published_at: datetime) -> SafeString:
    return format_html(ARTICLE_LINE, url, headline, time_element(published_at, "j M Y"))


@lru_cache(maxsize=16_384)
def time_element(moment: datetime, day_format: str) -> SafeString:
    """A ``<time>`` element showing ``moment``'s day in the site's time zone, in
    ``day_format`` ("j M Y": 24 Nov 2026; "j F Y": 24 November 2026)."""
    day = date_filter(timezone.localtime(moment), day_format)
    return format_html('<time datetime="{}">{}</time>', iso(moment), day)


# The search page's results are lines written in Python, as article lines are:
# in a template loop their 300 variables took a fifth of a search's time (`make bench`).
ARTICLE_HIT_LINE = """
        <li>
          <h3 class="result-headline"><a href="{}">{}</a></h3>
          <p class="result-snippet">{}</p>
          <p class="story-meta">{}</p>
        </li>"""
QUOTE_HIT_LINE = """
        <li>
          <figure class="quote-card quote-{}">
            <blockquote cite="{}"><p>{}</p></blockquote>
            <figcaption>{}<a href="{}">{}</a></figcaption>
          </figure>
        </li>"""


@register.filter
def article_hits(hits) -> SafeString:
    """The ``<li>`` lines of a search's article results (``search_results.ArticleHit``)."""
    lines = (
        format_html(
            ARTICLE_HIT_LINE,
            hit.url,
            hit.headline,
            highlight(hit.snippet),
            time_element(hit.published_at, "j F Y"),
        )
        for hit in hits
    )
    return mark_safe("".join(lines))  # noqa: S308 (each line escaped)


@register.filter
def quote_hits(hits) -> SafeString:
    """The ``<li>`` lines of a search's quote results (``search_results.QuoteHit``)."""
    lines = []
    for hit in hits:
        anchor = f"{hit.article_url}#quote-{hit.pk}"
        speaker = "In "
        if hit.speaker_name:
            speaker = format_html('<a href="{}">{}</a>, in ', hit.speaker_url, hit.speaker_name)
        snippet = highlight(hit.snippet)
        lines.append(
            format_html(
                QUOTE_HIT_LINE, hit.kind, anchor, snippet, speaker, anchor, hit.article_headline
            )
        )
    return mark_safe("".join(lines))  # noqa: S308 (each line escaped)


# An article's body is written in Python, as the search's result lines are: in a
# template loop its 30-odd blocks took 1.5 of the 2.8 ms the page's templates took
# (`make bench`, 10,000-article copy), on every page built and stored.
ANCHOR = '<span class="anchor" id="quote-{}"></span>'
BODY_GLUE = "\n      "  # each element on a line of its own, as the template had them


@register.filter
def body_html(body) -> SafeString:
    """An article's body (``articles.body.BodyBlock`` items) as HTML: paragraphs
    (direct quotes marked), subheads and captions with quote anchors, and each direct
    quote's speaker after its last paragraph."""
    lines = []
    for item in body:
        inner = "".join(ANCHOR.format(int(pk)) for pk in item.anchors) + escape(item.block.text)
        if item.kind == Block.Kind.SUBHEAD:
            lines.append(f'<h2 class="subhead">{inner}</h2>')
        elif item.kind == Block.Kind.CAPTION:
            lines.append(_figure(item.photo_person, inner))
        else:
            quoted = ' class="quoted"' if item.in_direct_quote else ""
            lines.append(f"<p{quoted}>{inner}</p>")
        lines.extend(_attribution(quote) for quote in item.attributions if quote.speaker)
    return mark_safe(BODY_GLUE.join(lines))  # noqa: S308 (every value escaped)


def _figure(person, caption: str) -> str:
    """A caption's figure, with the photo of the ``person`` it names, if any."""
    if person is None:
        return (
            f'<figure class="photo photo-caption-only"><figcaption>{caption}</figcaption></figure>'
        )
    image = format_html('<img src="{}" alt="{}" loading="lazy">', photo_url(person), person.name)
    return f'<figure class="photo">{image}<figcaption>{caption}</figcaption></figure>'


def _attribution(quote) -> str:
    """The line naming a direct quote's speaker, linked, with a person's role."""
    speaker = quote.speaker
    role = quote.speaker_person.role if quote.speaker_person else ""
    return format_html(
        '<p class="attribution">— <a href="{}">{}</a>{}</p>',
        speaker.get_absolute_url(),
        speaker.name,
        f", {role}" if role else "",
    )
