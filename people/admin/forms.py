"""Admin forms for people: photo uploads checked by Pillow before anything is stored."""

from django import forms
from django.template.defaultfilters import filesizeformat

from ..images import ALLOWED_FORMATS, MAX_PHOTO_BYTES, check_photo
from ..models import Person


class PhotoField(forms.ImageField):
    """An image upload with clear errors for wrong formats, oversized files and bombs.

    Django's own ImageField answers every problem with "Upload a valid image"
    and lets a decompression bomb through with only a warning.
    """

    default_validators = []  # the extension check is replaced by Pillow's look at the content

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        check_photo(upload)
        return upload


class PersonAdminForm(forms.ModelForm):
    photo = PhotoField(
        required=False,
        help_text=f"A {', '.join(ALLOWED_FORMATS.values())} image up to "
        f"{filesizeformat(MAX_PHOTO_BYTES)}. The site shows a square thumbnail and a "
        "medium-sized copy, made when you save.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Person
        fields = ["name", "slug", "role", "biography", "photo"]
