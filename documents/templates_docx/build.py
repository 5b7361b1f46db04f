"""Builds the committed Word templates of every document kind (``make doc-templates``), so they are
reproducible: the Decree 30/2020/NĐ-CP layout in python-docx, with docxtpl placeholders.

A council's administrator may start from one of these files, edit it in Word and upload it as the council's
own template (the upload is refused when a placeholder names something the kind does not have).
"""

from __future__ import annotations

import datetime
import sys
import zipfile
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


def _new_document():
    document = Document()
    section = document.sections[0]
    # A4, margins of Decree 30 (Annex I): top and bottom 2 cm, left 3 cm, right 1.5 cm.
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.font.size = Pt(13)
    style.paragraph_format.space_after = Pt(3)
    # The core properties would otherwise carry the build time: the same script gives the same bytes.
    properties = document.core_properties
    properties.author = properties.last_modified_by = "Cổng HĐND"
    properties.created = properties.modified = datetime.datetime(2026, 1, 1)
    properties.revision = 1
    return document


def _line(container, text, *, bold=False, italic=False, align=None, size=None):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return paragraph


def _no_borders(table):
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _cell(table, row, column, width):
    cell = table.cell(row, column)
    cell.width = width
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return cell


def heading(document):
    """Issuing body and number at the left, national motto, place and date at the right; then the title."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    left, right = _cell(table, 0, 0, Cm(6.5)), _cell(table, 0, 1, Cm(10))
    _line(left, "{{ issuer_parent }}", align=CENTER, size=12)
    _line(left, "{{ issuer }}", bold=True, align=CENTER, size=12)
    _line(left, "Số: {{ number }}", align=CENTER)
    _line(left, "{{ subtitle if not title else '' }}", align=CENTER, size=12)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, align=CENTER, size=12)
    _line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, align=CENTER)
    _line(right, "{{ place }}, {{ date_text }}", italic=True, align=CENTER)
    document.add_paragraph()
    _line(document, "{{ title }}", bold=True, align=CENTER, size=14)
    _line(document, "{{ subtitle if title else '' }}", bold=True, align=CENTER)


def closing(document):
    """"Nơi nhận" at the left, the signature block (authority, title, name) at the right."""
    document.add_paragraph()
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = _cell(table, 0, 0, Cm(8)), _cell(table, 0, 1, Cm(8.5))
    _line(left, "Nơi nhận:", bold=True, italic=True, size=12)
    _line(left, "{%p for recipient in recipients %}", size=11)
    _line(left, "- {{ recipient }};", size=11)
    _line(left, "{%p endfor %}", size=11)
    _line(right, "{{ signer_authority }}", bold=True, align=CENTER)
    _line(right, "{{ signer_title }}", bold=True, align=CENTER)
    for _blank in range(3):
        right.add_paragraph()
    _line(right, "{{ signer_name }}", bold=True, align=CENTER)


def _table(document, headers, cells, *, loop, total=None):
    """A table whose middle row repeats ``{%tr for ... %}``; ``total`` is a last row of fixed cells."""
    rows = 4 + (1 if total else 0)
    table = document.add_table(rows=rows, cols=len(headers))
    table.style = "Table Grid"
    for column, (header, cell) in enumerate(zip(headers, cells, strict=True)):
        table.cell(0, column).text = header
        table.cell(0, column).paragraphs[0].runs[0].bold = True
        table.cell(2, column).text = cell
    table.cell(1, 0).text = "{%tr " + loop + " %}"
    table.cell(3, 0).text = "{%tr endfor %}"
    if total:
        for column, cell in enumerate(total):
            table.cell(4, column).text = cell
    return table


def session_report(document):
    _line(document, "Thường trực {{ council_name }} báo cáo kết quả giải quyết {{ petitions_count }} kiến nghị "
                    "của cử tri gửi tới {{ session_name }} (khai mạc ngày {{ session_start }}) như sau:", align=JUSTIFY)
    _line(document, "I. TỔNG HỢP KẾT QUẢ", bold=True)
    _table(document, ["{{ group_label }}", "Tổng số", "Đã giải quyết", "Đang giải quyết", "Đã giải trình",
                      "Chưa trả lời"],
           ["{{ row.group }}", "{{ row.total }}", "{{ row.resolved }}", "{{ row.being_resolved }}",
            "{{ row.explained }}", "{{ row.not_answered }}"], loop="for row in summary",
           total=["{{ total.group }}", "{{ total.total }}", "{{ total.resolved }}", "{{ total.being_resolved }}",
                  "{{ total.explained }}", "{{ total.not_answered }}"])
    _line(document, "II. KẾT QUẢ TRẢ LỜI CỤ THỂ", bold=True)
    _line(document, "{%p for group in groups %}")
    _line(document, "{{ group.index }}. {{ group.name }}", bold=True)
    _line(document, "{%p for item in group.petitions %}")
    _line(document, "{{ group.index }}.{{ item.index }}. {{ item.content }}", align=JUSTIFY)
    _line(document, "{%p for answer in item.answers %}")
    _line(document, "- {{ answer.agency }} ({{ answer.outcome }}{{ ', ' + answer.answered_on if answer.answered_on "
                    "else '' }}): {{ answer.text }}", italic=True, align=JUSTIFY)
    _line(document, "{%p endfor %}")
    _line(document, "{%p endfor %}")
    _line(document, "{%p endfor %}")


def forwarding_letter(document):
    _line(document, "Kính gửi: {{ agency_name }}", align=CENTER)
    _line(document, "Thường trực {{ council_name }} chuyển tới {{ agency_name }} {{ count }} kiến nghị của cử tri "
                    "(danh sách kèm theo), đề nghị xem xét, giải quyết và trả lời bằng văn bản trước ngày "
                    "{{ earliest_due }}.", align=JUSTIFY)
    _table(document, ["STT", "Số hiệu", "Nội dung kiến nghị", "Số lượt cử tri", "Hạn trả lời"],
           ["{{ row.index }}", "{{ row.code }}", "{{ row.content }}", "{{ row.voters_count }}", "{{ row.due_date }}"],
           loop="for row in forwardings")


def receipt(document):
    _line(document, "Văn phòng {{ council_name }} đã nhận của:", align=JUSTIFY)
    for label, name in (("Ông/Bà", "sender_name"), ("Địa chỉ", "sender_address"), ("Loại", "kind_label"),
                        ("Hình thức tiếp nhận", "channel_label"), ("Ngày tiếp nhận", "received_on"),
                        ("Số hiệu", "petition_code")):
        _line(document, f"{label}: {{{{ {name} }}}}")
    _line(document, "{%p if tracking_code is defined and tracking_code %}")
    _line(document, "Mã tra cứu: {{ tracking_code }}", bold=True)
    _line(document, "{%p if tracking_key is defined and tracking_key %}")
    _line(document, "Mã bí mật: {{ tracking_key }} (giữ kín; cùng mã tra cứu dùng để xem kết quả tại "
                    "{{ tracking_url }})", bold=True)
    _line(document, "{%p endif %}")
    _line(document, "{%p endif %}")
    _line(document, "Nội dung: {{ content }}", align=JUSTIFY)
    _line(document, "Văn phòng sẽ chuyển đơn thư, kiến nghị tới cơ quan có thẩm quyền chậm nhất ngày "
                    "{{ forward_due }}.", italic=True, align=JUSTIFY)


def activity_report(document):
    _line(document, "Hình thức: {{ kind_label }}. Chủ thể giám sát: {{ body_name }}. "
                    "Thời gian: từ {{ start }} đến {{ end }}.", align=JUSTIFY)
    _line(document, "Đối tượng giám sát: {{ subject_agencies|join(', ') }}.", align=JUSTIFY)
    _line(document, "I. KẾT LUẬN (ngày {{ conclusion_date }})", bold=True)
    _line(document, "{{ conclusion }}", align=JUSTIFY)
    _line(document, "II. KIẾN NGHỊ ({{ recommendations_count }})", bold=True)
    _table(document, ["STT", "Nội dung kiến nghị", "Cơ quan thực hiện", "Thời hạn", "Tình trạng"],
           ["{{ r.index }}", "{{ r.content }}", "{{ r.agency }}", "{{ r.due_date }}", "{{ r.status }}"],
           loop="for r in recommendations")


def compliance_report(document):
    _line(document, "Số liệu tính đến ngày {{ as_of }} (lập lúc {{ generated_at }}). Tỷ lệ tuân thủ chung: "
                    "{{ overall.compliance }}; đạt {{ overall.met }}, đúng tiến độ {{ overall.on_track }}, "
                    "có nguy cơ {{ overall.at_risk }}, không đạt {{ overall.missed }}.", align=JUSTIFY)
    _table(document, ["Mã", "Chỉ tiêu", "Kỳ", "Đạt", "Đúng tiến độ", "Có nguy cơ", "Không đạt", "Tỷ lệ",
                      "Minh chứng (được tính)"],
           ["{{ r.code }}", "{{ r.title }} ({{ r.obligation }})", "{{ r.period_label }}", "{{ r.met }}",
            "{{ r.on_track }}", "{{ r.at_risk }}", "{{ r.missed }}", "{{ r.compliance }}",
            "{{ r.evidence }} ({{ r.counted }})"], loop="for r in rules")


BODIES = {
    "session_report": session_report, "forwarding_letter": forwarding_letter, "receipt": receipt,
    "activity_report": activity_report, "compliance_report": compliance_report,
}


def build(kind: str, folder: Path = HERE) -> Path:
    document = _new_document()
    heading(document)
    BODIES[kind](document)
    closing(document)
    path = folder / f"{kind}.docx"
    built = BytesIO()
    document.save(built)
    # Zip entries carry the time they were written: give them all one date so a rebuild is byte-identical.
    stable = BytesIO()
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(stable, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(zipfile.ZipInfo(item.filename, date_time=(2026, 1, 1, 0, 0, 0)), source.read(item),
                            compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(stable.getvalue())
    return path


if __name__ == "__main__":
    for name in sys.argv[1:] or BODIES:
        print(build(name))
