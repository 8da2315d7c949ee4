"""The people screens: counts, thumbnails, affiliations and aliases inline, merging, photos."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from articles.models import Article, Quote
from newsroom.db import count_subquery

from ..images import attach_renditions, clear_renditions
from ..models import Affiliation, Person, PersonAlias
from .forms import PersonAdminForm
from .merge import MergeActionMixin


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    fields = ["name"]
    extra = 1
    verbose_name_plural = (
        "aliases (other ways articles name this person; the importer matches them)"
    )


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    fields = ["organisation", "role", "is_current"]
    autocomplete_fields = ["organisation"]
    extra = 0


def counted_link(url: str, count: int):
    return format_html('<a href="{}">{}</a>', url, count) if count else "0"


@admin.register(Person)
class PersonAdmin(MergeActionMixin, SimpleHistoryAdmin):
    form = PersonAdminForm
    list_display = ["thumbnail", "name", "role", "quote_count", "article_count"]
    list_display_links = ["name"]
    list_filter = [("organisations", admin.RelatedOnlyFieldListFilter), "organisations__kind"]
    search_fields = ["name", "aliases__name", "role"]
    search_help_text = "Searches names, aliases and roles."
    list_per_page = 50
    show_full_result_count = False
    fields = ["name", "slug", "role", "biography", "photo", "current_photo"]
    readonly_fields = ["current_photo"]
    inlines = [AffiliationInline, PersonAliasInline]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                quote_count=count_subquery(Quote.objects.all(), pointing_at="speaker_person"),
                article_count=count_subquery(
                    Article.people.through.objects.all(), pointing_at="person"
                ),
            )
        )

    @admin.display(description="photo")
    def thumbnail(self, person):
        if not person.photo_thumbnail:
            return ""
        return format_html(
            '<img src="{}" width="48" height="48" alt="" loading="lazy">',
            person.photo_thumbnail.url,
        )

    @admin.display(description="current photo")
    def current_photo(self, person):
        if not person.photo_medium:
            return "No photo yet."
        return format_html(
            '<img src="{}" alt="Photo of {}" style="max-width: 320px; height: auto">',
            person.photo_medium.url,
            person.name,
        )

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, person):
        url = reverse("admin:articles_quote_changelist")
        return counted_link(
            f"{url}?speaker_person__id__exact={person.pk}&review=all", person.quote_count
        )

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, person):
        url = reverse("admin:articles_article_changelist")
        return counted_link(f"{url}?people__id__exact={person.pk}", person.article_count)

    def save_model(self, request, obj, form, change):
        if "photo" in form.changed_data:
            upload = form.cleaned_data["photo"]
            if upload:
                attach_renditions(person=obj, source=upload)
            else:
                clear_renditions(person=obj)
        super().save_model(request, obj, form, change)
