"""The organisation screens: counts, kinds, parent bodies, aliases, members and merging."""

from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from articles.models import Article, Quote
from newsroom.db import count_subquery

from ..models import Affiliation, Organisation, OrganisationAlias
from .merge import MergeActionMixin
from .person import counted_link


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
class OrganisationAdmin(MergeActionMixin, SimpleHistoryAdmin):
    list_display = ["name", "acronym", "kind", "quote_count", "article_count", "member_count"]
    list_filter = ["kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "acronym", "aliases__name"]
    search_help_text = "Searches names, acronyms and aliases."
    list_per_page = 50
    show_full_result_count = False
    fields = ["name", "slug", "acronym", "kind", "parent", "description"]
    autocomplete_fields = ["parent"]
    inlines = [OrganisationAliasInline, MemberInline]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                quote_count=count_subquery(Quote.objects.all(), pointing_at="speaker_organisation"),
                article_count=count_subquery(
                    Article.organisations.through.objects.all(), pointing_at="organisation"
                ),
                member_count=count_subquery(
                    Affiliation.objects.filter(is_current=True), pointing_at="organisation"
                ),
            )
        )

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, organisation):
        url = reverse("admin:articles_quote_changelist")
        return counted_link(
            f"{url}?speaker_organisation__id__exact={organisation.pk}&review=all",
            organisation.quote_count,
        )

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, organisation):
        url = reverse("admin:articles_article_changelist")
        return counted_link(
            f"{url}?organisations__id__exact={organisation.pk}", organisation.article_count
        )

    @admin.display(description="current members", ordering="member_count")
    def member_count(self, organisation):
        return organisation.member_count
