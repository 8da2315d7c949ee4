"""The article screens: a changelist that scales, a form grouped for editing, workflow actions."""

from django import forms
from django.contrib import admin, messages
from django.db import connection, models
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.template.defaultfilters import truncatechars
from django.utils import timezone
from django.utils.formats import date_format

from newsroom.db import count_subquery
from newsroom.history import HistoryAdmin

from ..models import Article, Block, Correction, Quote, SearchDocument
from ..services import can_publish, publish_articles, send_to_review, unpublish_articles
from .filters import NeedsAttentionFilter, PublicationStateFilter, TagFilter
from .forms import ArticleAdminForm, BlockForm, CorrectionForm, QuoteReviewForm
from .quote import SpeakerPickerMixin
from .searching import search_words, words_query
from .tags import TagAutocompleteMixin


class BlockInline(admin.TabularInline):
    model = Block
    form = BlockForm
    fields = ["position", "kind", "text"]
    extra = 0
    verbose_name = "body paragraph"
    verbose_name_plural = "body (paragraphs in reading order)"
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 90})},
    }


class QuoteInline(SpeakerPickerMixin, admin.TabularInline):
    model = Quote
    form = QuoteReviewForm
    fk_name = "article"
    fields = ["text", "speaker_person", "speaker_organisation", "kind", "status", "paragraph"]
    readonly_fields = ["paragraph"]
    autocomplete_fields = ["speaker_person", "speaker_organisation"]
    extra = 0
    show_change_link = True
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 50})},
    }

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("first_block", "speaker_person", "speaker_organisation")
        )

    @admin.display(description="from paragraph")
    def paragraph(self, quote):
        if quote.pk is None:
            return "—"
        if quote.first_block is None:
            return "The standfirst"
        return f"¶{quote.first_block.position}: {truncatechars(quote.first_block.text, 80)}"


class CorrectionInline(admin.TabularInline):
    model = Correction
    form = CorrectionForm
    fields = ["created_at", "text"]
    extra = 0
    verbose_name_plural = "corrections (shown to readers under the article)"


def _matching(word: str, fields: list[str]) -> Q:
    """Articles with ``word`` anywhere in one of ``fields`` (``ArticleAdmin.search_fields``)
    or in the body.

    On PostgreSQL, the ids of each as a UNION, each part an index scan: migration
    0012's trigram indexes for the fields, the article's search vector for the
    body (whole words in any form: "mayoral" finds "mayor"; a LIKE over every
    paragraph took 2 to 4 s at 10,000 articles). ORed in one WHERE, the parts made
    PostgreSQL read every article and test each LIKE on it: 17 ms → 3 ms a query
    for a name in a quarter of 10,000 articles. On SQLite, the paragraphs with
    EXISTS rather than a join, so the list needs no DISTINCT and its counts stay
    per article.
    """
    in_fields = [Q(**{f"{field}__icontains": word}) for field in fields]
    if connection.vendor == "postgresql":
        ids = [Article.objects.filter(found).order_by().values("pk") for found in in_fields]
        body = SearchDocument.objects.filter(vector=words_query(word)).values("article_id")
        return Q(pk__in=ids[0].union(*ids[1:], body))
    body = Exists(Block.objects.filter(article=OuterRef("pk"), text__icontains=word))
    return Q(*in_fields, body, _connector=Q.OR)


@admin.register(Article)
class ArticleAdmin(TagAutocompleteMixin, HistoryAdmin):
    form = ArticleAdminForm
    list_display = [
        "headline",
        "publication_state",
        "published_at",
        "quote_count",
        "who_is_quoted",
        "needs_attention",
    ]
    list_filter = [
        PublicationStateFilter,
        NeedsAttentionFilter,
        TagFilter,
        ("people", admin.RelatedOnlyFieldListFilter),
        ("organisations", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["headline", "standfirst"]  # and the body: see get_search_results
    search_help_text = "Searches headlines, standfirsts and body text."
    date_hierarchy = "published_at"
    # Undated drafts first, then newest first, the same on every database.
    ordering = [F("published_at").desc(nulls_first=True), "-id"]
    list_per_page = 50
    show_full_result_count = False
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["people", "organisations", "tags"]
    readonly_fields = ["source_file", "source_checksum", "imported_at"]
    fieldsets = [
        (None, {"fields": ["headline", "headline_needs_review", "slug", "standfirst"]}),
        ("Publication", {"fields": ["status", "published_at", "byline", "publication", "tags"]}),
        ("Mentioned", {"fields": ["people", "organisations"]}),
        (
            "Import",
            {
                "classes": ["collapse"],
                "fields": ["source_file", "source_checksum", "imported_at"],
            },
        ),
    ]
    inlines = [BlockInline, QuoteInline, CorrectionInline]
    actions = ["send_to_review_action", "publish_now", "unpublish"]

    def get_queryset(self, request):
        quoted = (
            Quote.objects.not_rejected()
            .filter(Q(speaker_person__isnull=False) | Q(speaker_organisation__isnull=False))
            .select_related("speaker_person", "speaker_organisation")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                quote_count=count_subquery(Quote.objects.all(), pointing_at="article"),
                unreviewed_count=count_subquery(
                    Quote.objects.filter(status=Quote.Status.EXTRACTED), pointing_at="article"
                ),
            )
            .prefetch_related(Prefetch("quotes", queryset=quoted, to_attr="attributed_quotes"))
        )

    def get_search_results(self, request, queryset, search_term):
        """Every word (or "quoted phrase") must appear in the headline, the standfirst
        or the body; see ``_matching`` for how each is searched."""
        matches = Q()
        for word in search_words(search_term):
            matches &= _matching(word, self.search_fields)
        return queryset.filter(matches), False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.can_publish = can_publish(request.user)
        return form

    def view_on_site(self, obj):
        """The article's page; staff see drafts there as a preview."""
        return obj.get_absolute_url()

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        """Once an article is published (or scheduled), only those who may publish change it."""
        published = obj is not None and obj.status == Article.Status.PUBLISHED
        if published and not can_publish(request.user):
            return False
        return super().has_change_permission(request, obj)

    @admin.display(description="state", ordering="status")
    def publication_state(self, article):
        scheduled = article.published_at and article.published_at > timezone.now()
        if article.status == Article.Status.PUBLISHED and scheduled:
            return f"Scheduled for {date_format(article.published_at, 'DATETIME_FORMAT')}"
        return article.get_status_display()

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, article):
        return article.quote_count

    @admin.display(description="who is quoted")
    def who_is_quoted(self, article):
        names = dict.fromkeys(str(quote.speaker) for quote in article.attributed_quotes)
        return ", ".join(names) or "—"

    @admin.display(description="needs attention")
    def needs_attention(self, article):
        flags = []
        if article.headline_needs_review:
            flags.append("provisional headline")
        if article.unreviewed_count:
            flags.append(f"{article.unreviewed_count} unreviewed quote(s)")
        return "; ".join(flags) or "—"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.initial.get("headline_needs_review") and not obj.headline_needs_review:
            self.message_user(request, "Headline replaced: it is no longer marked provisional.")

    @admin.action(description="Send selected articles to review", permissions=["change"])
    def send_to_review_action(self, request, queryset):
        moved = send_to_review(articles=queryset)
        self.message_user(request, f"{len(moved)} article(s) sent to review.", messages.SUCCESS)

    @admin.action(description="Publish selected articles now", permissions=["publish"])
    def publish_now(self, request, queryset):
        # The services check the permission again: a refusal there is a 403.
        outcome = publish_articles(articles=queryset, user=request.user)
        self.message_user(
            request, f"{len(outcome.published)} article(s) published.", messages.SUCCESS
        )
        if outcome.provisional_headline:
            headlines = ", ".join(f"“{a.headline}”" for a in outcome.provisional_headline)
            self.message_user(
                request,
                f"Not published, the headline is still provisional: {headlines}. "
                "Write the real headline first.",
                messages.WARNING,
            )

    @admin.action(description="Unpublish selected articles", permissions=["publish"])
    def unpublish(self, request, queryset):
        changed = unpublish_articles(articles=queryset, user=request.user)
        self.message_user(
            request, f"{len(changed)} article(s) taken off the site.", messages.SUCCESS
        )
