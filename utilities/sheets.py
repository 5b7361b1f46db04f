"""Reading a filled-in import template (.xlsx): the header row found by its column names (with or without
accents and notes such as "(*)"), every data row as ``{column key: cell}``, and the cell parsers every import
uses — text, dd/mm/yyyy dates (or real date cells), whole numbers, yes/no and choice labels — each returning
``None`` for a value it can't read so that the caller names the row and the problem."""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException

from .text import normalise
from .xlsx import build_workbook


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False


def header_key(text) -> str:
    """"Họ và tên (*)" -> "ho va ten": headers match with or without accents and notes."""
    return normalise(str(text or "").split("(")[0])


def template(*, title: str, columns: Sequence[Column], example: Sequence, note: str = "") -> bytes:
    subtitle = note or _("Cột có dấu (*) là bắt buộc. Ngày ghi dd/mm/yyyy. Xóa dòng ví dụ trước khi nhập.")
    return build_workbook(title=title, subtitle=subtitle, columns=[c.header for c in columns], rows=[example])


def read_rows(data: bytes, columns: Sequence[Column], *, max_rows: int) -> list[tuple[int, dict]]:
    """(Excel row number, {column key: value}) of every non-empty row under the header row of the first sheet;
    a ValidationError on "file" that says what is wrong with the file itself."""
    if not data:
        raise ValidationError({"file": _("Tệp tải lên rỗng.")})
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise ValidationError({"file": _("Tệp quá lớn.")})
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
        rows = [(number, tuple(values)) for number, values in
                enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)]
        workbook.close()
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError, IndexError):
        raise ValidationError(
            {"file": _("Tệp không phải là tệp Excel (.xlsx) hợp lệ. Hãy dùng mẫu nhập tải từ Cổng.")}
        ) from None
    position, found = _find_header(rows, columns)
    body = [(number, {column.key: values[i] if i < len(values) else None for i, column in found.items()})
            for number, values in rows[position + 1:] if any(text(v) for v in values)]
    if not body:
        raise ValidationError({"file": _("Tệp không có dòng dữ liệu nào.")})
    if len(body) > max_rows:
        raise ValidationError({"file": _("Tệp có quá %(max)s dòng; hãy chia nhỏ.") % {"max": max_rows}})
    return body


def _find_header(rows, columns: Sequence[Column]) -> tuple[int, dict[int, Column]]:
    """The header row (among the first ten, found by its first column's name) and which column is where."""
    by_header = {header_key(c.header): c for c in columns}
    first = columns[0]
    for position, (_number, values) in enumerate(rows[:10]):
        found = {i: by_header[header_key(v)] for i, v in enumerate(values) if header_key(v) in by_header}
        if first in found.values():
            missing = [c.header for c in columns if c.required and c not in found.values()]
            if missing:
                raise ValidationError({"file": _("Thiếu cột bắt buộc: %(cols)s.") % {"cols": ", ".join(missing)}})
            return position, found
    raise ValidationError({"file": _("Không tìm thấy dòng tiêu đề (cột “%(column)s”). Hãy dùng mẫu nhập.")
                           % {"column": first.header}})


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A date cell without a date format arrives as its Excel serial number.
        try:
            converted = from_excel(value)
        except (ValueError, OverflowError, TypeError):
            return None
        return converted.date() if isinstance(converted, datetime.datetime) else None
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text(value), pattern).date()
        except ValueError:
            continue
    return None


def parse_int(value) -> int | None:
    raw = text(value)
    return int(raw) if raw.isdigit() else None


YES = {"co", "x", "1", "yes", "y", "true", "dung"}
NO = {"khong", "0", "no", "n", "false", "sai"}


def parse_bool(value) -> bool | None:
    if isinstance(value, bool):
        return value
    key = normalise(text(value))
    return True if key in YES else False if key in NO else None


def choice_lookup(choices: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The stored value, the label and each alternative of a label such as "Trưởng ban / Tổ trưởng"
    (accent-free, any case) lead to the value."""
    lookup = {}
    for value, label in choices:
        lookup[normalise(str(value))] = value
        lookup[normalise(str(label))] = value
        for part in str(label).split("/"):
            lookup.setdefault(normalise(part), value)
    return lookup
