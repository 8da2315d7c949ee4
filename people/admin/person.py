"""The people screens: counts, thumbnails, affiliations and aliases inline, merging, photos."""

from django.contrib import admin
from django.utils.html import format_html

from newsroom.history import HistoryAdmin

from ..images import attach_renditions, clear_renditions
from ..models import Affiliation, Person, PersonAlias
from .addresses import PersonFormerSlugInline
from .counts import QuoteAndArticleCountsMixin
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


@admin.register(Person)
class PersonAdmin(QuoteAndArticleCountsMixin, MergeActionMixin, HistoryAdmin):
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
    inlines = [AffiliationInline, PersonAliasInline, PersonFormerSlugInline]
    actions = ["merge_selected"]

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
            '<img src="{}" alt="Photo of {}" width="320">',  # no style=: the CSP forbids it
            person.photo_medium.url,
            person.name,
        )

    def save_model(self, request, obj, form, change):
        if "photo" in form.changed_data:
            upload = form.cleaned_data["photo"]
            if upload:
                attach_renditions(person=obj, source=upload)
            else:
                clear_renditions(person=obj)
        super().save_model(request, obj, form, change)
