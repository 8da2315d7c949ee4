"""Quote and article counts for the people and organisation changelists."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from articles.models import Quote
from newsroom.db import count_subquery

from ..services import KINDS


def counted_link(url: str, count: int):
    """The count, linking to the list it counts (plain 0 when there is nothing to list)."""
    return format_html('<a href="{}">{}</a>', url, count) if count else "0"


class QuoteAndArticleCountsMixin:
    """``quote_count`` and ``article_count`` columns, annotated in the changelist's one query."""

    def get_queryset(self, request):
        kind = KINDS[self.model]
        return (
            super()
            .get_queryset(request)
            .annotate(
                quote_count=count_subquery(Quote.objects.all(), pointing_at=kind.speaker_field),
                article_count=count_subquery(
                    kind.mentions.objects.all(), pointing_at=kind.owner_field
                ),
            )
        )

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, entity):
        field = KINDS[self.model].speaker_field
        url = reverse("admin:articles_quote_changelist")
        return counted_link(f"{url}?{field}__id__exact={entity.pk}&review=all", entity.quote_count)

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, entity):
        field = KINDS[self.model].article_field
        url = reverse("admin:articles_article_changelist")
        return counted_link(f"{url}?{field}__id__exact={entity.pk}", entity.article_count)
