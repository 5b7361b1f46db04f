"""The petition lifecycle through its services: every transition, every refused one, intake in bulk,
multi-agency answers, clarification pauses, reopening and merging."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from councils.audit import history_for
from councils.models import AuditEntry
from councils.tests.factories import DeputyFactory, SessionFactory
from voters import selectors, services
from voters.choices import AnswerOutcome, Channel, ForwardingStatus, PetitionKind, PetitionStatus
from voters.models import Petition

pytestmark = pytest.mark.django_db
D = datetime.date


def statuses(petition):
    petition.refresh_from_db()
    return petition.status, sorted((f.agency.short_name, f.status) for f in petition.forwardings.all())


# --- intake ---------------------------------------------------------------------------------------------

def test_meeting_with_deputies_and_many_petitions(council_a, group_a, clerk_a, deputy_a_record, traffic_field):
    meeting = services.record_voter_meeting(council=council_a, body=group_a, kind="before_session",
                                            date=D(2026, 11, 13), place="Nhà văn hóa phường", attendance=150,
                                            deputies=[deputy_a_record], actor=clerk_a)
    assert list(meeting.deputies_present.all()) == [deputy_a_record]
    petitions = services.add_meeting_petitions(meeting=meeting, actor=clerk_a, items=[
        {"content": "Đề nghị sửa chữa đường Lê Lợi", "field": traffic_field, "voters_count": 3},
        {"content": "Đề nghị cấp giấy chứng nhận quyền sử dụng đất"},
    ])
    assert [p.status for p in petitions] == [PetitionStatus.RECEIVED] * 2
    first = petitions[0]
    assert first.search_text == f"de nghi sua chua duong le loi {first.code.lower()}"
    # Friday 13/11 + 5 working days -> Friday 20/11.
    assert first.forward_due == D(2026, 11, 20)
    assert [e.action for e in reversed(history_for(first))] == ["create"]


def test_many_petitions_all_or_nothing(meeting_a, clerk_a):
    with pytest.raises(ValidationError) as exc:
        services.add_meeting_petitions(meeting=meeting_a, actor=clerk_a, items=[
            {"content": "Kiến nghị hợp lệ"}, {"content": "  "}, {"content": "Kiến nghị khác", "voters_count": 2},
        ])
    assert "Kiến nghị[2]" in exc.value.message_dict
    assert Petition.objects.count() == 0


def test_deputy_of_another_council_cannot_attend(council_a, council_b, group_a, clerk_a, term):
    stranger = DeputyFactory(council=council_b, term=term)
    with pytest.raises(ValidationError) as exc:
        services.record_voter_meeting(council=council_a, body=group_a, kind="before_session", date=D(2026, 11, 13),
                                      place="X", deputies=[stranger], actor=clerk_a)
    assert "deputies" in exc.value.message_dict


def test_citizen_reception_with_letters_and_letter_by_mail(council_a, clerk_a, deputy_a_record):
    reception = services.record_citizen_reception(
        council=council_a, deputy=deputy_a_record, date=D(2026, 11, 16), place="Trụ sở tiếp công dân",
        people_count=2, actor=clerk_a,
        letters=[{"kind": PetitionKind.COMPLAINT, "content": "Khiếu nại quyết định thu hồi đất",
                  "sender_name": "Nguyễn Văn An"}])
    letter = reception.letters.get()
    assert (letter.kind, letter.channel, letter.received_on) == (
        PetitionKind.COMPLAINT, Channel.CITIZEN_RECEPTION, D(2026, 11, 16))
    assert "nguyen van an" in letter.search_text
    mailed = services.register_letter(council=council_a, kind=PetitionKind.DENUNCIATION, channel=Channel.MAIL,
                                      content="Tố cáo hành vi lấn chiếm đất công", received_on=D(2026, 11, 16),
                                      actor=clerk_a)
    assert mailed.is_letter
    with pytest.raises(ValidationError):
        services.register_letter(council=council_a, kind=PetitionKind.VOTER_PETITION, channel=Channel.MAIL,
                                 content="x", received_on=D(2026, 11, 16), actor=clerk_a)


# --- lifecycle ------------------------------------------------------------------------------------------

def test_classify_requires_field_and_agency_or_note(new_petition, clerk_a, traffic_field, agency_a, agency_b):
    petition = new_petition()
    with pytest.raises(ValidationError) as exc:
        services.classify_petition(petition=petition, actor=clerk_a, field=None, proposed_agencies=[agency_a])
    assert "field" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.classify_petition(petition=petition, actor=clerk_a, field=traffic_field)
    assert "proposed_agencies" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.classify_petition(petition=petition, actor=clerk_a, field=traffic_field, proposed_agencies=[agency_b])
    assert "không thuộc địa bàn" in str(exc.value)
    services.classify_petition(petition=petition, actor=clerk_a, field=traffic_field, note="Chờ xác định cơ quan")
    assert petition.status == PetitionStatus.CLASSIFIED
    services.classify_petition(petition=petition, actor=clerk_a, field=traffic_field, proposed_agencies=[agency_a])
    assert list(petition.proposed_agencies.all()) == [agency_a]


def test_forward_before_classify_is_refused(new_petition, clerk_a, agency_a):
    petition = new_petition()
    with pytest.raises(ValidationError) as exc:
        services.forward_petition(petition=petition, actor=clerk_a, agencies=[agency_a])
    assert "Không thể chuyển từ trạng thái “Đã tiếp nhận” sang “Đã chuyển”" in exc.value.messages[0]


def test_two_agencies_each_with_own_deadline_and_answer(forwarded_petition, clerk_a, council_a, term):
    petition = forwarded_petition
    fw1, fw2 = petition.forwardings.order_by("agency__name")
    # No session scheduled: 30 working days from Tue 10/11/2026 (24/11 is a holiday) -> 23/12/2026.
    assert fw1.due_date == fw2.due_date == D(2026, 12, 23)
    services.answer_forwarding(forwarding=fw1, actor=clerk_a, answer="Đã sửa xong", outcome=AnswerOutcome.RESOLVED,
                               answered_on=D(2026, 11, 20))
    assert statuses(petition)[0] == PetitionStatus.FORWARDED
    assert not selectors.with_resolution(Petition.objects.filter(pk=petition.pk)).get().is_resolved
    services.answer_forwarding(forwarding=fw2, actor=clerk_a, answer="Đang bố trí vốn",
                               outcome=AnswerOutcome.BEING_RESOLVED, answered_on=D(2026, 11, 25))
    assert statuses(petition)[0] == PetitionStatus.ANSWERED
    # Answered, but not resolved until every agency resolved it.
    assert not selectors.resolved(Petition.objects.filter(pk=petition.pk)).exists()
    with pytest.raises(ValidationError):
        services.answer_forwarding(forwarding=fw2, actor=clerk_a, answer="again", outcome=AnswerOutcome.RESOLVED)


def test_resolved_only_when_every_forwarding_resolved(forwarded_petition, clerk_a):
    for forwarding in forwarded_petition.forwardings.all():
        services.answer_forwarding(forwarding=forwarding, actor=clerk_a, answer="Xong",
                                   outcome=AnswerOutcome.RESOLVED, answered_on=D(2026, 11, 20))
    assert selectors.resolved(Petition.objects.all()).get() == forwarded_petition


def test_answer_needs_text_and_known_outcome(forwarded_petition, clerk_a):
    forwarding = forwarded_petition.forwardings.first()
    with pytest.raises(ValidationError) as exc:
        services.answer_forwarding(forwarding=forwarding, actor=clerk_a, answer="", outcome="maybe")
    assert set(exc.value.message_dict) == {"answer", "outcome"}


def test_default_answer_due_is_eve_of_next_regular_session(new_petition, clerk_a, council_a, term, traffic_field,
                                                           agency_a):
    SessionFactory(council=council_a, term=term, number=5, start_date=D(2026, 12, 8))
    petition = new_petition()
    services.classify_petition(petition=petition, actor=clerk_a, field=traffic_field, proposed_agencies=[agency_a])
    services.forward_petition(petition=petition, actor=clerk_a, forwarded_on=D(2026, 11, 10),
                              due_dates={})
    assert petition.forwardings.get().due_date == D(2026, 12, 7)


def test_clarification_pauses_the_clock(forwarded_petition, clerk_a):
    forwarding = forwarded_petition.forwardings.first()
    with pytest.raises(ValidationError):
        services.clarify(forwarding=forwarding, actor=clerk_a, on=D(2026, 11, 20))
    services.request_clarification(forwarding=forwarding, actor=clerk_a, note="Đề nghị làm rõ vị trí",
                                   since=D(2026, 11, 16))
    assert forwarding.status == ForwardingStatus.CLARIFICATION
    with pytest.raises(ValidationError):
        services.request_clarification(forwarding=forwarding, actor=clerk_a, note="again")
    # Mon 16/11 -> Fri 20/11 paused: 4 working days, added after the old due date 23/12/2026.
    services.clarify(forwarding=forwarding, actor=clerk_a, on=D(2026, 11, 20))
    forwarding.refresh_from_db()
    assert (forwarding.status, forwarding.paused_days, forwarding.clarification_since) == (
        ForwardingStatus.PENDING, 4, None)
    assert forwarding.due_date == D(2026, 12, 29)


def test_report_close_and_refusals(forwarded_petition, clerk_a, council_a, council_b, term):
    petition = forwarded_petition
    session = SessionFactory(council=council_a, term=term, number=6, start_date=D(2026, 12, 8))
    with pytest.raises(ValidationError):
        services.report_to_voters(petition=petition, session=session, actor=clerk_a)
    with pytest.raises(ValidationError):
        services.close_petition(petition=petition, actor=clerk_a)
    for forwarding in petition.forwardings.all():
        services.answer_forwarding(forwarding=forwarding, actor=clerk_a, answer="Đã trả lời",
                                   outcome=AnswerOutcome.EXPLAINED, answered_on=D(2026, 11, 20))
    with pytest.raises(ValidationError):
        services.report_to_voters(petition=petition, actor=clerk_a,
                                  session=SessionFactory(council=council_b, term=term, number=1))
    services.report_to_voters(petition=petition, session=session, actor=clerk_a, note="Báo cáo tại kỳ họp thứ 6")
    assert (petition.status, petition.reported_session) == (PetitionStatus.REPORTED, session)
    services.close_petition(petition=petition, actor=clerk_a)
    assert petition.status == PetitionStatus.CLOSED
    history = [(e.from_status, e.to_status) for e in reversed(history_for(petition)) if e.to_status]
    assert history[-3:] == [("forwarded", "answered"), ("answered", "reported"), ("reported", "closed")]


def test_letter_closes_without_report(council_a, clerk_a, land_field, agency_a2):
    letter = services.register_letter(council=council_a, kind=PetitionKind.REQUEST, channel=Channel.ONLINE,
                                      content="Phản ánh ô nhiễm", received_on=D(2026, 11, 16), actor=clerk_a)
    services.classify_petition(petition=letter, actor=clerk_a, field=land_field, proposed_agencies=[agency_a2])
    (forwarding,) = services.forward_petition(petition=letter, actor=clerk_a, forwarded_on=D(2026, 11, 17))
    services.answer_forwarding(forwarding=forwarding, actor=clerk_a, answer="Đã xử lý",
                               outcome=AnswerOutcome.RESOLVED, answered_on=D(2026, 11, 20))
    services.close_petition(petition=letter, actor=clerk_a)
    assert letter.status == PetitionStatus.CLOSED


def test_reopen_sends_unresolved_forwardings_back(forwarded_petition, clerk_a):
    petition = forwarded_petition
    fw1, fw2 = petition.forwardings.order_by("agency__name")
    services.answer_forwarding(forwarding=fw1, actor=clerk_a, answer="Xong", outcome=AnswerOutcome.RESOLVED,
                               answered_on=D(2026, 11, 20))
    services.answer_forwarding(forwarding=fw2, actor=clerk_a, answer="Giải trình",
                               outcome=AnswerOutcome.EXPLAINED, answered_on=D(2026, 11, 20))
    with pytest.raises(ValidationError) as exc:
        services.reopen_petition(petition=petition, actor=clerk_a, note="")
    assert "note" in exc.value.message_dict
    services.reopen_petition(petition=petition, actor=clerk_a, note="Cử tri phản ánh chưa được giải quyết",
                             reopened_on=D(2026, 12, 1))
    assert statuses(petition) == (PetitionStatus.FORWARDED, [("Sở GTVT", "answered"), ("Sở TNMT", "pending")])
    fw2.refresh_from_db()
    assert (fw2.outcome, fw2.answer, fw2.answered_on) == ("", "", None)
    assert AuditEntry.objects.filter(object_id=fw2.pk, action="previous_answer",
                                     changes__answer="Giải trình").exists()


def test_reopen_of_received_petition_is_refused(new_petition, clerk_a):
    with pytest.raises(ValidationError):
        services.reopen_petition(petition=new_petition(), actor=clerk_a, note="Chưa giải quyết")


def test_add_agency_to_forwarded_and_to_answered_petition(forwarded_petition, clerk_a, council_a):
    from councils.tests.factories import AgencyFactory

    petition = forwarded_petition
    third = AgencyFactory(name="UBND quận Ba Đình", short_name="UBND Ba Đình", council=council_a)
    services.add_forwarding(petition=petition, agency=third, actor=clerk_a, forwarded_on=D(2026, 11, 12))
    assert petition.forwardings.count() == 3
    with pytest.raises(ValidationError):
        services.add_forwarding(petition=petition, agency=third, actor=clerk_a)
    for forwarding in petition.forwardings.all():
        services.answer_forwarding(forwarding=forwarding, actor=clerk_a, answer="Xong",
                                   outcome=AnswerOutcome.RESOLVED, answered_on=D(2026, 11, 20))
    assert statuses(petition)[0] == PetitionStatus.ANSWERED
    fourth = AgencyFactory(name="Công an thành phố", council=council_a)
    services.add_forwarding(petition=petition, agency=fourth, actor=clerk_a, forwarded_on=D(2026, 11, 23))
    assert statuses(petition)[0] == PetitionStatus.FORWARDED


def test_add_agency_before_forwarding_is_refused(new_petition, clerk_a, agency_a):
    with pytest.raises(ValidationError):
        services.add_forwarding(petition=new_petition(), agency=agency_a, actor=clerk_a)


# --- consolidation --------------------------------------------------------------------------------------

def test_duplicate_suggestion_and_merge(council_a, group_a, clerk_a, traffic_field, land_field):
    from voters.tests.factories import VoterMeetingFactory

    meetings = [VoterMeetingFactory(council=council_a, body=group_a) for _ in range(3)]
    a = services.add_meeting_petitions(meeting=meetings[0], actor=clerk_a, items=[
        {"content": "Đề nghị sửa chữa, nâng cấp tuyến đường Lê Lợi đoạn qua phường", "field": traffic_field,
         "voters_count": 4}])[0]
    b = services.add_meeting_petitions(meeting=meetings[1], actor=clerk_a, items=[
        {"content": "Cử tri đề nghị nâng cấp, sửa chữa tuyến đường Lê Lợi đoạn qua phường", "field": traffic_field,
         "voters_count": 2}])[0]
    c = services.add_meeting_petitions(meeting=meetings[1], actor=clerk_a, items=[
        {"content": "DE NGHI SUA CHUA NANG CAP TUYEN DUONG LE LOI", "field": traffic_field}])[0]
    other_field = services.add_meeting_petitions(meeting=meetings[2], actor=clerk_a, items=[
        {"content": "Đề nghị sửa chữa, nâng cấp tuyến đường Lê Lợi đoạn qua phường", "field": land_field}])[0]
    unrelated = services.add_meeting_petitions(meeting=meetings[2], actor=clerk_a, items=[
        {"content": "Đề nghị xây dựng trường mầm non tại khu tái định cư", "field": traffic_field}])[0]

    suggested = [p for p, _score in selectors.suggest_duplicates(a)]
    assert set(suggested) == {b, c}
    assert other_field not in suggested and unrelated not in suggested
    pairs = {frozenset((x.pk, y.pk)) for x, y, _s in selectors.duplicate_pairs(clerk_a, council=council_a)}
    assert frozenset((a.pk, b.pk)) in pairs

    services.merge_petitions(target=a, sources=[b, c], actor=clerk_a, note="Tổng hợp kiến nghị trùng")
    a.refresh_from_db()
    assert (a.voters_count, a.meetings_count) == (4 + 2 + 1, 2)
    assert set(a.merged_sources.all()) == {b, c}
    b.refresh_from_db()
    assert (b.status, b.merged_into) == (PetitionStatus.MERGED, a)
    assert Petition.objects.count() == 5  # nothing deleted

    with pytest.raises(ValidationError):
        services.merge_petitions(target=b, sources=[unrelated], actor=clerk_a)  # b is merged away
    with pytest.raises(ValidationError):
        services.merge_petitions(target=a, sources=[a], actor=clerk_a)
    # Merging again (a chain) still counts distinct meetings of every source.
    services.merge_petitions(target=other_field, sources=[a], actor=clerk_a)
    other_field.refresh_from_db()
    assert (other_field.voters_count, other_field.meetings_count) == (8, 3)


def test_merge_across_councils_is_refused(new_petition, clerk_a, council_b):
    from voters.tests.factories import PetitionFactory

    with pytest.raises(ValidationError):
        services.merge_petitions(target=new_petition(), sources=[PetitionFactory(council=council_b)], actor=clerk_a)


def test_update_petition_refreshes_search_text(new_petition, clerk_a):
    petition = new_petition()
    services.update_petition(petition=petition, actor=clerk_a, content="Ô nhiễm môi trường", code="KN-01")
    petition.refresh_from_db()
    assert petition.search_text == "o nhiem moi truong kn-01"
    with pytest.raises(ValidationError):
        services.update_petition(petition=petition, actor=clerk_a, status="closed")



def test_writes_ask_compliance_to_reevaluate(new_petition, council_a, reevaluations,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        new_petition()
    assert reevaluations == [council_a.pk]


# --- who may write --------------------------------------------------------------------------------------

def test_deputy_records_own_meeting_and_its_petitions_only(council_a, group_a, deputy_a, deputy_a_record, term,
                                                           traffic_field, agency_a):
    from django.core.exceptions import PermissionDenied

    other = DeputyFactory(council=council_a, term=term)
    with pytest.raises(PermissionDenied):
        services.record_voter_meeting(council=council_a, body=group_a, kind="before_session", date=D(2026, 11, 13),
                                      place="X", deputies=[other], actor=deputy_a)
    meeting = services.record_voter_meeting(council=council_a, body=group_a, kind="before_session",
                                            date=D(2026, 11, 13), place="X", deputies=[deputy_a_record, other],
                                            actor=deputy_a)
    (petition,) = services.add_meeting_petitions(meeting=meeting, items=[{"content": "Đề nghị"}], actor=deputy_a)
    services.update_petition(petition=petition, actor=deputy_a, content="Đề nghị sửa đường")
    with pytest.raises(PermissionDenied):
        services.update_voter_meeting(meeting=meeting, actor=deputy_a, deputies=[other])
    with pytest.raises(PermissionDenied):
        services.classify_petition(petition=petition, actor=deputy_a, field=traffic_field,
                                   proposed_agencies=[agency_a])
    reception = services.record_citizen_reception(council=council_a, deputy=deputy_a_record, date=D(2026, 11, 16),
                                                  place="Trụ sở", actor=deputy_a)
    with pytest.raises(PermissionDenied):
        services.record_citizen_reception(council=council_a, deputy=other, date=D(2026, 11, 16), place="Trụ sở",
                                          actor=deputy_a)
    with pytest.raises(PermissionDenied):
        services.update_citizen_reception(reception=reception, actor=deputy_a, deputy=other)


def test_viewer_and_other_council_cannot_write(new_petition, viewer_a, clerk_b, clerk_a1, traffic_field, agency_a):
    from django.core.exceptions import PermissionDenied

    petition = new_petition()
    for user in (viewer_a, clerk_b, clerk_a1):
        with pytest.raises(PermissionDenied):
            services.classify_petition(petition=petition, actor=user, field=traffic_field,
                                       proposed_agencies=[agency_a])
