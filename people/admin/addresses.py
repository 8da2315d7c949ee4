"""Former page addresses, listed on a person's or organisation's screen.

They are recorded when a merge removes a page or an editor changes a slug;
links to them redirect to the page. Editors can delete one, not make one up.
"""

from django.contrib import admin

from ..models import OrganisationFormerSlug, PersonFormerSlug


class FormerSlugInline(admin.TabularInline):
    fields = ["slug", "created_at"]
    readonly_fields = ["slug", "created_at"]
    extra = 0
    verbose_name = "former address"
    verbose_name_plural = "former addresses (links to them redirect to this page)"

    def has_add_permission(self, request, obj=None):
        return False


class PersonFormerSlugInline(FormerSlugInline):
    model = PersonFormerSlug


class OrganisationFormerSlugInline(FormerSlugInline):
    model = OrganisationFormerSlug
