"""The "merge selected" action shared by the person and organisation changelists."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from ..services import MergeError, holdings, merge_entities


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the record to keep."},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = candidates


class MergeActionMixin:
    """Adds ``merge_selected``: pick a survivor on a confirmation page listing what moves."""

    merge_template = "admin/people/merge_confirmation.html"

    def has_merge_permission(self, request):
        # A merge deletes the records it empties, so it needs both rights.
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="Merge selected %(verbose_name_plural)s…", permissions=["merge"])
    def merge_selected(self, request, queryset):
        opts = self.model._meta
        candidates = queryset.model._default_manager.filter(pk__in=queryset.values("pk"))
        if candidates.count() < 2:
            self.message_user(
                request, f"Select two or more {opts.verbose_name_plural} to merge.", messages.ERROR
            )
            return None
        form = MergeForm(
            request.POST if "confirm_merge" in request.POST else None, candidates=candidates
        )
        if form.is_valid():
            return self._merge(request, form.cleaned_data["survivor"], candidates)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {opts.verbose_name_plural}",
            "opts": opts,
            "form": form,
            "candidates": [(entity, holdings(entity)) for entity in candidates.order_by("name")],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action_name": "merge_selected",
        }
        return TemplateResponse(request, self.merge_template, context)

    def _merge(self, request, survivor, candidates):
        try:
            summary = merge_entities(
                survivor=survivor, others=list(candidates.exclude(pk=survivor.pk))
            )
        except MergeError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        merged = ", ".join(summary.merged_names)
        self.message_user(
            request,
            f"Merged {merged} into {survivor}: moved {summary.quotes} quote(s), "
            f"{summary.mentions} article mention(s), {summary.affiliations} affiliation(s) "
            f"and {summary.aliases} alias(es). The merged names are now aliases of {survivor}, "
            "so future imports link them here.",
            messages.SUCCESS,
        )
