"""The number (số hiệu) a petition gets at intake: each council sets a pattern such as ``KN-{year}-{seq:04d}``
(``KN-2026-0001``), checked here, and the services give the next number of the council's sequence."""

from __future__ import annotations

import re
import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_PATTERN = "KN-{year}-{seq:04d}"
CODE_MAX_LENGTH = 30
_NAMES = {"year", "seq"}
# A width of at most 9 digits, optionally zero-padded: "{seq:99999999}" would build a huge string.
_SPEC = re.compile(r"(0?[1-9])?d?")


def _fields(pattern: str) -> list[tuple[str, str]]:
    return [(name, spec or "") for _text, name, spec, _conv in string.Formatter().parse(pattern) if name is not None]


def uses_year(pattern: str) -> bool:
    """Whether numbers start again from 1 each year (the pattern shows the year)."""
    return any(name == "year" for name, _spec in _fields(pattern))


def format_number(pattern: str, *, year: int, seq: int) -> str:
    return pattern.format(year=year, seq=seq)


def validate_pattern(value: str) -> None:
    invalid = ValidationError(
        _("Mẫu số hiệu chỉ dùng {year} (năm) và {seq} (số thứ tự, ví dụ {seq:04d}); ví dụ KN-{year}-{seq:04d}."),
        code="invalid")
    try:
        fields = _fields(value)
    except ValueError:
        raise invalid from None
    if not any(name == "seq" for name, _spec in fields):
        raise invalid
    if any(name not in _NAMES or not _SPEC.fullmatch(spec) for name, spec in fields):
        raise invalid
    if len(format_number(value, year=2026, seq=999999)) > CODE_MAX_LENGTH:
        raise ValidationError(_("Số hiệu theo mẫu này dài quá %(max)s ký tự.") % {"max": CODE_MAX_LENGTH},
                              code="max_length")
