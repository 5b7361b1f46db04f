"""What every export test checks of a workbook built from hostile text: it opens, each text is there as
entered (less the control characters XML cannot hold), and no cell is a formula."""

from io import BytesIO

from openpyxl import load_workbook

# Formula-looking text (OWASP "CSV injection") and a bell character (U+0007), which XML 1.0 forbids.
HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "@SUM(A1)", "-2+3", "\tTab đầu dòng", "Chuông\x07 reo"]
AS_SHOWN = ['=HYPERLINK("http://x","y")', "+1", "@SUM(A1)", "-2+3", "\tTab đầu dòng", "Chuông reo"]


def assert_inert(data: bytes, texts=AS_SHOWN) -> None:
    cells = [cell for row in load_workbook(BytesIO(data)).active.iter_rows() for cell in row]
    formulas = [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert not formulas, f"formula cells: {formulas}"
    by_value = {cell.value: cell for cell in cells if isinstance(cell.value, str)}
    for text in texts:
        assert text in by_value, f"{text!r} is not a cell of the export"
        if text.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert by_value[text].data_type == "s" and by_value[text].quotePrefix, text
