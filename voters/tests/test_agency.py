"""Agencies answer in the portal: their scope (only their agency's forwardings), receipt, clarification, the
answer with its reply file, the secretariat's return (review days added to the deadline) and acceptance, a
denunciation's hidden sender, and attachments served only in scope."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.audit import history_for
from councils.workdays import add_working_days
from voters import selectors, services
from voters.choices import AnswerOutcome, AnswerReview, ForwardingStatus, PetitionKind, PetitionStatus
from voters.models import Attachment

API = "/api/v1/voters"
FRIDAY = datetime.date(2026, 11, 20)
NEXT_FRIDAY = datetime.date(2026, 11, 27)


@pytest.fixture
def answered_by_agency(forwarded_petition, gtvt_staff, agency_a, pdf, monkeypatch):
    """agency_a answered in the portal on Friday 20/11/2026; the other agency has not answered yet."""
    monkeypatch.setattr("voters.services.agency._today", lambda: FRIDAY)
    forwarding = forwarded_petition.forwardings.get(agency=agency_a)
    services.submit_answer(forwarding=forwarding, actor=gtvt_staff, answer="Đã lên kế hoạch sửa đường.",
                           outcome=AnswerOutcome.BEING_RESOLVED, reply_number="125/SGTVT-QLĐ", file=pdf())
    return forwarding


def _denunciation(clerk_a, council_a, agency_a, land_field):
    letter = services.register_letter(council=council_a, kind=PetitionKind.DENUNCIATION, channel="mail",
                                      content="Tố cáo cán bộ địa chính nhận tiền của dân.",
                                      received_on=datetime.date(2026, 11, 3), actor=clerk_a,
                                      sender_name="Nguyễn Văn Tố", sender_address="12 Hàng Bài, Hoàn Kiếm")
    services.classify_petition(petition=letter, actor=clerk_a, field=land_field, proposed_agencies=[agency_a])
    services.forward_petition(petition=letter, actor=clerk_a, forwarded_on=datetime.date(2026, 11, 10))
    return letter


# --- scope --------------------------------------------------------------------------------------------------

def test_agency_user_sees_only_their_agencys_forwardings(forwarded_petition, gtvt_staff, agency_a, agency_a2,
                                                         api_as):
    mine = forwarded_petition.forwardings.get(agency=agency_a)
    theirs = forwarded_petition.forwardings.get(agency=agency_a2)
    assert list(selectors.forwardings_for(gtvt_staff)) == [mine]
    client = api_as(gtvt_staff)
    listed = client.get(f"{API}/forwardings/").json()["results"]
    assert [row["id"] for row in listed] == [mine.pk]
    assert listed[0]["petition_content"].startswith("Cử tri đề nghị sửa chữa đường Lê Lợi")
    assert client.get(f"{API}/forwardings/{theirs.pk}/").status_code == 404
    assert client.post(f"{API}/forwardings/{theirs.pk}/acknowledge/", {}, format="json").status_code == 404
    # The petition itself, and the council's lists, stay closed to an agency.
    assert client.get(f"{API}/petitions/{forwarded_petition.pk}/").status_code == 404
    assert client.get(f"{API}/petitions/").json()["count"] == 0


def test_agency_list_query_count_does_not_grow(new_petition, clerk_a, traffic_field, agency_a, gtvt_staff, api_as,
                                               pdf, monkeypatch):
    monkeypatch.setattr("voters.services.agency._today", lambda: FRIDAY)

    def add(n):
        for i in range(n):
            petition = new_petition(content=f"Cử tri phản ánh đèn đường hỏng số {i} {n}")
            services.classify_petition(petition=petition, actor=clerk_a, field=traffic_field,
                                       proposed_agencies=[agency_a])
            services.forward_petition(petition=petition, actor=clerk_a, forwarded_on=datetime.date(2026, 11, 10))
            services.submit_answer(forwarding=petition.forwardings.get(), actor=gtvt_staff, answer="Đã sửa.",
                                   outcome=AnswerOutcome.RESOLVED, reply_number=f"{i}/SGTVT", file=pdf())

    client = api_as(gtvt_staff)
    add(2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"{API}/forwardings/").status_code == 200
    add(5)
    with CaptureQueriesContext(connection) as large:
        rows = client.get(f"{API}/forwardings/").json()["results"]
    assert len(rows) == 7 and all(len(row["attachments"]) == 1 for row in rows)
    assert len(large) == len(small)


# --- acknowledge, clarification -------------------------------------------------------------------------------

def test_acknowledge_records_the_date_once(forwarded_petition, gtvt_staff, tnmt_staff, clerk_a, agency_a, api_as):
    forwarding = forwarded_petition.forwardings.get(agency=agency_a)
    with pytest.raises(PermissionDenied):
        services.acknowledge_forwarding(forwarding=forwarding, actor=tnmt_staff)
    with pytest.raises(PermissionDenied):
        services.acknowledge_forwarding(forwarding=forwarding, actor=clerk_a)
    response = api_as(gtvt_staff).post(f"{API}/forwardings/{forwarding.pk}/acknowledge/",
                                       {"on": "2026-11-12"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["acknowledged_on"] == "2026-11-12"
    assert history_for(forwarding)[0].action == "acknowledge"
    again = api_as(gtvt_staff).post(f"{API}/forwardings/{forwarding.pk}/acknowledge/", {}, format="json")
    assert again.status_code == 400
    assert "đã xác nhận nhận kiến nghị này ngày 12/11/2026" in again.content.decode()
    # The secretariat sees it on the petition.
    petition = api_as(clerk_a).get(f"{API}/petitions/{forwarded_petition.pk}/").json()
    assert {f["agency"]: f["acknowledged_on"] for f in petition["forwardings"]}[agency_a.pk] == "2026-11-12"


def test_agency_may_request_clarification_only_for_its_own(forwarded_petition, gtvt_staff, agency_a, agency_a2,
                                                           api_as):
    mine = forwarded_petition.forwardings.get(agency=agency_a)
    theirs = forwarded_petition.forwardings.get(agency=agency_a2)
    with pytest.raises(PermissionDenied):
        services.request_clarification(forwarding=theirs, actor=gtvt_staff, note="Đề nghị làm rõ vị trí.")
    client = api_as(gtvt_staff)
    empty = client.post(f"{API}/forwardings/{mine.pk}/request-clarification/", {"note": ""}, format="json")
    assert empty.status_code == 400 and "Phải ghi nội dung cơ quan đề nghị làm rõ" in empty.content.decode()
    ok = client.post(f"{API}/forwardings/{mine.pk}/request-clarification/",
                     {"note": "Đề nghị làm rõ đoạn đường nào.", "since": "2026-11-13"}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == ForwardingStatus.CLARIFICATION
    twice = client.post(f"{API}/forwardings/{mine.pk}/request-clarification/", {"note": "Lần nữa."}, format="json")
    assert twice.status_code == 400


# --- the answer and its review ----------------------------------------------------------------------------------

def test_agency_answer_needs_number_and_a_checked_file(forwarded_petition, gtvt_staff, agency_a, api_as):
    forwarding = forwarded_petition.forwardings.get(agency=agency_a)
    client = api_as(gtvt_staff)
    url = f"{API}/forwardings/{forwarding.pk}/answer/"
    fake = SimpleUploadedFile("tra-loi.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(url, {"answer": "Đã sửa.", "outcome": "resolved", "reply_number": "", "file": fake},
                           format="multipart")
    assert response.status_code == 400
    body = response.json()
    assert "Phải ghi số văn bản trả lời" in str(body) and "tệp có thể đã bị đổi tên" in str(body)
    exe = SimpleUploadedFile("tra-loi.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(url, {"answer": "Đã sửa.", "outcome": "resolved", "reply_number": "1/S", "file": exe},
                           format="multipart")
    assert response.status_code == 400 and "Loại tệp “exe” không được phép" in response.content.decode()
    forwarding.refresh_from_db()
    assert forwarding.status == ForwardingStatus.PENDING and not Attachment.objects.exists()


def test_secretariat_cannot_submit_as_agency_and_agency_cannot_type_paper_answer(forwarded_petition, clerk_a,
                                                                                 gtvt_staff, agency_a, pdf):
    forwarding = forwarded_petition.forwardings.get(agency=agency_a)
    with pytest.raises(PermissionDenied):
        services.submit_answer(forwarding=forwarding, actor=clerk_a, answer="x", outcome="resolved",
                               reply_number="1", file=pdf())
    with pytest.raises(PermissionDenied):
        services.answer_forwarding(forwarding=forwarding, actor=gtvt_staff, answer="x", outcome="resolved")


def test_submitted_answer_waits_for_review_and_counts_for_answered(answered_by_agency, forwarded_petition, clerk_a,
                                                                   agency_a2):
    answered_by_agency.refresh_from_db()
    assert answered_by_agency.status == ForwardingStatus.ANSWERED
    assert answered_by_agency.review == AnswerReview.SUBMITTED
    assert answered_by_agency.reply_number == "125/SGTVT-QLĐ"
    assert answered_by_agency.attachments.get().original_name == "cong-van-tra-loi.pdf"
    forwarded_petition.refresh_from_db()
    assert forwarded_petition.status == PetitionStatus.FORWARDED
    other = forwarded_petition.forwardings.get(agency=agency_a2)
    services.answer_forwarding(forwarding=other, actor=clerk_a, answer="Trả lời trên giấy.", outcome="explained")
    other.refresh_from_db()
    forwarded_petition.refresh_from_db()
    assert other.review == AnswerReview.ACCEPTED  # typed in by the secretariat: accepted as it is
    assert forwarded_petition.status == PetitionStatus.ANSWERED


def test_return_moves_the_deadline_by_the_review_days_and_reopens(answered_by_agency, forwarded_petition, clerk_a,
                                                                  agency_a2, gtvt_staff, api_as):
    other = forwarded_petition.forwardings.get(agency=agency_a2)
    services.answer_forwarding(forwarding=other, actor=clerk_a, answer="Trả lời.", outcome="explained")
    forwarded_petition.refresh_from_db()
    assert forwarded_petition.status == PetitionStatus.ANSWERED
    before = answered_by_agency.due_date
    client = api_as(clerk_a)
    url = f"{API}/forwardings/{answered_by_agency.pk}/return-answer/"
    assert client.post(url, {"reason": ""}, format="json").status_code == 400
    assert api_as(gtvt_staff).post(url, {"reason": "Tự trả lại"}, format="json").status_code == 403
    response = api_as(clerk_a).post(url, {"reason": "Chưa nêu thời hạn hoàn thành.",
                                          "on": NEXT_FRIDAY.isoformat()}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == ForwardingStatus.PENDING and body["review"] == AnswerReview.RETURNED
    assert body["return_reason"] == "Chưa nêu thời hạn hoàn thành."
    # Friday 20/11 to Friday 27/11 under review: Mon 23, Wed 25, Thu 26, Fri 27 (Tuesday 24/11, Vietnam Cultural
    # Day, is a holiday since 2026): four working days, added to the deadline.
    assert body["paused_days"] == 4
    assert body["due_date"] == add_working_days(before, 4).isoformat()
    assert body["answer"] == "" and body["reply_number"] == "125/SGTVT-QLĐ"
    entry = history_for(answered_by_agency)[1]
    assert (entry.action, entry.note) == ("return_answer", "Chưa nêu thời hạn hoàn thành.")
    forwarded_petition.refresh_from_db()
    assert forwarded_petition.status == PetitionStatus.FORWARDED
    # Returned twice: refused; accepted: refused (nothing awaits review).
    assert client.post(url, {"reason": "Lần nữa"}, format="json").status_code == 400
    accept = client.post(f"{API}/forwardings/{answered_by_agency.pk}/accept-answer/", {}, format="json")
    assert accept.status_code == 400


def test_agency_answers_again_and_secretariat_accepts(answered_by_agency, clerk_a, gtvt_staff, tnmt_staff, api_as,
                                                      pdf):
    services.return_answer(forwarding=answered_by_agency, actor=clerk_a, reason="Thiếu lộ trình.", on=NEXT_FRIDAY)
    client = api_as(gtvt_staff)
    response = client.post(f"{API}/forwardings/{answered_by_agency.pk}/answer/", {
        "answer": "Sẽ hoàn thành trước 31/12/2026.", "outcome": "being_resolved", "reply_number": "140/SGTVT",
        "file": pdf("tra-loi-bo-sung.pdf")}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["review"] == AnswerReview.SUBMITTED
    assert sorted(a["original_name"] for a in response.json()["attachments"]) == [
        "cong-van-tra-loi.pdf", "tra-loi-bo-sung.pdf"]  # the first reply stays (never deleted)
    assert api_as(tnmt_staff).post(f"{API}/forwardings/{answered_by_agency.pk}/accept-answer/", {},
                                   format="json").status_code == 404
    accept = api_as(clerk_a).post(f"{API}/forwardings/{answered_by_agency.pk}/accept-answer/",
                                  {"note": "Đạt yêu cầu."}, format="json")
    assert accept.status_code == 200 and accept.json()["review"] == AnswerReview.ACCEPTED
    assert history_for(answered_by_agency)[0].action == "accept_answer"
    with pytest.raises(ValidationError):
        services.accept_answer(forwarding=answered_by_agency, actor=clerk_a)


def test_reopen_clears_the_review(answered_by_agency, forwarded_petition, clerk_a, agency_a2):
    services.accept_answer(forwarding=answered_by_agency, actor=clerk_a)
    services.answer_forwarding(forwarding=forwarded_petition.forwardings.get(agency=agency_a2), actor=clerk_a,
                               answer="Trả lời.", outcome="explained")
    services.reopen_petition(petition=forwarded_petition, actor=clerk_a, note="Cử tri chưa đồng ý.")
    answered_by_agency.refresh_from_db()
    assert (answered_by_agency.status, answered_by_agency.review) == (ForwardingStatus.PENDING, "")


# --- a denunciation's sender ----------------------------------------------------------------------------------

def test_denunciation_sender_hidden_until_released(clerk_a, council_a, agency_a, land_field, gtvt_staff, api_as, pdf):
    letter = _denunciation(clerk_a, council_a, agency_a, land_field)
    scan = services.add_attachment(petition=letter, actor=clerk_a, file=pdf("ban-quet-don.pdf"))
    forwarding = letter.forwardings.get()
    client = api_as(gtvt_staff)
    row = client.get(f"{API}/forwardings/{forwarding.pk}/").json()
    assert row["identity_hidden"] is True and row["sender_name"] == "" and row["sender_address"] == ""
    assert "Nguyễn Văn Tố" not in client.get(f"{API}/forwardings/").content.decode()
    assert client.get(f"{API}/attachments/{scan.pk}/download/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.release_identity(petition=letter, actor=gtvt_staff)
    released = api_as(clerk_a).post(f"{API}/letters/{letter.pk}/release-identity/", {"note": "Theo đề nghị."},
                                    format="json")
    assert released.status_code == 200 and released.json()["identity_released_on"]
    assert history_for(letter)[0].action == "release_identity"
    assert api_as(clerk_a).post(f"{API}/letters/{letter.pk}/release-identity/", {}, format="json").status_code == 400
    client = api_as(gtvt_staff)
    row = client.get(f"{API}/forwardings/{forwarding.pk}/").json()
    assert row["sender_name"] == "Nguyễn Văn Tố" and row["identity_hidden"] is False
    download = client.get(f"{API}/attachments/{scan.pk}/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_release_identity_only_for_denunciations(forwarded_petition, clerk_a):
    with pytest.raises(ValidationError):
        services.release_identity(petition=forwarded_petition, actor=clerk_a)


# --- attachments --------------------------------------------------------------------------------------------------

def test_attachment_upload_and_scoped_download(forwarded_petition, clerk_a, clerk_b, tnmt_staff, gtvt_staff,
                                               staff_of, agency_b, api_as, pdf, answered_by_agency):
    client = api_as(clerk_a)
    response = client.post(f"{API}/petitions/{forwarded_petition.pk}/attachments/", {"file": pdf("anh-hien-truong.pdf")},
                           format="multipart")
    assert response.status_code == 201, response.content
    photo = response.json()["id"]
    bad = client.post(f"{API}/petitions/{forwarded_petition.pk}/attachments/",
                      {"file": SimpleUploadedFile("x.png", b"not png")}, format="multipart")
    assert bad.status_code == 400 and "tệp có thể đã bị đổi tên" in bad.content.decode()
    listed = client.get(f"{API}/petitions/{forwarded_petition.pk}/").json()["attachments"]
    assert sorted(a["original_name"] for a in listed) == ["anh-hien-truong.pdf", "cong-van-tra-loi.pdf"]
    reply = answered_by_agency.attachments.get().pk
    assert api_as(clerk_a).get(f"{API}/attachments/{reply}/download/").status_code == 200
    # Another council, and an agency the petition was not forwarded to: 404.
    assert api_as(clerk_b).get(f"{API}/attachments/{photo}/download/").status_code == 404
    outsider = staff_of(agency_b, "so-gtvt-thanh-hoa")
    assert api_as(outsider).get(f"{API}/attachments/{photo}/download/").status_code == 404
    # The other addressed agency sees the petition's photo but not another agency's reply.
    assert api_as(tnmt_staff).get(f"{API}/attachments/{photo}/download/").status_code == 200
    assert api_as(tnmt_staff).get(f"{API}/attachments/{reply}/download/").status_code == 404
    assert api_as(gtvt_staff).get(f"{API}/attachments/{reply}/download/").status_code == 200
    # Uploading is the secretariat's; an agency cannot add to the petition.
    assert api_as(gtvt_staff).post(f"{API}/petitions/{forwarded_petition.pk}/attachments/", {"file": pdf()},
                                   format="multipart").status_code in (403, 404)
    assert api_as(clerk_a).delete(f"{API}/attachments/{photo}/").status_code == 405


def test_an_answer_awaiting_review_is_published_only_once_accepted(clerk_a, council_a):
    """Nothing an agency submitted reaches the public before the secretariat accepts it."""
    from voters.choices import AnswerReview, ForwardingStatus
    from voters.permissions import can_publish_answer
    from voters.services import accept_answer, publish_answer
    from voters.tests.factories import ForwardingFactory, PetitionFactory

    petition = PetitionFactory(council=council_a, status="answered")
    forwarding = ForwardingFactory(petition=petition, status=ForwardingStatus.ANSWERED, answer="Đã sửa đường.",
                                   outcome="resolved", answered_on=petition.received_on, review=AnswerReview.SUBMITTED)
    assert not can_publish_answer(clerk_a, forwarding)
    with pytest.raises(ValidationError, match="chấp nhận trước khi công khai"):
        publish_answer(forwarding=forwarding, actor=clerk_a)
    forwarding.refresh_from_db()
    assert not forwarding.answer_public
    accept_answer(forwarding=forwarding, actor=clerk_a)
    assert can_publish_answer(clerk_a, forwarding)
    assert publish_answer(forwarding=forwarding, actor=clerk_a).answer_public
