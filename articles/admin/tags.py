"""Pick tags with the admin's autocomplete widget instead of typing comma-separated text."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelectMultiple, RelatedFieldWidgetWrapper
from taggit.managers import TaggableManager
from taggit.models import Tag


class TagAutocompleteMixin:
    """For a ``TaggableManager`` listed in ``autocomplete_fields``.

    Django only gives relations it knows (foreign keys, many-to-many) an
    autocomplete widget; taggit's manager would otherwise be a free-text box
    where a typo silently creates a new tag. The "+" beside the widget adds a
    tag that does not exist yet.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if not isinstance(db_field, TaggableManager) or db_field.name not in (
            self.get_autocomplete_fields(request)
        ):
            return super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = AutocompleteSelectMultiple(db_field, self.admin_site)
        tag_admin = self.admin_site.get_model_admin(Tag)
        return forms.ModelMultipleChoiceField(
            queryset=Tag.objects.all(),
            required=not db_field.blank,
            label=db_field.verbose_name.capitalize(),
            help_text="Start typing to find a topic; use + to add a new one.",
            widget=RelatedFieldWidgetWrapper(
                widget,
                db_field.remote_field,
                self.admin_site,
                can_add_related=tag_admin.has_add_permission(request),
            ),
        )
