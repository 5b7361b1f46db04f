"""The voters API: scoping (404 across councils, 403 for viewers and deputies), transitions as actions,
Excel import and export, and list query counts that do not grow with rows."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from councils.tests.factories import AgencyFactory, FieldFactory, SessionFactory
from tests.inert_xlsx import HOSTILE, assert_inert
from voters import excel
from voters.choices import PetitionKind, PetitionStatus
from voters.models import Petition
from voters.tests.factories import (
    CitizenReceptionFactory,
    ForwardingFactory,
    PetitionFactory,
    VoterMeetingFactory,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/voters"


def test_clerk_b_gets_404_on_a_petition(new_petition, api_as, clerk_b):
    petition = new_petition()
    client = api_as(clerk_b)
    assert client.get(f"{BASE}/petitions/{petition.pk}/").status_code == 404
    assert client.post(f"{BASE}/petitions/{petition.pk}/close/", {}, format="json").status_code == 404
    assert client.get(f"{BASE}/petitions/").json()["count"] == 0


def test_viewer_reads_but_cannot_write(new_petition, api_as, viewer_a, traffic_field, agency_a, council_a):
    petition = new_petition()
    client = api_as(viewer_a)
    assert client.get(f"{BASE}/petitions/{petition.pk}/").json()["content"] == petition.content
    response = client.post(f"{BASE}/petitions/{petition.pk}/classify/",
                           {"field": traffic_field.pk, "proposed_agencies": [agency_a.pk]}, format="json")
    assert response.status_code == 403
    response = client.post(f"{BASE}/letters/", {"council": council_a.pk, "kind": "complaint", "channel": "mail",
                                                "content": "Khiếu nại", "received_on": "2026-11-16"}, format="json")
    assert response.status_code == 403
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.RECEIVED


def test_a_partial_update_answers_the_whole_record(new_petition, api_as, clerk_a):
    """DRF leaves out a field with a default while ``partial`` is set: a PATCH answered without "field_name"
    when the petition has no field, which the schema requires (found by the fuzz pass)."""
    petition = new_petition(sender_name="Ông Bình")
    response = api_as(clerk_a).patch(f"{BASE}/petitions/{petition.pk}/", {"sender_name": "Ông Nguyễn Văn Bình"},
                                     format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["field_name"] == "" and response.json()["sender_name"] == "Ông Nguyễn Văn Bình"
    assert set(response.json()) == set(api_as(clerk_a).get(f"{BASE}/petitions/{petition.pk}/").json())


def test_no_delete_for_petitions(new_petition, api_as, clerk_a):
    petition = new_petition()
    assert api_as(clerk_a).delete(f"{BASE}/petitions/{petition.pk}/").status_code == 405
    assert Petition.objects.filter(pk=petition.pk).exists()


def test_deputy_records_own_meeting_with_petitions_but_cannot_process(
        api_as, deputy_a, deputy_a_record, council_a, group_a, traffic_field, agency_a, term):
    from councils.tests.factories import DeputyFactory

    client = api_as(deputy_a)
    other = DeputyFactory(council=council_a, term=term)
    meeting = {"council": council_a.pk, "body": group_a.pk, "kind": "before_session", "date": "2026-11-13",
               "place": "Nhà văn hóa", "attendance": 80}
    assert client.post(f"{BASE}/meetings/", {**meeting, "deputies_present": [other.pk]},
                       format="json").status_code == 403
    response = client.post(f"{BASE}/meetings/", {**meeting, "deputies_present": [deputy_a_record.pk]}, format="json")
    assert response.status_code == 201, response.json()
    meeting_id = response.json()["id"]
    response = client.post(f"{BASE}/meetings/{meeting_id}/petitions/", {"petitions": [
        {"content": "Đề nghị sửa đường", "field": traffic_field.pk, "voters_count": 2},
        {"content": "Đề nghị lắp đèn chiếu sáng"}]}, format="json")
    assert response.status_code == 201, response.json()
    first = response.json()[0]
    assert (first["status"], first["voters_count"], first["field_name"]) == ("received", 2, traffic_field.name)
    response = client.post(f"{BASE}/petitions/{first['id']}/classify/",
                           {"field": traffic_field.pk, "proposed_agencies": [agency_a.pk]}, format="json")
    assert response.status_code == 403
    # Someone else's meeting: refused.
    foreign = VoterMeetingFactory(council=council_a, body=group_a)
    assert client.post(f"{BASE}/meetings/{foreign.pk}/petitions/", {"petitions": [{"content": "x"}]},
                       format="json").status_code == 403


def test_meeting_petitions_all_or_nothing(api_as, clerk_a, meeting_a):
    response = api_as(clerk_a).post(f"{BASE}/meetings/{meeting_a.pk}/petitions/", {"petitions": [
        {"content": "Hợp lệ"}, {"content": ""}]}, format="json")
    assert response.status_code == 400
    assert "Kiến nghị[2]" in response.json()["error"]["fields"]
    assert Petition.objects.count() == 0


def test_lifecycle_through_actions(new_petition, api_as, clerk_a, traffic_field, agency_a, agency_a2, council_a,
                                   term):
    petition = new_petition()
    client = api_as(clerk_a)
    url = f"{BASE}/petitions/{petition.pk}"

    refused = client.post(f"{url}/forward/", {"agencies": [agency_a.pk]}, format="json")
    assert refused.status_code == 400
    assert "Không thể chuyển từ trạng thái" in str(refused.json()["error"]["fields"])

    assert client.post(f"{url}/classify/", {"field": traffic_field.pk,
                                            "proposed_agencies": [agency_a.pk, agency_a2.pk]},
                       format="json").status_code == 200
    body = client.post(f"{url}/forward/", {"forwarded_on": "2026-11-10"}, format="json").json()
    assert body["status"] == "forwarded" and len(body["forwardings"]) == 2
    fw1, fw2 = body["forwardings"]

    body = client.post(f"{url}/request-clarification/", {"forwarding": fw1["id"], "note": "Làm rõ vị trí",
                                                         "since": "2026-11-16"}, format="json").json()
    assert body["forwardings"][0]["status"] == "clarification"
    body = client.post(f"{url}/clarify/", {"forwarding": fw1["id"], "on": "2026-11-20"}, format="json").json()
    assert (body["forwardings"][0]["paused_days"], body["forwardings"][0]["due_date"]) == (4, "2026-12-29")

    body = client.post(f"{url}/answer-forwarding/", {"forwarding": fw1["id"], "answer": "Đã sửa",
                                                     "outcome": "resolved", "answered_on": "2026-11-25"},
                       format="json").json()
    assert (body["status"], body["is_resolved"]) == ("forwarded", False)
    body = client.post(f"{url}/answer-forwarding/", {"forwarding": fw2["id"], "answer": "Đã xử lý",
                                                     "outcome": "resolved", "answered_on": "2026-11-25"},
                       format="json").json()
    assert (body["status"], body["is_resolved"]) == ("answered", True)
    other_forwarding = ForwardingFactory(petition=PetitionFactory(council=council_a))
    assert client.post(f"{url}/answer-forwarding/", {"forwarding": other_forwarding.pk, "answer": "x",
                                                     "outcome": "resolved"}, format="json").status_code == 400

    session = SessionFactory(council=council_a, term=term, number=3, start_date=datetime.date(2026, 12, 8))
    assert client.post(f"{url}/report/", {"session": session.pk}, format="json").json()["status"] == "reported"
    assert client.post(f"{url}/close/", {}, format="json").json()["status"] == "closed"
    response = client.post(f"{url}/reopen/", {"note": ""}, format="json")
    assert response.status_code == 400
    body = client.post(f"{url}/reopen/", {"note": "Cử tri phản ánh chưa xong", "forwardings": [fw2["id"]]},
                       format="json").json()
    assert body["status"] == "forwarded"
    assert [f["status"] for f in body["forwardings"]] == ["answered", "pending"]


def test_merge_and_duplicates_actions(new_petition, api_as, clerk_a, council_b):
    a = new_petition("Đề nghị nâng cấp tuyến đường Lê Lợi đoạn qua phường Ba Đình", voters_count=3)
    b = new_petition("Cử tri đề nghị nâng cấp tuyến đường Lê Lợi đoạn qua phường Ba Đình", voters_count=2)
    foreign = PetitionFactory(council=council_b)
    client = api_as(clerk_a)
    suggestions = client.get(f"{BASE}/petitions/{a.pk}/duplicates/").json()
    assert [s["petition"]["id"] for s in suggestions] == [b.pk]
    assert client.post(f"{BASE}/petitions/{a.pk}/merge/", {"sources": [foreign.pk]},
                       format="json").status_code == 400
    body = client.post(f"{BASE}/petitions/{a.pk}/merge/", {"sources": [b.pk], "note": "Trùng"}, format="json").json()
    assert body["voters_count"] == 5
    assert client.get(f"{BASE}/petitions/{b.pk}/").json()["merged_into"] == a.pk


def test_letters_endpoint(api_as, clerk_a, council_a, new_petition):
    new_petition()
    client = api_as(clerk_a)
    response = client.post(f"{BASE}/letters/", {"council": council_a.pk, "kind": "denunciation", "channel": "online",
                                                "content": "Tố cáo lấn chiếm đất", "received_on": "2026-11-16",
                                                "sender_name": "Lê Văn Bình"}, format="json")
    assert response.status_code == 201, response.json()
    letters = client.get(f"{BASE}/letters/").json()
    assert [row["kind"] for row in letters["results"]] == [PetitionKind.DENUNCIATION]
    assert client.post(f"{BASE}/letters/", {"council": council_a.pk, "kind": "voter_petition", "channel": "mail",
                                            "content": "x", "received_on": "2026-11-16"},
                       format="json").status_code == 400


def test_reception_with_letters(api_as, clerk_a, council_a, deputy_a_record):
    response = api_as(clerk_a).post(f"{BASE}/receptions/", {
        "council": council_a.pk, "deputy": deputy_a_record.pk, "date": "2026-11-16", "place": "Trụ sở",
        "people_count": 2, "letters": [{"kind": "complaint", "content": "Khiếu nại về bồi thường"}]}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["letters_total"] == 1


def test_forwarding_create_adds_an_agency(forwarded_petition, api_as, clerk_a, council_a):
    from councils.tests.factories import AgencyFactory

    third = AgencyFactory(name="UBND phường", council=council_a)
    client = api_as(clerk_a)
    response = client.post(f"{BASE}/forwardings/", {"petition": forwarded_petition.pk, "agency": third.pk,
                                                    "forwarded_on": "2026-11-12"}, format="json")
    assert response.status_code == 201, response.json()
    listed = client.get(f"{BASE}/forwardings/", {"petition": forwarded_petition.pk}).json()
    assert listed["count"] == 3


def test_search_and_filters_in_api(new_petition, api_as, clerk_a):
    new_petition("Tranh chấp đất đai ở tổ 5")
    new_petition("Sửa đường")
    client = api_as(clerk_a)
    assert [r["content"] for r in client.get(f"{BASE}/petitions/", {"q": "DAT DAI"}).json()["results"]] == [
        "Tranh chấp đất đai ở tổ 5"]
    assert client.get(f"{BASE}/petitions/", {"q": "duong"}).json()["count"] == 1
    assert client.get(f"{BASE}/petitions/", {"received_after": "not-a-date"}).status_code == 400


def _upload(data, name="kien-nghi.xlsx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_import_bad_row_and_malformed_file_are_400(api_as, clerk_a, council_a, viewer_a):
    wb = Workbook()
    ws = wb.active
    ws.append([c.header for c in excel.IMPORT_COLUMNS])
    ws.append(["Đề nghị hợp lệ", "02/11/2026"])
    ws.append(["Đề nghị ngày sai", "2026-13-45"])
    buffer = BytesIO()
    wb.save(buffer)
    client = api_as(clerk_a)
    response = client.post(f"{BASE}/petitions/import/", {"council": council_a.pk, "file": _upload(buffer.getvalue())},
                           format="multipart")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["rows"] == [
        "Dòng 3: ngày tiếp nhận “2026-13-45” không đúng dạng dd/mm/yyyy."]
    assert Petition.objects.count() == 0

    response = client.post(f"{BASE}/petitions/import/", {"council": council_a.pk,
                                                         "file": _upload(b"%PDF-1.4 not excel", "a.xlsx")},
                           format="multipart")
    assert response.status_code == 400
    assert "không phải là tệp Excel" in response.json()["error"]["fields"]["file"][0]

    response = client.post(f"{BASE}/petitions/import/", {"council": council_a.pk, "file": _upload(
        excel.import_template())}, format="multipart")
    assert response.status_code == 400  # the example row names a field that is not in the catalogue

    response = api_as(viewer_a).post(f"{BASE}/petitions/import/", {"council": council_a.pk,
                                                                  "file": _upload(buffer.getvalue())},
                                     format="multipart")
    assert response.status_code == 403


def test_import_ok(api_as, clerk_a, council_a, meeting_a):
    wb = Workbook()
    ws = wb.active
    ws.append([c.header for c in excel.IMPORT_COLUMNS])
    ws.append(["Đề nghị một", "02/11/2026"])
    ws.append(["Đề nghị hai", datetime.datetime(2026, 11, 3)])
    buffer = BytesIO()
    wb.save(buffer)
    response = api_as(clerk_a).post(f"{BASE}/petitions/import/", {
        "council": council_a.pk, "meeting": meeting_a.pk, "file": _upload(buffer.getvalue())}, format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["created"] == 2
    assert set(Petition.objects.values_list("meeting", flat=True)) == {meeting_a.pk}


def test_export_template_and_session_report(new_petition, api_as, clerk_a, council_a, term):
    new_petition("Kiến nghị về đường")
    new_petition("Kiến nghị về đất")
    client = api_as(clerk_a)
    response = client.get(f"{BASE}/petitions/export/", {"q": "dat"})
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[2] for r in rows[3:]] == ["Kiến nghị về đất"]
    assert client.get(f"{BASE}/petitions/import-template/").status_code == 200
    session = SessionFactory(council=council_a, term=term, number=2)
    response = client.get(f"{BASE}/petitions/session-report/", {"session": session.pk, "group_by": "agency"})
    assert response.status_code == 200
    assert load_workbook(BytesIO(response.content)).active["A1"].value.startswith("Báo cáo kết quả")
    assert client.get(f"{BASE}/petitions/session-report/", {"session": 999999}).status_code == 400


def test_exports_write_what_users_typed_as_inert_text(api_as, clerk_a, council_a, term, meeting_a):
    """Formula-looking content stays text and a control character no longer turns the export into a 500."""
    session = SessionFactory(council=council_a, term=term, number=3)
    meeting_a.session = session
    meeting_a.save()
    for index, text in enumerate(HOSTILE):
        petition = PetitionFactory(council=council_a, meeting=meeting_a, content=text, sender_name=text,
                                   field=FieldFactory(code=f"hostile-{index}", name=text))
        ForwardingFactory(petition=petition, agency=AgencyFactory(name=text, council=council_a))
    client = api_as(clerk_a)
    response = client.get(f"{BASE}/petitions/export/")
    assert response.status_code == 200
    assert_inert(response.content)
    for group_by in ("field", "agency"):
        response = client.get(f"{BASE}/petitions/session-report/", {"session": session.pk, "group_by": group_by})
        assert response.status_code == 200
        assert_inert(response.content)


def _populate(council, group, agencies, n):
    from councils.tests.factories import DeputyFactory

    for _ in range(n):
        meeting = VoterMeetingFactory(council=council, body=group)
        meeting.deputies_present.add(DeputyFactory(council=council, term=group.term))
        petition = PetitionFactory(council=council, meeting=meeting, status=PetitionStatus.FORWARDED)
        petition.proposed_agencies.set(agencies)
        for agency in agencies:
            ForwardingFactory(petition=petition, agency=agency)
        CitizenReceptionFactory(council=council, deputy=DeputyFactory(council=council, term=group.term))
        PetitionFactory(council=council, kind=PetitionKind.COMPLAINT, channel="mail")


@pytest.mark.parametrize("endpoint", ["meetings", "petitions", "letters", "forwardings", "receptions"])
def test_list_query_counts_do_not_grow(endpoint, api_as, clerk_a, council_a, group_a, agency_a, agency_a2,
                                       django_assert_max_num_queries):
    client = api_as(clerk_a)
    client.get(f"{BASE}/{endpoint}/")  # the user's role assignments are then cached, as within any request
    _populate(council_a, group_a, [agency_a, agency_a2], 2)
    with django_assert_max_num_queries(8) as small:
        assert client.get(f"{BASE}/{endpoint}/").status_code == 200
    _populate(council_a, group_a, [agency_a, agency_a2], 10)
    with django_assert_max_num_queries(8) as large:
        response = client.get(f"{BASE}/{endpoint}/")
    assert response.json()["count"] >= 10
    assert len(large.captured_queries) == len(small.captured_queries)
