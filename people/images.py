"""Portrait photos: check uploads with Pillow, make the WebP renditions the reader site shows.

Renditions are made once, when an editor saves a new photo, never while a
page is being served.
"""

import warnings
from io import BytesIO
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

from .models import Person

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
MAX_PHOTO_BYTES = 10 * 1024 * 1024
# 40 megapixels is more than any camera editors use; a bigger claim in a small
# file is a decompression bomb that would take gigabytes to decode.
MAX_PHOTO_PIXELS = 40_000_000
THUMBNAIL_SIZE = (160, 160)  # square crop, for lists
MEDIUM_SIZE = (640, 640)  # fits inside, for the person's page
WEBP_QUALITY = 82


def check_photo(upload: UploadedFile) -> None:
    """Raise ``ValidationError`` unless ``upload`` is a JPEG, PNG or WebP image of sane size.

    Only the header is decoded for the format and dimension checks, so a
    decompression bomb is refused before its pixels are ever expanded.
    """
    if upload.size is not None and upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            f"The photo is {filesizeformat(upload.size)}; the limit is "
            f"{filesizeformat(MAX_PHOTO_BYTES)}."
        )
    allowed = ", ".join(ALLOWED_FORMATS.values())
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in ALLOWED_FORMATS:
                    raise ValidationError(
                        f"The photo is a {image.format} file; upload a {allowed} image."
                    )
                _check_pixels(*image.size)
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
        raise ValidationError(
            f"The photo has too many pixels (the limit is {MAX_PHOTO_PIXELS:,})."
        ) from bomb
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            f"The file is not an image Pillow can read; upload a {allowed} image."
        ) from error
    finally:
        upload.seek(0)


def _check_pixels(width: int, height: int) -> None:
    if width * height > MAX_PHOTO_PIXELS:
        raise ValidationError(
            f"The photo is {width}×{height} pixels, more than the limit of "
            f"{MAX_PHOTO_PIXELS:,} pixels: make it smaller first."
        )


def _webp(image: Image.Image) -> ContentFile:
    buffer = BytesIO()
    image.save(buffer, "WEBP", quality=WEBP_QUALITY)
    return ContentFile(buffer.getvalue())


def attach_renditions(*, person: Person, source: UploadedFile) -> None:
    """Render ``source`` into ``person.photo_thumbnail`` and ``person.photo_medium`` (WebP).

    Writes the rendition files but not the person: the caller saves it, so a
    new photo and its renditions land in one history record. The photo's
    orientation from EXIF is applied, since WebP renditions drop EXIF.
    """
    source.seek(0)
    with Image.open(source) as opened:
        image = ImageOps.exif_transpose(opened)
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    source.seek(0)
    name = f"{Path(source.name).stem}.webp"
    thumbnail = ImageOps.fit(image, THUMBNAIL_SIZE)
    medium = image.copy()
    medium.thumbnail(MEDIUM_SIZE)
    person.photo_thumbnail.save(name, _webp(thumbnail), save=False)
    person.photo_medium.save(name, _webp(medium), save=False)


def clear_renditions(*, person: Person) -> None:
    """Forget the renditions when the photo is removed (the files stay for history)."""
    person.photo_thumbnail = ""
    person.photo_medium = ""
