"""Excel (.xlsx) output shared by every export: one sheet, a heading in the style of an official report,
a header row, and rows; dates written as dd/mm/yyyy cells. Whatever users typed is written as inert text."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.child import INVALID_TITLE_REGEX
from openpyxl.worksheet.cell_range import CellRange

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Text that a spreadsheet would read as a formula (OWASP "CSV injection": =, +, -, @, and tab or carriage
# return before them). Petition content, names and answers come from citizens and clerks.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def build_workbook(*, title: str, columns: Sequence[str], rows: Iterable[Sequence], subtitle: str = "") -> bytes:
    """The workbook as bytes, written row by row (openpyxl's write-only mode): memory stays flat however
    many rows ``rows`` yields, so give it a generator over ``.values()`` rather than a list of objects."""
    wb = Workbook(write_only=True)
    # A sheet's name may not hold : / ? * [ ] \ (a report's title such as "Kỳ họp 1/2026" would fail).
    ws = wb.create_sheet(INVALID_TITLE_REGEX.sub("-", _cell(title))[:31] or "Sheet1")
    width = max(len(columns), 1)
    # Widths and panes are written before the rows in write-only mode: set them first.
    for index, name in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = min(max(len(str(name)) + 4, 12), 60)
    ws.freeze_panes = "A4"
    heading = _styled(ws, title, font=Font(bold=True, size=14), alignment=Alignment(horizontal="center"))
    ws.append([heading])
    ws.append([_styled(ws, subtitle or f"Xuất lúc {timezone.localtime():%H:%M %d/%m/%Y}",
                       alignment=Alignment(horizontal="center"))])
    for row_number in (1, 2):
        ws.merged_cells.add(CellRange(min_col=1, min_row=row_number, max_col=width, max_row=row_number))
    bold = Font(bold=True)
    ws.append([_styled(ws, name, font=bold) for name in columns])
    for row in rows:
        ws.append([_write_only_value(ws, value) for value in row])
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _styled(ws, value, *, font=None, alignment=None) -> Cell:
    cell = _write_only_value(ws, value)
    if not isinstance(cell, Cell):
        cell = WriteOnlyCell(ws, value=cell)
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def _write_only_value(ws, value):
    """A plain value as it is; a date with the dd/mm/yyyy format; formula-looking text as inert text;
    nothing for an empty one (no cell written: a blank cell costs as much as a full one)."""
    if value is None or value == "":
        return None
    value = _cell(value)
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "DD/MM/YYYY HH:MM" if isinstance(value, datetime.datetime) else "DD/MM/YYYY"
        return cell
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell = WriteOnlyCell(ws, value=value)
        _as_text(cell)
        return cell
    return value


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
    if isinstance(value, Promise):
        value = str(value)
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
