"""Voters pages: intake of several petitions at once, the petition lifecycle buttons, accent-insensitive
search, duplicates, Excel import with row errors, exports, the overdue board, bounded queries."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from councils.choices import BodyKind
from councils.tests.factories import AgencyFactory, BodyFactory, FieldFactory, SessionFactory
from tests.inert_xlsx import HOSTILE, assert_inert
from voters import services
from voters.choices import PetitionStatus
from voters.models import Petition
from voters.tests.factories import ForwardingFactory, PetitionFactory, VoterMeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting_a(council_a, term):
    group = BodyFactory(council=council_a, term=term, kind=BodyKind.DEPUTY_GROUP, name="Tổ đại biểu số 1")
    return VoterMeetingFactory(council=council_a, body=group, date=datetime.date(2026, 11, 2),
                               place="Nhà văn hóa tổ dân phố 5")


def _items(*contents):
    data = {"items-TOTAL_FORMS": str(len(contents)), "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "50"}
    for index, content in enumerate(contents):
        data[f"items-{index}-content"] = content
        data[f"items-{index}-voters_count"] = "2"
    return data


def test_meeting_intake_saves_several_petitions_at_once(client, clerk_a, meeting_a):
    client.force_login(clerk_a)
    url = reverse("voters:meeting_petitions", args=[meeting_a.pk])
    assert 'id="add-row"' in client.get(url).content.decode()
    response = client.post(url, _items("Sửa đường Lê Lợi", "Lắp đèn ngõ 12", ""))
    assert response.status_code == 302
    assert sorted(Petition.objects.filter(meeting=meeting_a).values_list("content", flat=True)) == [
        "Lắp đèn ngõ 12", "Sửa đường Lê Lợi"]
    page = client.get(reverse("voters:meeting_detail", args=[meeting_a.pk])).content.decode()
    assert "Sửa đường Lê Lợi" in page and "Nhà văn hóa tổ dân phố 5" in page


def test_meeting_intake_with_no_petition_shows_message_and_saves_nothing(client, clerk_a, meeting_a):
    client.force_login(clerk_a)
    response = client.post(reverse("voters:meeting_petitions", args=[meeting_a.pk]), _items("", ""))
    assert response.status_code == 400
    assert "Chưa có kiến nghị nào để ghi nhận." in response.content.decode()
    assert not Petition.objects.exists()


def test_party_viewer_cannot_enter_petitions(client, viewer_a, meeting_a):
    client.force_login(viewer_a)
    assert client.post(reverse("voters:meeting_petitions", args=[meeting_a.pk]), _items("X")).status_code == 403
    page = client.get(reverse("voters:meeting_detail", args=[meeting_a.pk])).content.decode()
    assert reverse("voters:meeting_petitions", args=[meeting_a.pk]) not in page
    assert not Petition.objects.exists()


def test_accent_insensitive_search(client, clerk_a, council_a):
    PetitionFactory(council=council_a, content="Cử tri đề nghị sửa đường làng bị ngập")
    PetitionFactory(council=council_a, content="Đề nghị hỗ trợ hộ nghèo")
    client.force_login(clerk_a)
    page = client.get(reverse("voters:petition_list"), {"q": "duong lang"}).content.decode()
    assert "sửa đường làng bị ngập" in page and "hộ nghèo" not in page


def test_petition_lifecycle_buttons(client, clerk_a, viewer_a, council_a, meeting_a):
    field = FieldFactory(name="Giao thông")
    agency = AgencyFactory(council=council_a, name="Sở Giao thông vận tải")
    petition = services.add_meeting_petitions(meeting=meeting_a, items=[{"content": "Sửa cầu Đông"}],
                                              actor=clerk_a)[0]
    detail = reverse("voters:petition_detail", args=[petition.pk])
    client.force_login(clerk_a)
    page = client.get(detail).content.decode()
    assert reverse("voters:petition_classify", args=[petition.pk]) in page
    assert reverse("voters:petition_forward", args=[petition.pk]) not in page
    # Classify without a field: the service's message shows and the status stays.
    response = client.post(reverse("voters:petition_classify", args=[petition.pk]), {"note": ""})
    assert response.status_code == 400 and "Phải chọn lĩnh vực khi phân loại." in response.content.decode()
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.RECEIVED
    client.post(reverse("voters:petition_classify", args=[petition.pk]),
                {"field": field.pk, "proposed_agencies": [agency.pk]})
    page = client.get(detail).content.decode()
    assert reverse("voters:petition_forward", args=[petition.pk]) in page
    response = client.post(reverse("voters:petition_forward", args=[petition.pk]), {"forwarded_on": "10/11/2026"})
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.FORWARDED
    page = client.get(detail).content.decode()
    assert "Sở Giao thông vận tải" in page and "10/11/2026" in page
    assert reverse("voters:petition_answer", args=[petition.pk]) in page
    assert "phân loại kiến nghị" in page and "classify (" not in page  # history panel, as sentences
    client.force_login(viewer_a)
    page = client.get(detail).content.decode()
    assert reverse("voters:petition_answer", args=[petition.pk]) not in page
    assert client.get(reverse("voters:petition_answer", args=[petition.pk])).status_code == 403


def test_duplicates_are_suggested_and_merged(client, clerk_a, council_a, meeting_a):
    field = FieldFactory(name="Môi trường")
    one, two = services.add_meeting_petitions(meeting=meeting_a, items=[
        {"content": "Đề nghị xử lý ô nhiễm mùi từ bãi rác Nam Sơn", "field": field},
        {"content": "Đề nghị xử lý ô nhiễm mùi từ bãi rác Nam Sơn gây ảnh hưởng", "field": field},
    ], actor=clerk_a)
    client.force_login(clerk_a)
    page = client.get(reverse("voters:petition_detail", args=[one.pk])).content.decode()
    assert 'data-testid="duplicates"' in page and reverse("voters:petition_detail", args=[two.pk]) in page
    client.post(reverse("voters:petition_merge", args=[one.pk]), {"sources": [two.pk]})
    two.refresh_from_db()
    assert two.status == PetitionStatus.MERGED and two.merged_into_id == one.pk


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["Nội dung kiến nghị (*)", "Ngày tiếp nhận (*) (dd/mm/yyyy)"])
    for row in rows:
        ws.append(row)
    out = BytesIO()
    wb.save(out)
    return SimpleUploadedFile("kn.xlsx", out.getvalue())


def test_import_shows_row_errors_and_saves_nothing(client, clerk_a, council_a):
    client.force_login(clerk_a)
    response = client.post(reverse("voters:import"), {
        "council": council_a.pk, "file": _xlsx([["Sửa đường", "02/11/2026"], ["Lắp đèn", "ngày sai"]])})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dòng" in body and "3" in body
    assert not Petition.objects.exists()
    response = client.post(reverse("voters:import"), {
        "council": council_a.pk, "file": _xlsx([["Sửa đường", "02/11/2026"], ["Lắp đèn", "03/11/2026"]])})
    assert response.status_code == 302
    assert Petition.objects.filter(council=council_a).count() == 2


def test_petition_export_and_session_report(client, clerk_a, council_a, term):
    PetitionFactory(council=council_a, content="Sửa cầu Đông")
    session = SessionFactory(council=council_a, term=term)
    client.force_login(clerk_a)
    response = client.get(reverse("voters:petition_list"), {"export": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    assert "Sửa cầu Đông" in [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    response = client.get(reverse("voters:session_report", args=[session.pk]))
    assert load_workbook(BytesIO(response.content)).active["A1"].value == "Báo cáo kết quả giải quyết kiến nghị cử tri"
    assert reverse("voters:session_report", args=[session.pk]) in client.get(
        reverse("session_detail", args=[session.pk])).content.decode()


def test_page_exports_write_what_users_typed_as_inert_text(client, clerk_a, council_a, term, meeting_a):
    session = SessionFactory(council=council_a, term=term)
    meeting_a.session = session
    meeting_a.save()
    for index, text in enumerate(HOSTILE):
        petition = PetitionFactory(council=council_a, meeting=meeting_a, content=text,
                                   field=FieldFactory(code=f"hostile-{index}", name=text))
        ForwardingFactory(petition=petition, agency=AgencyFactory(name=text, council=council_a))
        VoterMeetingFactory(council=council_a, body=meeting_a.body, place=text)
    client.force_login(clerk_a)
    for url, query in ((reverse("voters:petition_list"), {"export": "xlsx"}),
                       (reverse("voters:meeting_list"), {"export": "xlsx"}),  # the generic list export
                       (reverse("voters:session_report", args=[session.pk]), {}),
                       (reverse("voters:session_report", args=[session.pk]), {"group_by": "agency"})):
        response = client.get(url, query)
        assert response.status_code == 200, url
        assert_inert(response.content)


def test_overdue_board_lists_late_items_by_council_and_agency(client, clerk_a, council_a, council_a1):
    PetitionFactory(council=council_a1, content="Chưa chuyển kịp", forward_due=datetime.date(2020, 1, 1))
    agency = AgencyFactory(council=council_a, name="Sở Y tế")
    ForwardingFactory(petition=PetitionFactory(council=council_a, status=PetitionStatus.FORWARDED,
                                               content="Chờ Sở Y tế"),
                      agency=agency, forwarded_on=datetime.date(2020, 1, 1), due_date=datetime.date(2020, 2, 1))
    client.force_login(clerk_a)
    page = client.get(reverse("overdue")).content.decode()
    assert "Chưa chuyển kịp" in page and "Chờ Sở Y tế" in page
    assert "HĐND phường Ba Đình" in page and "Sở Y tế" in page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page


def test_other_councils_petition_is_404(client, clerk_b, council_a):
    petition = PetitionFactory(council=council_a)
    client.force_login(clerk_b)
    assert client.get(reverse("voters:petition_detail", args=[petition.pk])).status_code == 404
    assert client.post(reverse("voters:petition_close", args=[petition.pk])).status_code == 404


def _populate(council, meeting, n):
    agency = AgencyFactory(council=council)
    for _ in range(n):
        p = PetitionFactory(council=council, meeting=meeting, status=PetitionStatus.FORWARDED,
                            forward_due=datetime.date(2020, 1, 1))
        ForwardingFactory(petition=p, agency=agency, forwarded_on=datetime.date(2020, 1, 1),
                          due_date=datetime.date(2020, 2, 1))
        PetitionFactory(council=council, meeting=meeting, forward_due=datetime.date(2020, 1, 1))


@pytest.mark.parametrize("name", ["voters:petition_list", "voters:meeting_list", "voters:reception_list", "overdue"])
def test_voters_pages_query_count_does_not_grow(client, clerk_a, council_a, meeting_a, name,
                                                django_assert_max_num_queries):
    client.force_login(clerk_a)
    _populate(council_a, meeting_a, 2)
    with django_assert_max_num_queries(30) as small:
        assert client.get(reverse(name)).status_code == 200
    _populate(council_a, meeting_a, 15)
    with django_assert_max_num_queries(30) as large:
        client.get(reverse(name))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_petition_detail_query_count_is_bounded(client, clerk_a, council_a, meeting_a, django_assert_max_num_queries):
    client.force_login(clerk_a)
    _populate(council_a, meeting_a, 10)
    petition = Petition.objects.filter(status=PetitionStatus.FORWARDED).first()
    with django_assert_max_num_queries(30):
        assert client.get(reverse("voters:petition_detail", args=[petition.pk])).status_code == 200


def test_answer_report_close_and_reopen_through_the_pages(client, clerk_a, council_a, term, meeting_a):
    field = FieldFactory(name="Giao thông")
    agency = AgencyFactory(council=council_a, name="Sở Xây dựng")
    petition = services.add_meeting_petitions(meeting=meeting_a, items=[{"content": "Sửa cầu Đông"}],
                                              actor=clerk_a)[0]
    services.classify_petition(petition=petition, actor=clerk_a, field=field, proposed_agencies=[agency])
    services.forward_petition(petition=petition, actor=clerk_a, forwarded_on=datetime.date(2026, 11, 10))
    forwarding = petition.forwardings.get()
    session = SessionFactory(council=council_a, term=term, start_date=datetime.date(2026, 12, 1))
    client.force_login(clerk_a)
    answer_url = reverse("voters:petition_answer", args=[petition.pk])
    assert "Sở Xây dựng (hạn" in client.get(answer_url).content.decode()
    response = client.post(answer_url, {"forwarding": forwarding.pk, "answer": "", "outcome": "resolved",
                                        "answered_on": "15/11/2026"})
    assert response.status_code == 400 and "Phải nhập nội dung trả lời." in response.content.decode()
    client.post(answer_url, {"forwarding": forwarding.pk, "answer": "Đã sửa xong", "outcome": "resolved",
                             "answered_on": "15/11/2026"})
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.ANSWERED
    client.post(reverse("voters:petition_report", args=[petition.pk]), {"session": session.pk})
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.REPORTED
    client.post(reverse("voters:petition_close", args=[petition.pk]))
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CLOSED
    page = client.get(reverse("voters:petition_detail", args=[petition.pk])).content.decode()
    assert reverse("voters:petition_reopen", args=[petition.pk]) in page
    assert reverse("voters:petition_close", args=[petition.pk]) not in page
    response = client.post(reverse("voters:petition_reopen", args=[petition.pk]), {"note": ""})
    assert "Phải ghi lý do mở lại (ý kiến của cử tri)." in response.content.decode()
    client.post(reverse("voters:petition_reopen", args=[petition.pk]), {"note": "Cử tri báo cầu vẫn hỏng"})
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.FORWARDED


def test_deputy_records_their_own_citizen_reception(client, deputy_a, deputy_a_record, viewer_a, council_a, term):
    from councils.tests.factories import DeputyFactory
    from voters.models import CitizenReception

    other = DeputyFactory(council=council_a, term=term, full_name="Lý Thị Thu")
    client.force_login(deputy_a)
    assert reverse("voters:reception_create") in client.get(reverse("home")).content.decode()
    data = {"council": council_a.pk, "deputy": deputy_a_record.pk, "date": "05/11/2026",
            "place": "Trụ sở tiếp công dân quận", "scheduled": "on", "people_count": 4}
    assert client.post(reverse("voters:reception_create"), data).status_code == 302
    assert CitizenReception.objects.get().deputy == deputy_a_record
    # Another deputy's reception is not theirs to record.
    assert client.post(reverse("voters:reception_create"), {**data, "deputy": other.pk}).status_code in (400, 403)
    assert CitizenReception.objects.count() == 1
    client.force_login(viewer_a)
    assert client.get(reverse("voters:reception_create")).status_code == 403
