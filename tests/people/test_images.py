"""Photo checks and renditions (people/images.py)."""

import re

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from people import images
from people.images import attach_renditions, check_photo
from tests.factories import PersonFactory

from .conftest import image_bytes, png_claiming_size, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_allowed_formats_pass(image_format):
    """JPEG, PNG and WebP images pass, and the file is rewound for storage."""
    photo = upload(f"face.{image_format.lower()}", image_bytes(image_format))
    check_photo(photo)
    assert photo.tell() == 0  # left ready to be stored


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "face.gif",
            image_bytes("GIF"),
            "The photo is a GIF file; upload a JPEG, PNG, WebP image.",
        ),
        ("face.jpg", b"this is not an image", "The file is not an image Pillow can read"),
        ("face.png", image_bytes("PNG")[:60], "The file is not an image Pillow can read"),
    ],
)
def test_wrong_or_broken_files_are_refused_with_a_reason(name, content, message):
    """Other formats, non-images and truncated files are refused, each with its reason."""
    with pytest.raises(ValidationError, match=message):
        check_photo(upload(name, content))


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    """A file over the byte limit is refused, naming both sizes."""
    monkeypatch.setattr(images, "MAX_PHOTO_BYTES", 1024)
    with pytest.raises(ValidationError) as refusal:
        check_photo(upload("big.png", image_bytes("PNG", size=(600, 600)) + b"\0" * 2048))
    assert re.fullmatch(
        r"The photo is \d\.\d\sKB; the limit is 1\.0\sKB\.", refusal.value.messages[0]
    )


def test_too_many_pixels_is_refused_before_decoding():
    """A header claiming 10,000×6,000 pixels is refused by our limit (40 megapixels)."""
    with pytest.raises(ValidationError, match="10000×6000 pixels, more than the limit"):
        check_photo(upload("huge.png", png_claiming_size(10_000, 6_000)))


def test_decompression_bomb_is_refused():
    """A header past Pillow's own bomb threshold is refused with the same clear reason."""
    with pytest.raises(ValidationError, match="too many pixels"):
        check_photo(upload("bomb.png", png_claiming_size(20_000, 20_000)))


def test_renditions_are_webp_in_the_right_sizes(media_root):
    """A square WebP thumbnail and a WebP medium copy keeping the aspect ratio are written."""
    person = PersonFactory.build()
    attach_renditions(person=person, source=upload("face.jpg", image_bytes("JPEG", (1200, 800))))
    with Image.open(person.photo_thumbnail.path) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("WEBP", (160, 160))
    with Image.open(person.photo_medium.path) as medium:
        assert (medium.format, medium.size) == ("WEBP", (640, 427))
    assert person.photo_thumbnail.path.startswith(str(media_root))
