"""Tracking codes and keys on every intake path, the receipt, publishing answers, the sender's feedback and
the secretariat's queue that reopens from it (issue 12 §2)."""

import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import Workbook

from councils.audit import history_for
from councils.tests.factories import SessionFactory
from voters import excel, selectors, services, tracking
from voters.choices import (
    AnswerOutcome,
    Channel,
    FeedbackStatus,
    ForwardingStatus,
    PetitionKind,
    PetitionStatus,
)
from voters.models import Petition, VoterFeedback
from voters.tests.factories import PetitionFactory

pytestmark = pytest.mark.django_db
D = datetime.date
FORMAT = re.compile(rf"^[{tracking.ALPHABET}]{{4}}-[{tracking.ALPHABET}]{{4}}$")


def answered(petition, clerk, outcome=AnswerOutcome.RESOLVED):
    for forwarding in petition.forwardings.all():
        services.answer_forwarding(forwarding=forwarding, actor=clerk, answer="Sở đã sửa xong đoạn đường.",
                                   outcome=outcome, answered_on=D(2026, 11, 20))
    petition.refresh_from_db()
    return petition


# --- codes and keys --------------------------------------------------------------------------------------

def test_the_alphabet_has_no_character_misread_over_the_phone():
    assert not set("0O1IL5S2Z8BUV") & set(tracking.ALPHABET)
    codes = {tracking.new_tracking_code() for _ in range(2000)}
    assert len(codes) == 2000 and all(FORMAT.match(c) for c in codes)
    # Typed in lower case, with spaces or without the dash, it is still the code; anything else is nothing.
    assert tracking.normalise(" kn7q m4tx ") == tracking.normalise("KN7QM4TX") == "KN7Q-M4TX"
    assert tracking.normalise("KN7Q-M4T0") == tracking.normalise("KN7Q") == tracking.normalise(None) == ""


def test_key_comparison():
    assert tracking.key_matches("KN7Q-M4TX", "kn7qm4tx")
    assert not tracking.key_matches("KN7Q-M4TX", "KN7Q-M4TY")
    assert not tracking.key_matches(None, "KN7Q-M4TX") and not tracking.key_matches("", "")


def test_every_intake_path_sets_a_distinct_code_and_key(council_a, meeting_a, clerk_a, deputy_a_record):
    made = []
    made += services.add_meeting_petitions(meeting=meeting_a, actor=clerk_a,
                                           items=[{"content": "Đèn đường hỏng"}, {"content": "Cống tắc"}])
    made.append(services.create_petition(council=council_a, content="Trực tuyến", received_on=D(2026, 11, 3),
                                         channel=Channel.ONLINE, actor=clerk_a))
    made.append(services.register_letter(council=council_a, kind=PetitionKind.COMPLAINT, content="Khiếu nại",
                                         channel=Channel.MAIL, received_on=D(2026, 11, 3), actor=clerk_a,
                                         sender_name="Nguyễn Văn An"))
    made += services.import_petitions(council=council_a, actor=clerk_a, rows=[
        {"content": "Nhập từ Excel 1", "received_on": D(2026, 11, 4)},
        {"content": "Nhập từ Excel 2", "received_on": D(2026, 11, 4)}])
    reception = services.record_citizen_reception(
        council=council_a, deputy=deputy_a_record, date=D(2026, 11, 5), place="Trụ sở", actor=clerk_a,
        letters=[{"kind": PetitionKind.REQUEST, "content": "Phản ánh tiếng ồn"}])
    made += list(reception.letters.all())
    stored = list(Petition.objects.filter(pk__in=[p.pk for p in made]).values_list("tracking_code", "tracking_key"))
    assert len(stored) == 7
    assert all(FORMAT.match(code) and FORMAT.match(key) and code != key for code, key in stored)
    assert len({code for code, _k in stored}) == 7 and len({key for _c, key in stored}) == 7


def test_the_excel_import_sets_codes_too(council_a, clerk_a):
    book = Workbook()
    sheet = book.active
    sheet.append(["Nội dung kiến nghị (*)", "Ngày tiếp nhận (*) (dd/mm/yyyy)"])
    sheet.append(["Cử tri đề nghị nạo vét kênh", "02/11/2026"])
    data = io.BytesIO()
    book.save(data)
    created = excel.import_petitions(council=council_a, meeting=None, data=data.getvalue(), actor=clerk_a)
    assert len(created) == 1 and FORMAT.match(created[0].tracking_code)


def test_the_code_is_unique_in_the_database(council_a):
    first = PetitionFactory(council=council_a)
    with pytest.raises(ValidationError):
        PetitionFactory.build(council=council_a, tracking_code=first.tracking_code).validate_unique()



# --- the receipt ------------------------------------------------------------------------------------------

def test_receipt_selector_and_page(client, clerk_a, viewer_a, council_a):
    petition = services.register_letter(council=council_a, kind=PetitionKind.REQUEST, content="Đề nghị lắp đèn",
                                        channel=Channel.DIRECT, received_on=D(2026, 11, 3), actor=clerk_a,
                                        sender_name="Trần Thị Bình", sender_address="12 Hàng Bông")
    receipt = selectors.receipt_for(petition)
    assert receipt["tracking_code"] == petition.tracking_code and receipt["tracking_key"] == petition.tracking_key
    assert receipt["lookup_path"] == reverse("public:lookup")
    client.force_login(clerk_a)
    page = client.get(reverse("voters:petition_receipt", args=[petition.pk])).content.decode()
    for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "GIẤY BIÊN NHẬN".lower(), petition.tracking_code,
                 petition.tracking_key, "http://testserver/tra-cuu/", "Trần Thị Bình", "03/11/2026"):
        assert text.lower() in page.lower()
    detail = client.get(reverse("voters:petition_detail", args=[petition.pk])).content.decode()
    assert petition.tracking_code in detail and "Giấy biên nhận" in detail
    # A reader who did not enter it is not given the secret key.
    client.force_login(viewer_a)
    assert client.get(reverse("voters:petition_receipt", args=[petition.pk])).status_code == 403


def test_api_shows_code_and_key_to_the_secretariat_only(api_as, clerk_a, viewer_a, council_a):
    petition = PetitionFactory(council=council_a)
    row = api_as(clerk_a).get(f"/api/v1/voters/petitions/{petition.pk}/").json()
    assert (row["tracking_code"], row["tracking_key"]) == (petition.tracking_code, petition.tracking_key)
    row = api_as(viewer_a).get(f"/api/v1/voters/petitions/{petition.pk}/").json()
    assert row["tracking_code"] == petition.tracking_code and row["tracking_key"] is None


# --- publishing an answer ---------------------------------------------------------------------------------

def test_publish_answer(forwarded_petition, clerk_a, viewer_a):
    first = forwarded_petition.forwardings.order_by("pk").first()
    with pytest.raises(ValidationError, match="Chỉ công khai"):
        services.publish_answer(forwarding=first, actor=clerk_a)
    answered(forwarded_petition, clerk_a)
    first.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.publish_answer(forwarding=first, actor=viewer_a)
    services.publish_answer(forwarding=first, actor=clerk_a)
    first.refresh_from_db()
    assert first.answer_public and first.answer_published_on is not None
    assert "duong le loi" in first.public_search_text and "so da sua xong" in first.public_search_text
    entry = history_for(first)[0]
    assert entry.action == "publish_answer" and entry.actor == clerk_a
    with pytest.raises(ValidationError, match="đã được công khai"):
        services.publish_answer(forwarding=first, actor=clerk_a)


def test_publish_button_and_api_action(client, api_as, forwarded_petition, clerk_a):
    answered(forwarded_petition, clerk_a)
    first, second = forwarded_petition.forwardings.order_by("pk")
    client.force_login(clerk_a)
    url = reverse("voters:petition_detail", args=[forwarded_petition.pk])
    page = client.get(url).content.decode()
    assert reverse("voters:forwarding_publish", args=[first.pk]) in page
    assert client.post(reverse("voters:forwarding_publish", args=[first.pk])).status_code == 302
    response = api_as(clerk_a).post(f"/api/v1/voters/petitions/{forwarded_petition.pk}/publish-answer/",
                                    {"forwarding": second.pk}, format="json")
    assert response.status_code == 200, response.content
    assert {f["answer_public"] for f in response.json()["forwardings"]} == {True}
    assert reverse("voters:forwarding_publish", args=[first.pk]) not in client.get(url).content.decode()


def test_reopening_unpublishes(forwarded_petition, clerk_a):
    answered(forwarded_petition, clerk_a, outcome=AnswerOutcome.BEING_RESOLVED)
    for forwarding in forwarded_petition.forwardings.all():
        services.publish_answer(forwarding=forwarding, actor=clerk_a)
    services.reopen_petition(petition=forwarded_petition, actor=clerk_a, note="Cử tri phản ánh chưa xong")
    assert not forwarded_petition.forwardings.filter(answer_public=True).exists()


# --- feedback and the queue -------------------------------------------------------------------------------

def test_feedback_only_once_answered_and_with_the_key(forwarded_petition, clerk_a):
    key = forwarded_petition.tracking_key
    with pytest.raises(ValidationError, match="đã có trả lời"):
        services.record_voter_feedback(petition=forwarded_petition, key=key, resolved=True)
    answered(forwarded_petition, clerk_a)
    with pytest.raises(PermissionDenied):
        services.record_voter_feedback(petition=forwarded_petition, key="AAAA-AAAA", resolved=True)
    with pytest.raises(ValidationError) as exc:
        services.record_voter_feedback(petition=forwarded_petition, key=key, resolved=False, comment="  ")
    assert "comment" in exc.value.message_dict
    assert VoterFeedback.objects.count() == 0


def test_resolved_feedback_is_recorded_and_not_queued(forwarded_petition, clerk_a):
    answered(forwarded_petition, clerk_a)
    feedback = services.record_voter_feedback(petition=forwarded_petition, key=forwarded_petition.tracking_key,
                                              resolved=True, comment="Cảm ơn")
    assert feedback.status == FeedbackStatus.CLOSED
    assert not selectors.open_feedback_for(clerk_a).exists()
    entry = history_for(forwarded_petition)[0]
    assert entry.action == "voter_feedback" and entry.changes["resolved"] is True and entry.actor is None


def test_not_resolved_feedback_goes_to_the_queue_and_reopens(client, forwarded_petition, clerk_a, clerk_b,
                                                            council_a):
    answered(forwarded_petition, clerk_a, outcome=AnswerOutcome.EXPLAINED)
    session = SessionFactory(council=council_a)
    services.report_to_voters(petition=forwarded_petition, session=session, actor=clerk_a)
    feedback = services.record_voter_feedback(petition=forwarded_petition, key=forwarded_petition.tracking_key,
                                              resolved=False, comment="Đường vẫn ngập khi mưa")
    assert history_for(forwarded_petition)[0].changes["resolved"] is False
    with pytest.raises(ValidationError, match="đang chờ"):
        services.record_voter_feedback(petition=forwarded_petition, key=forwarded_petition.tracking_key,
                                       resolved=False, comment="Lần nữa")
    assert list(selectors.open_feedback_for(clerk_a)) == [feedback]
    assert not selectors.open_feedback_for(clerk_b).exists()

    client.force_login(clerk_a)
    listing = client.get(reverse("voters:petition_list")).content.decode()
    assert "Ý kiến cử tri chưa được giải quyết (1)" in listing
    queue = client.get(reverse("voters:feedback_queue")).content.decode()
    assert "Đường vẫn ngập khi mưa" in queue and "1 ý kiến chờ xử lý" in queue
    reopen_url = reverse("voters:feedback_reopen", args=[feedback.pk])
    assert reopen_url in queue
    client.force_login(clerk_b)
    assert client.post(reopen_url).status_code == 404
    client.force_login(clerk_a)
    assert client.post(reopen_url).status_code == 302
    feedback.refresh_from_db()
    forwarded_petition.refresh_from_db()
    assert feedback.status == FeedbackStatus.CLOSED and feedback.closed_by == clerk_a
    assert forwarded_petition.status == PetitionStatus.FORWARDED
    assert {f.status for f in forwarded_petition.forwardings.all()} == {ForwardingStatus.PENDING}
    actions = [e.action for e in history_for(forwarded_petition)]
    assert actions[:2] == ["reopen", "voter_feedback"]
    assert "Đường vẫn ngập khi mưa" in history_for(forwarded_petition)[0].note
    assert "Không có ý kiến nào đang chờ xử lý" in client.get(reverse("voters:feedback_queue")).content.decode()
    # The feedback stays in the petition's page.
    assert "Đường vẫn ngập khi mưa" in client.get(
        reverse("voters:petition_detail", args=[forwarded_petition.pk])).content.decode()


def test_feedback_api_queue_and_reopen(api_as, forwarded_petition, clerk_a, viewer_a):
    answered(forwarded_petition, clerk_a, outcome=AnswerOutcome.BEING_RESOLVED)
    feedback = services.record_voter_feedback(petition=forwarded_petition, key=forwarded_petition.tracking_key,
                                              resolved=False, comment="Chưa sửa")
    rows = api_as(clerk_a).get("/api/v1/voters/feedback/", {"status": "open"}).json()
    assert rows["count"] == 1 and rows["results"][0]["comment"] == "Chưa sửa"
    assert api_as(viewer_a).post(f"/api/v1/voters/feedback/{feedback.pk}/reopen/", {}, format="json").status_code \
        == 403
    response = api_as(clerk_a).post(f"/api/v1/voters/feedback/{feedback.pk}/reopen/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "closed"
    again = api_as(clerk_a).post(f"/api/v1/voters/feedback/{feedback.pk}/reopen/", {}, format="json")
    assert again.status_code == 400 and "đã được xử lý" in again.content.decode()
    assert api_as(clerk_a).delete(f"/api/v1/voters/feedback/{feedback.pk}/").status_code == 405


def test_queue_query_count_does_not_grow(client, clerk_a, council_a, django_assert_max_num_queries):
    from voters.tests.factories import VoterFeedbackFactory

    client.force_login(clerk_a)

    def count():
        with django_assert_max_num_queries(30) as queries:
            assert client.get(reverse("voters:feedback_queue")).status_code == 200
        return len(queries)

    VoterFeedbackFactory(petition=PetitionFactory(council=council_a, status=PetitionStatus.ANSWERED))
    small = count()
    for _ in range(6):
        VoterFeedbackFactory(petition=PetitionFactory(council=council_a, status=PetitionStatus.ANSWERED))
    assert count() == small
