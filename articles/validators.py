"""Checks on uploaded images: the real type from the file's first bytes, and its size.

Pillow is not a dependency, so the type is read from the magic bytes rather than
trusted from the file name or the browser's content type.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

SIGNATURES = {
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


def image_kind(head: bytes) -> str | None:
    """ "jpeg", "png", "webp" or None, from the first bytes of a file."""
    for kind, prefixes in SIGNATURES.items():
        if head.startswith(prefixes):
            return kind
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def validate_image_file(upload) -> None:
    limit = settings.ARTICLE_IMAGE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    if image_kind(head) is None:
        raise ValidationError(
            _("Only JPEG, PNG and WebP images are accepted."), code="invalid_image_type"
        )
