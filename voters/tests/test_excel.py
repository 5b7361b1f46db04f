"""Excel import (all rows or nothing, every bad row named) and the exports."""

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from councils.tests.factories import SessionFactory
from voters import excel, selectors, services
from voters.choices import AnswerOutcome
from voters.models import Petition

pytestmark = pytest.mark.django_db


def workbook_bytes(rows, header=None):
    wb = Workbook()
    ws = wb.active
    ws.append(header or [c.header for c in excel.IMPORT_COLUMNS])
    for row in rows:
        ws.append(row)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_template_has_headers_and_example():
    sheet = load_workbook(BytesIO(excel.import_template())).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert values[2][0] == "Nội dung kiến nghị (*)"
    assert values[3][1] == "02/11/2026"


def test_template_round_trips(council_a, clerk_a, traffic_field, agency_a):
    traffic_field.name = "Giao thông"
    traffic_field.save()
    agency_a.name = "Sở Giao thông vận tải"
    agency_a.save()
    saved = excel.import_petitions(council=council_a, data=excel.import_template(), actor=clerk_a)
    assert len(saved) == 1
    petition = saved[0]
    assert (petition.received_on, petition.field, petition.voters_count) == (
        datetime.date(2026, 11, 2), traffic_field, 3)
    assert list(petition.proposed_agencies.all()) == [agency_a]


def test_import_with_one_bad_row_saves_nothing_and_names_it(council_a, clerk_a, traffic_field, agency_a):
    data = workbook_bytes([
        ["Đề nghị sửa đường", datetime.datetime(2026, 11, 2), "giao thong", None, None, "KN-1", 2, None, None,
         "Sở GTVT"],
        ["Đề nghị lắp đèn", "31/02/2026", "Giao thông"],
        ["", "03/11/2026", "Không có lĩnh vực này"],
        ["Đề nghị nạo vét kênh", "03/11/2026", None, None, None, "KN-1", None, None, None, "Sở Không Tồn Tại"],
        ["Ngày dạng số Excel", 46328],
    ])
    with pytest.raises(ValidationError) as exc:
        excel.import_petitions(council=council_a, data=data, actor=clerk_a)
    messages = exc.value.message_dict["rows"]
    assert len(messages) == 3
    assert messages[0] == "Dòng 3: ngày tiếp nhận “31/02/2026” không đúng dạng dd/mm/yyyy."
    assert messages[1].startswith("Dòng 4: thiếu nội dung kiến nghị; không có lĩnh vực “Không có lĩnh vực này”")
    assert "số hiệu “KN-1” trùng với dòng 2" in messages[2]
    assert "không có cơ quan “Sở Không Tồn Tại”" in messages[2]
    assert Petition.objects.count() == 0


def test_import_excel_serial_date(council_a, clerk_a):
    (petition,) = excel.import_petitions(council=council_a, data=workbook_bytes([["Nội dung", 46328]]),
                                         actor=clerk_a)
    assert petition.received_on == datetime.date(2026, 11, 2)


@pytest.mark.parametrize("data", [b"", b"not an excel file", b"PK\x03\x04broken zip"])
def test_malformed_file_gives_a_clear_error(council_a, clerk_a, data):
    with pytest.raises(ValidationError) as exc:
        excel.import_petitions(council=council_a, data=data, actor=clerk_a)
    assert "file" in exc.value.message_dict


def test_missing_header_is_reported(council_a, clerk_a):
    with pytest.raises(ValidationError) as exc:
        excel.import_petitions(council=council_a, data=workbook_bytes([["a", "b"]], header=["x", "y"]), actor=clerk_a)
    assert "Không tìm thấy dòng tiêu đề" in exc.value.message_dict["file"][0]


def test_export_filtered_list(forwarded_petition, new_petition, clerk_a, django_assert_max_num_queries):
    new_petition("Kiến nghị thứ hai")
    with django_assert_max_num_queries(6):
        data = excel.export_petitions(selectors.petitions_for(clerk_a).filter(status="forwarded"))
    rows = list(load_workbook(BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[2][0] == "Số hiệu"
    assert len(rows) == 4
    assert rows[3][9] == "Sở GTVT; Sở TNMT"


def test_session_report(forwarded_petition, new_petition, clerk_a, council_a, term, land_field, agency_a):
    session = SessionFactory(council=council_a, term=term, number=7, start_date=datetime.date(2026, 12, 8))
    fw1, fw2 = forwarded_petition.forwardings.order_by("agency__name")
    services.answer_forwarding(forwarding=fw1, actor=clerk_a, answer="Xong", outcome=AnswerOutcome.RESOLVED,
                               answered_on=datetime.date(2026, 11, 20))
    services.answer_forwarding(forwarding=fw2, actor=clerk_a, answer="Đang làm", answered_on=datetime.date(2026, 11, 20),
                               outcome=AnswerOutcome.BEING_RESOLVED)
    services.report_to_voters(petition=forwarded_petition, session=session, actor=clerk_a)
    second = new_petition("Kiến nghị về đất đai")
    services.classify_petition(petition=second, actor=clerk_a, field=land_field, proposed_agencies=[agency_a])
    services.forward_petition(petition=second, actor=clerk_a, forwarded_on=datetime.date(2026, 11, 10))
    second.meeting.session = session
    second.meeting.save()

    by_field = excel.session_report_rows(session)
    assert by_field == [["Đất đai", 1, 0, 0, 0, 1], ["Giao thông", 1, 0, 1, 0, 0], ["Tổng cộng", 2, 0, 1, 0, 1]]
    by_agency = excel.session_report_rows(session, group_by="agency")
    assert by_agency == [["Sở GTVT", 2, 1, 0, 0, 1], ["Sở TNMT", 1, 0, 1, 0, 0], ["Tổng cộng", 3, 1, 1, 0, 1]]
    sheet = load_workbook(BytesIO(excel.session_report(session))).active
    assert sheet["A1"].value == "Báo cáo kết quả giải quyết kiến nghị cử tri"
    assert "HĐND THÀNH PHỐ HÀ NỘI" in sheet["A2"].value
