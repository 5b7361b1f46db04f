"""The one Excel writer (utilities.xlsx) writes what users typed as inert text and never fails on content."""

import datetime
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from utilities.xlsx import build_workbook

from .inert_xlsx import AS_SHOWN, HOSTILE, assert_inert


def test_formula_looking_text_and_control_characters_are_written_as_text():
    data = build_workbook(title="Danh sách", columns=["Nội dung", "Ghi chú"],
                          rows=[[text, f"Ghi chú {index}"] for index, text in enumerate(HOSTILE)])
    assert_inert(data)
    sheet = load_workbook(BytesIO(data)).active
    assert [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)] == AS_SHOWN


def test_headings_are_cleaned_too():
    data = build_workbook(title="Báo cáo\x07", subtitle="=1+1", columns=["@Cột\x0b"], rows=[])
    sheet = load_workbook(BytesIO(data)).active
    assert (sheet["A1"].value, sheet["A2"].value, sheet["A3"].value) == ("Báo cáo", "=1+1", "@Cột")
    assert_inert(data, ["=1+1", "@Cột"])


def test_ordinary_cells_keep_their_types():
    data = build_workbook(title="T", columns=["a", "b", "c", "d"],
                          rows=[["Sửa đường", 3, datetime.date(2026, 11, 2), -4]])
    row = next(load_workbook(BytesIO(data)).active.iter_rows(min_row=4))
    assert [cell.value for cell in row] == ["Sửa đường", 3, datetime.datetime(2026, 11, 2), -4]
    assert [cell.data_type for cell in row] == ["s", "n", "d", "n"]
    assert not any(cell.quotePrefix for cell in row)


def test_a_title_with_characters_a_sheet_name_forbids():
    data = build_workbook(title="Kết quả — HĐND xã A/B [2026]", columns=["a"], rows=[])
    workbook = load_workbook(BytesIO(data))
    assert workbook.active.title == "Kết quả — HĐND xã A-B -2026-"
    assert workbook.active["A1"].value == "Kết quả — HĐND xã A/B [2026]"


def test_report_layout_heading_merged_header_frozen_dates_in_vietnamese_format():
    data = build_workbook(title="Danh sách kiến nghị", subtitle="HĐND xã A", columns=["a", "b", "c"],
                          rows=[[datetime.date(2026, 3, 1), datetime.datetime(2026, 3, 1, 8, 30), True]])
    sheet = load_workbook(BytesIO(data)).active
    assert {str(cells) for cells in sheet.merged_cells.ranges} == {"A1:C1", "A2:C2"}
    assert sheet.freeze_panes == "A4"
    assert sheet["A1"].font.bold and sheet["A3"].font.bold and not sheet["A4"].font.bold
    assert (sheet["A4"].number_format, sheet["B4"].number_format) == ("dd/mm/yyyy", "dd/mm/yyyy hh:mm")
    assert sheet["C4"].value == "Có"


def test_one_column_and_odd_values_never_fail():
    data = build_workbook(title="'Một cột'", columns=["=a"],
                          rows=[[float("nan")], [Decimal("1.5")], [object.__new__(EmptyThing)], ["x" * 40000]])
    sheet = load_workbook(BytesIO(data)).active
    assert sheet.title == "Một cột"
    assert [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)] == ["=a", "nan", 1.5, "trống", "x" * 32767]
    assert sheet["A3"].quotePrefix


class EmptyThing:
    def __str__(self):
        return "trống"
