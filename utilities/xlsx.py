"""Excel (.xlsx) output shared by every export: one sheet, a heading in the style of an official report,
a header row, and rows; dates written as dd/mm/yyyy cells. Whatever users typed is written as inert text."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.child import INVALID_TITLE_REGEX

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Text that a spreadsheet would read as a formula (OWASP "CSV injection": =, +, -, @, and tab or carriage
# return before them). Petition content, names and answers come from citizens and clerks.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def build_workbook(*, title: str, columns: Sequence[str], rows: Iterable[Sequence], subtitle: str = "") -> bytes:
    wb = Workbook(write_only=False)
    ws = wb.active
    # A sheet's name may not hold : / ? * [ ] \ (a report's title such as "Kỳ họp 1/2026" would fail).
    ws.title = INVALID_TITLE_REGEX.sub("-", _cell(title))[:31] or "Sheet1"
    width = max(len(columns), 1)
    ws.append([_cell(title)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([_cell(subtitle or f"Xuất lúc {timezone.localtime():%H:%M %d/%m/%Y}")])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws["A2"].alignment = Alignment(horizontal="center")
    ws.append([_cell(name) for name in columns])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(value) for value in row])
    for index, name in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = min(max(len(str(name)) + 4, 12), 60)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, datetime.datetime | datetime.date):
                cell.number_format = "DD/MM/YYYY HH:MM" if isinstance(cell.value, datetime.datetime) else "DD/MM/YYYY"
            elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
                _as_text(cell)
    ws.freeze_panes = "A4"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _as_text(cell) -> None:
    """Keep a formula-looking cell as the text it is.

    The string type stops Excel (and openpyxl, which reads "=..." as a formula) from evaluating it on
    open; the quote prefix is Excel's own mark for "typed with a leading apostrophe", so the cell shows
    exactly the text entered (OWASP's visible "'" prefix would change it) and stays text when a user
    edits it and presses Enter.
    """
    cell.data_type = "s"
    cell.quotePrefix = True


def _cell(value):
    if isinstance(value, str):
        # XML 1.0 cannot hold most control characters; openpyxl refuses the whole file over one of them.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: write the local wall-clock time.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return value


def xlsx_file_response(data: bytes, filename: str) -> HttpResponse:
    """An already-built workbook as a download."""
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(*, filename: str, title: str, columns: Sequence[str], rows: Iterable[Sequence],
                  subtitle: str = "") -> HttpResponse:
    return xlsx_file_response(build_workbook(title=title, columns=columns, rows=rows, subtitle=subtitle), filename)
