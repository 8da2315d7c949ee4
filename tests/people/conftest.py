"""Fixtures for the people tests: uploaded images made with Pillow, media in a tmp dir."""

import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded photos and renditions go to a directory removed after each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image_bytes(image_format: str, size=(300, 200), colour=(200, 30, 30)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, image_format)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def png_claiming_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height``: a decompression bomb's shape.

    The IHDR chunk (with its CRC) is rewritten, so Pillow reads the claimed
    size without the file ever holding that many pixels.
    """
    data = bytearray(image_bytes("PNG", size=(8, 8)))
    ihdr_start = 8  # after the PNG signature
    header = data[ihdr_start + 8 : ihdr_start + 8 + 13]
    header[0:8] = struct.pack(">II", width, height)
    crc = zlib.crc32(b"IHDR" + bytes(header)) & 0xFFFFFFFF
    data[ihdr_start + 8 : ihdr_start + 8 + 13] = header
    data[ihdr_start + 21 : ihdr_start + 25] = struct.pack(">I", crc)
    return bytes(data)
