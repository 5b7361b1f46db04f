"""Checks every uploaded file passes before it is stored: allowed extension, size, and magic bytes.

The extension alone proves nothing (an .exe renamed .pdf keeps its "MZ" header), so the first bytes
of the file must match what its extension promises.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

_OLE2 = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # legacy .doc / .xls compound files
_ZIP = (b"PK\x03\x04",)  # OOXML (.docx, .xlsx) and OpenDocument (.odt, .ods) are zip archives

# What the first bytes of a file of each extension must be.
MAGIC_BYTES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "doc": _OLE2,
    "xls": _OLE2,
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}

_HEADER_LENGTH = max(len(magic) for options in MAGIC_BYTES.values() for magic in options)


def extension_of(name: str) -> str:
    return os.path.splitext(name or "")[1].lstrip(".").lower()


def _read_header(file) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    header = file.read(_HEADER_LENGTH)
    file.seek(position)
    return header or b""


def validate_upload(file) -> None:
    """Refuse a file whose type is not allowed, that is too large, or whose content lies about its type."""
    allowed = [ext.lower() for ext in settings.UPLOAD_ALLOWED_EXTENSIONS]
    extension = extension_of(getattr(file, "name", ""))
    if extension not in allowed:
        raise ValidationError(
            _("Loại tệp “%(ext)s” không được phép. Chỉ chấp nhận: %(allowed)s.")
            % {"ext": extension or _("(không có phần mở rộng)"), "allowed": ", ".join(allowed)},
            code="file_type",
        )
    size = getattr(file, "size", None)
    if size is not None and size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s). Dung lượng tối đa là %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            code="file_size",
        )
    if size == 0:
        raise ValidationError(_("Tệp rỗng."), code="file_empty")
    expected = MAGIC_BYTES.get(extension)
    if expected and not _read_header(file).startswith(expected):
        raise ValidationError(
            _("Nội dung tệp không đúng định dạng “%(ext)s”: tệp có thể đã bị đổi tên.") % {"ext": extension},
            code="file_content",
        )


@deconstructible
class UploadValidator:
    """The same checks as a field validator, for forms and model fields."""

    def __call__(self, file):
        validate_upload(file)

    def __eq__(self, other):
        return isinstance(other, UploadValidator)
