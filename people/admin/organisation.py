"""The organisation screens: counts, kinds, parent bodies, aliases, members and merging."""

from django.contrib import admin

from newsroom.db import count_subquery
from newsroom.history import HistoryAdmin

from ..models import Affiliation, Organisation, OrganisationAlias
from .addresses import OrganisationFormerSlugInline
from .counts import QuoteAndArticleCountsMixin
from .merge import MergeActionMixin


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    fields = ["name"]
    extra = 1
    verbose_name_plural = "aliases (acronyms and short forms; the importer matches them)"


class MemberInline(admin.TabularInline):
    model = Affiliation
    fields = ["person", "role", "is_current"]
    autocomplete_fields = ["person"]
    extra = 0
    verbose_name_plural = "members"


@admin.register(Organisation)
class OrganisationAdmin(QuoteAndArticleCountsMixin, MergeActionMixin, HistoryAdmin):
    list_display = ["name", "acronym", "kind", "quote_count", "article_count", "member_count"]
    list_filter = ["kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "acronym", "aliases__name"]
    search_help_text = "Searches names, acronyms and aliases."
    list_per_page = 50
    show_full_result_count = False
    fields = ["name", "slug", "acronym", "kind", "parent", "description"]
    autocomplete_fields = ["parent"]
    inlines = [OrganisationAliasInline, MemberInline, OrganisationFormerSlugInline]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        current = Affiliation.objects.filter(is_current=True)
        return (
            super()
            .get_queryset(request)
            .annotate(member_count=count_subquery(current, pointing_at="organisation"))
        )

    @admin.display(description="current members", ordering="member_count")
    def member_count(self, organisation):
        return organisation.member_count
