"""Changelist filters for articles and quotes."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ..models import Article, Quote


class PublicationStateFilter(admin.SimpleListFilter):
    """Status as editors think of it: a published article with a future date is scheduled."""

    title = "publication state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("live", "Published (live)"),
        ]

    def queryset(self, request, queryset):
        published = queryset.filter(status=Article.Status.PUBLISHED)
        match self.value():
            case "draft":
                return queryset.filter(status=Article.Status.DRAFT)
            case "review":
                return queryset.filter(status=Article.Status.REVIEW)
            case "scheduled":
                return published.filter(published_at__gt=timezone.now())
            case "live":
                return queryset.published()
        return queryset


def unreviewed_quotes_exist():
    return Exists(Quote.objects.filter(article=OuterRef("pk"), status=Quote.Status.EXTRACTED))


class NeedsAttentionFilter(admin.SimpleListFilter):
    title = "needs attention"
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [
            ("any", "Anything to review"),
            ("headline", "Provisional headline"),
            ("quotes", "Unreviewed quotes"),
            ("none", "Nothing to review"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "any":
                return queryset.filter(Q(headline_needs_review=True) | Q(unreviewed_quotes_exist()))
            case "headline":
                return queryset.filter(headline_needs_review=True)
            case "quotes":
                return queryset.filter(unreviewed_quotes_exist())
            case "none":
                return queryset.filter(headline_needs_review=False).exclude(
                    unreviewed_quotes_exist()
                )
        return queryset


class TagFilter(admin.SimpleListFilter):
    """Tags used by articles (taggit's manager is not a relation Django's filters know)."""

    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        return [(tag.slug, tag.name) for tag in Article.tags.order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


class ReviewStatusFilter(admin.SimpleListFilter):
    """The quote review queue: only quotes nobody has reviewed yet, unless asked otherwise."""

    title = "review status"
    parameter_name = "review"
    SHOW_ALL = "all"

    def lookups(self, request, model_admin):
        return [*Quote.Status.choices, (self.SHOW_ALL, "All")]

    def choices(self, changelist):
        current = self.value() or Quote.Status.EXTRACTED
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or Quote.Status.EXTRACTED
        if value == self.SHOW_ALL:
            return queryset
        return queryset.filter(status=value)
