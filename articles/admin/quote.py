"""The quote review queue: extracted quotes first, each shown in its surrounding paragraphs."""

from django.contrib import admin, messages
from django.db import connection
from django.db.models import Q
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from newsroom.history import HistoryAdmin
from people.models import Organisation, Person

from ..models import Article, Quote
from ..services import set_quote_status
from .filters import ReviewStatusFilter
from .forms import QuoteReviewForm
from .searching import search_words, words_query


def highlight(text: str, words: str) -> SafeString:
    """``text`` escaped, with the first occurrence of ``words`` in <mark>."""
    start = text.find(words) if words else -1
    if start < 0:
        return escape(text)
    end = start + len(words)
    return format_html("{}<mark>{}</mark>{}", text[:start], text[start:end], text[end:])


def quote_in_context(quote: Quote) -> SafeString:
    """The paragraphs a quote spans plus one either side, so an editor can judge who said it."""
    if quote.first_block is None:
        rows = [("Standfirst (quoted)", highlight(quote.article.standfirst, quote.text))]
    else:
        first = quote.first_block.position
        last = (quote.last_block or quote.first_block).position
        blocks = quote.article.blocks.filter(position__gte=first - 1, position__lte=last + 1)
        rows = []
        for block in blocks:
            quoted = first <= block.position <= last
            label = f"¶{block.position} (quoted)" if quoted else f"¶{block.position}"
            rows.append((label, highlight(block.text, quote.text) if quoted else block.text))
    return format_html_join("", "<p><strong>{}</strong> {}</p>", rows)


class SpeakerPickerMixin:
    """No "delete" button beside the speaker pickers: removing a speaker from a quote
    must not delete the person or organisation everywhere else."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in {"speaker_person", "speaker_organisation"}:
            formfield.widget.can_delete_related = False
        return formfield


@admin.register(Quote)
class QuoteAdmin(SpeakerPickerMixin, HistoryAdmin):
    form = QuoteReviewForm
    list_display = ["short_text", "speaker", "article_link", "status", "kind"]
    list_filter = [ReviewStatusFilter, "kind"]
    search_fields = [
        "text",
        "speaker_person__name",
        "speaker_organisation__name",
        "article__headline",
    ]
    search_help_text = "Searches the quote, the speaker's name and the article's headline."
    list_per_page = 50
    autocomplete_fields = ["article", "speaker_person", "speaker_organisation"]
    readonly_fields = ["article_link", "in_context"]
    actions = ["confirm", "reject"]

    def get_search_results(self, request, queryset, search_term):
        """On PostgreSQL, a quote's own words are matched through its GIN-indexed
        vector, as whole words in any form: a LIKE over every quote took 0.5-0.9 s
        at 160,000 quotes. Names and headlines are matched as typed, as elsewhere."""
        if connection.vendor != "postgresql":
            return super().get_search_results(request, queryset, search_term)
        matches = Q()
        for word in search_words(search_term):
            # Subqueries, not joins: each finds its few rows by itself, and the
            # quotes are then matched by id rather than joined row by row.
            matches &= (
                Q(pk__in=Quote.objects.filter(search_vector=words_query(word)).values("pk"))
                | Q(speaker_person__in=Person.objects.filter(name__icontains=word))
                | Q(speaker_organisation__in=Organisation.objects.filter(name__icontains=word))
                | Q(article__in=Article.objects.filter(headline__icontains=word))
            )
        return queryset.filter(matches), False

    def get_fields(self, request, obj=None):
        editable = ["text", "speaker_person", "speaker_organisation", "kind", "verb", "status"]
        if obj is None:
            return ["article", *editable]
        return ["article_link", "in_context", *editable]

    def get_queryset(self, request):
        # Everything a changelist row or the change form shows, in the same query.
        return (
            super()
            .get_queryset(request)
            .select_related(
                "article", "speaker_person", "speaker_organisation", "first_block", "last_block"
            )
        )

    @admin.display(description="quote")
    def short_text(self, quote):
        return truncatechars(quote.text, 120)

    @admin.display(description="speaker")
    def speaker(self, quote):
        return quote.speaker or "—"

    @admin.display(description="article", ordering="article__headline")
    def article_link(self, quote):
        url = reverse("admin:articles_article_change", args=[quote.article_id])
        return format_html('<a href="{}">{}</a>', url, quote.article.headline)

    @admin.display(description="in context")
    def in_context(self, quote):
        return quote_in_context(quote)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        speaker_changed = {"speaker_person", "speaker_organisation"} & set(form.changed_data)
        if change and speaker_changed and obj.status == Quote.Status.CONFIRMED:
            self.message_user(
                request,
                f"Speaker changed to {obj.speaker or 'nobody'}; the quote is confirmed, "
                "so running the importer again will not undo it.",
            )

    @admin.action(description="Confirm selected quotes", permissions=["change"])
    def confirm(self, request, queryset):
        changed = set_quote_status(quotes=queryset, status=Quote.Status.CONFIRMED)
        self.message_user(request, f"{len(changed)} quote(s) confirmed.", messages.SUCCESS)

    @admin.action(description="Reject selected quotes", permissions=["change"])
    def reject(self, request, queryset):
        changed = set_quote_status(quotes=queryset, status=Quote.Status.REJECTED)
        self.message_user(
            request,
            f"{len(changed)} quote(s) rejected; they stay off the site after re-imports.",
            messages.SUCCESS,
        )
