"""Service rules of the oversight app: transitions, "5 rõ", follow-up, who may write."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from compliance import services as compliance_services
from councils.models import AuditEntry
from councils.tests.factories import AgencyFactory, CouncilFactory, DeputyFactory
from oversight import selectors, services
from oversight.choices import ActivityKind, ActivityStatus, FollowUpStatus, WorkItemOrigin, WorkItemStatus
from oversight.models import TrainingAttendance
from oversight.tests.factories import (
    ActivityFactory,
    CommitmentFactory,
    QuestionFactory,
    RecommendationFactory,
    TrainingFactory,
    WorkItemFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _messages(error: ValidationError) -> str:
    return " ".join(m for ms in error.message_dict.values() for m in ms)


# ---------------------------------------------------------------------------------------------------------
# Activities


def test_create_activity_records_audit_and_agencies(clerk_a, council_a, standing_board_a, agency_a):
    activity = services.create_activity(council=council_a, kind=ActivityKind.THEMATIC, title="Giám sát đất đai",
                                        body=standing_board_a, subject_agencies=[agency_a], actor=clerk_a)
    assert activity.status == ActivityStatus.PLANNED
    assert list(activity.subject_agencies.all()) == [agency_a]
    assert AuditEntry.objects.filter(object_id=activity.pk, action="create", actor=clerk_a).exists()


def test_create_activity_refuses_another_councils_body_and_agency(clerk_a, council_a, council_b, term, agency_b):
    from councils.tests.factories import BodyFactory

    body_b = BodyFactory(council=council_b, term=term)
    with pytest.raises(ValidationError) as error:
        services.create_activity(council=council_a, kind=ActivityKind.SURVEY, title="Khảo sát", body=body_b,
                                 actor=clerk_a)
    assert "body" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.create_activity(council=council_a, kind=ActivityKind.SURVEY, title="Khảo sát",
                                 deputy=DeputyFactory(council=council_a, term=term), subject_agencies=[agency_b],
                                 actor=clerk_a)
    assert "subject_agencies" in error.value.message_dict


def test_activity_needs_a_body_or_a_deputy(clerk_a, council_a):
    with pytest.raises(ValidationError) as error:
        services.create_activity(council=council_a, kind=ActivityKind.SURVEY, title="Khảo sát", actor=clerk_a)
    assert "chủ thể giám sát" in str(error.value)


def test_other_council_clerk_and_deputy_may_not_create(clerk_b, deputy_a, council_a, standing_board_a):
    for actor in (clerk_b, deputy_a):
        with pytest.raises(PermissionDenied):
            services.create_activity(council=council_a, kind=ActivityKind.THEMATIC, title="X",
                                     body=standing_board_a, actor=actor)


def test_activity_lifecycle_planned_in_progress_concluded(clerk_a, council_a):
    activity = ActivityFactory(council=council_a)
    services.start_activity(activity=activity, actor=clerk_a, started_on=datetime.date(2026, 5, 4))
    assert activity.status == ActivityStatus.IN_PROGRESS and activity.actual_start == datetime.date(2026, 5, 4)
    services.conclude_activity(activity=activity, actor=clerk_a, conclusion="Kết luận: cơ bản đạt yêu cầu.",
                               conclusion_date=datetime.date(2026, 6, 1))
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.CONCLUDED
    assert activity.conclusion_date == datetime.date(2026, 6, 1)
    assert activity.actual_end == datetime.date(2026, 6, 1)
    statuses = list(AuditEntry.objects.filter(object_id=activity.pk, action__startswith="status:")
                    .order_by("id").values_list("from_status", "to_status"))
    assert statuses == [("planned", "in_progress"), ("in_progress", "concluded")]


def test_concluding_requires_text_and_date(clerk_a, council_a):
    activity = ActivityFactory(council=council_a, status=ActivityStatus.IN_PROGRESS,
                               actual_start=datetime.date(2026, 5, 4))
    with pytest.raises(ValidationError) as error:
        services.conclude_activity(activity=activity, actor=clerk_a, conclusion="  ", conclusion_date=None)
    assert set(error.value.message_dict) == {"conclusion", "conclusion_date"}
    with pytest.raises(ValidationError) as error:
        services.conclude_activity(activity=activity, actor=clerk_a, conclusion="Có kết luận",
                                   conclusion_date=datetime.date(2026, 5, 1))
    assert "conclusion_date" in error.value.message_dict
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.IN_PROGRESS


@pytest.mark.parametrize("status", [ActivityStatus.PLANNED, ActivityStatus.CONCLUDED, ActivityStatus.CANCELLED])
def test_conclude_refused_unless_in_progress(clerk_a, council_a, status):
    activity = ActivityFactory(council=council_a, status=status)
    with pytest.raises(ValidationError, match="Không thể chuyển"):
        services.conclude_activity(activity=activity, actor=clerk_a, conclusion="KL",
                                   conclusion_date=datetime.date(2026, 6, 1))


@pytest.mark.parametrize("status", [ActivityStatus.IN_PROGRESS, ActivityStatus.CONCLUDED, ActivityStatus.CANCELLED])
def test_start_refused_unless_planned(clerk_a, council_a, status):
    activity = ActivityFactory(council=council_a, status=status)
    with pytest.raises(ValidationError, match="Không thể chuyển"):
        services.start_activity(activity=activity, actor=clerk_a)


@pytest.mark.parametrize("status,ok", [(ActivityStatus.PLANNED, True), (ActivityStatus.IN_PROGRESS, True),
                                       (ActivityStatus.CONCLUDED, False), (ActivityStatus.CANCELLED, False)])
def test_cancel_from_planned_or_in_progress_only(clerk_a, council_a, status, ok):
    activity = ActivityFactory(council=council_a, status=status)
    if ok:
        services.cancel_activity(activity=activity, actor=clerk_a, note="Trùng lịch kỳ họp")
        activity.refresh_from_db()
        assert activity.status == ActivityStatus.CANCELLED
    else:
        with pytest.raises(ValidationError):
            services.cancel_activity(activity=activity, actor=clerk_a)


def test_participants_of_own_subtree_only(clerk_a, council_a, council_b, term):
    activity = ActivityFactory(council=council_a)
    deputy = DeputyFactory(council=council_a, term=term)
    services.add_participant(activity=activity, deputy=deputy, role="lead", actor=clerk_a)
    assert activity.participations.get().role == "lead"
    with pytest.raises(ValidationError):
        services.add_participant(activity=activity, deputy=deputy, actor=clerk_a)
    with pytest.raises(ValidationError):
        services.add_participant(activity=activity, deputy=DeputyFactory(council=council_b, term=term), actor=clerk_a)


def test_re_oversight_links_recommendations_of_its_subtree_only(clerk_a, council_a, council_a1, council_b):
    recheck = ActivityFactory(council=council_a, kind=ActivityKind.RE_OVERSIGHT)
    own = RecommendationFactory(activity__council=council_a)
    below = RecommendationFactory(activity__council=council_a1)
    foreign = RecommendationFactory(activity__council=council_b)
    services.link_rechecked_recommendations(activity=recheck, recommendations=[own, below], actor=clerk_a)
    assert set(recheck.rechecked_recommendations.all()) == {own, below}
    assert set(own.rechecked_by.all()) == {recheck}
    with pytest.raises(ValidationError):
        services.link_rechecked_recommendations(activity=recheck, recommendations=[foreign], actor=clerk_a)
    thematic = ActivityFactory(council=council_a, kind=ActivityKind.THEMATIC)
    with pytest.raises(ValidationError):
        services.link_rechecked_recommendations(activity=thematic, recommendations=[own], actor=clerk_a)


# ---------------------------------------------------------------------------------------------------------
# Recommendations and commitments


@pytest.mark.parametrize("status,ok", [(ActivityStatus.PLANNED, False), (ActivityStatus.IN_PROGRESS, True),
                                       (ActivityStatus.CONCLUDED, True), (ActivityStatus.CANCELLED, False)])
def test_recommendation_only_from_concluding_or_concluded_activity(clerk_a, council_a, agency_a, status, ok):
    activity = ActivityFactory(council=council_a, status=status)
    kwargs = dict(activity=activity, agency=agency_a, content="Rà soát quy hoạch",
                  due_date=datetime.date(2026, 12, 31), actor=clerk_a)
    if ok:
        assert services.create_recommendation(**kwargs).status == FollowUpStatus.NOT_STARTED
    else:
        with pytest.raises(ValidationError):
            services.create_recommendation(**kwargs)


def test_recommendation_needs_due_date_and_local_agency(clerk_a, council_a, agency_b):
    activity = ActivityFactory(council=council_a, status=ActivityStatus.CONCLUDED)
    with pytest.raises(ValidationError) as error:
        services.create_recommendation(activity=activity, agency=AgencyFactory(), content="X", due_date=None,
                                       actor=clerk_a)
    assert "due_date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.create_recommendation(activity=activity, agency=agency_b, content="X",
                                       due_date=datetime.date(2026, 12, 31), actor=clerk_a)
    assert "agency" in error.value.message_dict


def test_recommendation_status_flow_and_evidence(clerk_a, council_a):
    rec = RecommendationFactory(activity__council=council_a)
    services.update_recommendation_status(recommendation=rec, status=FollowUpStatus.IN_PROGRESS, actor=clerk_a)
    with pytest.raises(ValidationError) as error:
        services.update_recommendation_status(recommendation=rec, status=FollowUpStatus.IMPLEMENTED, actor=clerk_a)
    assert {"completed_on", "evidence"} <= set(error.value.message_dict)
    done = TODAY() - datetime.timedelta(days=1)
    services.update_recommendation_status(recommendation=rec, status=FollowUpStatus.IMPLEMENTED, actor=clerk_a,
                                          evidence="Công văn số 12/SXD", completed_on=done)
    rec.refresh_from_db()
    assert (rec.status, rec.completed_on, rec.evidence) == (FollowUpStatus.IMPLEMENTED, done, "Công văn số 12/SXD")
    # Implemented is final, and nothing goes back to "not started".
    for target in (FollowUpStatus.IN_PROGRESS, FollowUpStatus.NOT_IMPLEMENTED, FollowUpStatus.NOT_STARTED):
        with pytest.raises(ValidationError):
            services.update_recommendation_status(recommendation=rec, status=target, actor=clerk_a)


def test_completed_on_cannot_be_in_the_future(clerk_a, council_a):
    rec = RecommendationFactory(activity__council=council_a)
    with pytest.raises(ValidationError):
        services.update_recommendation_status(recommendation=rec, status=FollowUpStatus.IMPLEMENTED, actor=clerk_a,
                                              evidence="x", completed_on=TODAY() + datetime.timedelta(days=1))


def test_follower_deputy_may_update_status_others_may_not(deputy_a, deputy_a_record, other_deputy_a, council_a):
    rec = RecommendationFactory(activity__council=council_a)
    rec.followers.add(deputy_a_record)
    services.update_recommendation_status(recommendation=rec, status=FollowUpStatus.IN_PROGRESS, actor=deputy_a,
                                          evidence="Đã đôn đốc")
    with pytest.raises(PermissionDenied):
        services.update_recommendation_status(recommendation=rec, status=FollowUpStatus.PARTLY_IMPLEMENTED,
                                              actor=other_deputy_a)


def test_overdue_boundary_due_today_is_not_overdue_yesterday_is(clerk_a, council_a):
    today = selectors.today()
    due_today = RecommendationFactory(activity__council=council_a, due_date=today)
    due_yesterday = RecommendationFactory(activity__council=council_a, due_date=today - datetime.timedelta(days=1))
    done_late = RecommendationFactory(activity__council=council_a, due_date=today - datetime.timedelta(days=5),
                                      status=FollowUpStatus.IMPLEMENTED)
    flags = {r.pk: r.is_overdue for r in selectors.recommendations_for(clerk_a)}
    assert flags == {due_today.pk: False, due_yesterday.pk: True, done_late.pk: False}


def test_overdue_uses_the_date_in_vietnam_not_utc(clerk_a, council_a, monkeypatch):
    # 18:30 UTC on 30/6 is already 01:30 on 1/7 in Hà Nội: a deadline of 30/6 has passed there.
    instant = datetime.datetime(2026, 6, 30, 18, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: instant)
    rec = RecommendationFactory(activity__council=council_a, due_date=datetime.date(2026, 6, 30))
    assert selectors.today() == datetime.date(2026, 7, 1)
    assert selectors.recommendations_for(clerk_a).get(pk=rec.pk).is_overdue is True


def test_questions_only_at_questioning_activities(clerk_a, council_a, term, agency_a):
    asker = DeputyFactory(council=council_a, term=term)
    thematic = ActivityFactory(council=council_a, kind=ActivityKind.THEMATIC)
    with pytest.raises(ValidationError):
        services.create_question(activity=thematic, asked_by=asker, answering_agency=agency_a, question="?",
                                 actor=clerk_a)
    session_q = ActivityFactory(council=council_a, kind=ActivityKind.QUESTIONING_SESSION)
    question = services.create_question(activity=session_q, asked_by=asker, answering_agency=agency_a,
                                        question="Vì sao chậm giải ngân?", answering_official="Giám đốc Sở",
                                        actor=clerk_a)
    services.update_question(item=question, answer="Sẽ hoàn thành trong quý III",
                             answered_on=datetime.date(2026, 7, 10), actor=clerk_a)
    commitment = services.create_commitment(question=question, agency=agency_a, content="Giải ngân 95%",
                                            due_date=datetime.date(2026, 9, 30), followers=[asker], actor=clerk_a)
    services.update_commitment_status(commitment=commitment, status=FollowUpStatus.IN_PROGRESS, actor=clerk_a)
    commitment.refresh_from_db()
    assert commitment.status == FollowUpStatus.IN_PROGRESS and list(commitment.followers.all()) == [asker]


def test_commitment_status_refused_transition(clerk_a, council_a):
    commitment = CommitmentFactory(question__activity__council=council_a, status=FollowUpStatus.IMPLEMENTED)
    with pytest.raises(ValidationError, match="Không thể chuyển"):
        services.update_commitment_status(commitment=commitment, status=FollowUpStatus.IN_PROGRESS, actor=clerk_a)


def test_commitment_follower_rights(deputy_a, deputy_a_record, other_deputy_a, council_a):
    commitment = CommitmentFactory(question__activity__council=council_a)
    commitment.followers.add(deputy_a_record)
    with pytest.raises(PermissionDenied):
        services.update_commitment_status(commitment=commitment, status=FollowUpStatus.IN_PROGRESS,
                                          actor=other_deputy_a)
    services.update_commitment_status(commitment=commitment, status=FollowUpStatus.IN_PROGRESS, actor=deputy_a)


def test_question_asker_must_be_of_the_council(clerk_a, council_a, council_b, term, agency_a):
    activity = QuestionFactory(activity__council=council_a).activity
    with pytest.raises(ValidationError):
        services.create_question(activity=activity, asked_by=DeputyFactory(council=council_b, term=term),
                                 answering_agency=agency_a, question="?", actor=clerk_a)


# ---------------------------------------------------------------------------------------------------------
# Work items ("5 rõ")


def _five(body):
    return dict(title="Xây dựng báo cáo công tác 6 tháng", lead="Phó Chủ tịch HĐND", responsible_body=body,
                due_date=datetime.date(2026, 6, 30), deliverable="Báo cáo trình kỳ họp")


@pytest.mark.parametrize("missing,label", [
    ("lead", "rõ người"), ("title", "rõ việc"), ("due_date", "rõ thời gian"),
    ("responsible_body", "rõ trách nhiệm"), ("deliverable", "rõ kết quả"),
])
def test_work_item_missing_one_of_five_is_refused_naming_it(clerk_a, council_a, standing_board_a, missing, label):
    values = _five(standing_board_a)
    values[missing] = None if missing in ("due_date", "responsible_body") else "  "
    with pytest.raises(ValidationError) as error:
        services.create_work_item(council=council_a, actor=clerk_a, **values)
    assert list(error.value.message_dict) == [missing]
    assert label in _messages(error.value)
    assert "5 rõ" in _messages(error.value)


def test_work_item_update_cannot_blank_one_of_five(clerk_a, council_a, standing_board_a):
    item = services.create_work_item(council=council_a, actor=clerk_a, origin=WorkItemOrigin.ARISING,
                                     **_five(standing_board_a))
    assert item.year == 2026 and item.origin == WorkItemOrigin.ARISING
    with pytest.raises(ValidationError, match="rõ kết quả"):
        services.update_work_item(item=item, actor=clerk_a, deliverable="")


def test_work_item_lifecycle(clerk_a, council_a):
    item = WorkItemFactory(council=council_a)
    with pytest.raises(ValidationError, match="Không thể chuyển"):
        services.complete_work_item(item=item, actor=clerk_a, done_on=TODAY())
    services.start_work_item(item=item, actor=clerk_a)
    with pytest.raises(ValidationError):
        services.start_work_item(item=item, actor=clerk_a)
    with pytest.raises(ValidationError) as error:
        services.complete_work_item(item=item, actor=clerk_a, done_on=None)
    assert "done_on" in error.value.message_dict
    services.complete_work_item(item=item, actor=clerk_a, done_on=datetime.date(2026, 6, 29))
    item.refresh_from_db()
    assert (item.status, item.done_on) == (WorkItemStatus.DONE, datetime.date(2026, 6, 29))
    with pytest.raises(ValidationError):
        services.cancel_work_item(item=item, actor=clerk_a)
    with pytest.raises(ValidationError):
        services.report_work_item_progress(item=item, progress_note="x", actor=clerk_a)


def test_work_item_cancel(clerk_a, council_a):
    item = WorkItemFactory(council=council_a, status=WorkItemStatus.IN_PROGRESS)
    services.cancel_work_item(item=item, actor=clerk_a, note="Không còn phù hợp")
    assert item.status == WorkItemStatus.CANCELLED
    with pytest.raises(ValidationError):
        services.start_work_item(item=item, actor=clerk_a)


def test_deputy_updates_own_work_item_only(deputy_a, deputy_a_record, other_deputy_a, council_a):
    item = WorkItemFactory(council=council_a)
    item.assignee_deputies.add(deputy_a_record)
    services.start_work_item(item=item, actor=deputy_a)
    services.report_work_item_progress(item=item, progress_note="Đã khảo sát 3 phường", actor=deputy_a)
    assert item.progress_note == "Đã khảo sát 3 phường"
    with pytest.raises(PermissionDenied):
        services.report_work_item_progress(item=item, progress_note="sửa hộ", actor=other_deputy_a)
    with pytest.raises(PermissionDenied):
        services.complete_work_item(item=item, actor=other_deputy_a, done_on=TODAY())
    # Cancelling drops the item from the programme: the secretariat's call, not the assignee's.
    with pytest.raises(PermissionDenied):
        services.cancel_work_item(item=item, actor=deputy_a)
    item.refresh_from_db()
    assert item.progress_note == "Đã khảo sát 3 phường"


def test_secretariat_of_the_council_may_update_any_item(clerk_a, clerk_a1, council_a):
    item = WorkItemFactory(council=council_a)
    services.report_work_item_progress(item=item, progress_note="Đang dự thảo", actor=clerk_a)
    # A commune's clerk does not manage the province's programme.
    with pytest.raises(PermissionDenied):
        services.report_work_item_progress(item=item, progress_note="x", actor=clerk_a1)


def test_on_time_rate_on_the_seed_001_set(clerk_a, council_a, standing_board_a):
    """Seed 001: 248 of 273 items done on time = 90.8 %."""
    from oversight.models import WorkItem

    due = datetime.date(2025, 12, 15)
    rows = []
    for n in range(273):
        if n < 248:
            status, done_on = WorkItemStatus.DONE, due - datetime.timedelta(days=n % 3)  # on or before the deadline
        elif n < 263:
            status, done_on = WorkItemStatus.DONE, due + datetime.timedelta(days=2)  # late
        else:
            status, done_on = WorkItemStatus.IN_PROGRESS, None  # still open past the deadline
        rows.append(WorkItem(council=council_a, year=2025, title=f"Việc {n}", lead="Chánh Văn phòng",
                             responsible_body=standing_board_a, due_date=due, deliverable="Báo cáo",
                             status=status, done_on=done_on))
    # Cancelled and not-yet-due items do not count.
    rows.append(WorkItem(council=council_a, year=2025, title="Hủy", lead="x", responsible_body=standing_board_a,
                         due_date=due, deliverable="x", status=WorkItemStatus.CANCELLED))
    WorkItem.objects.bulk_create(rows)
    WorkItemFactory(council=council_a, responsible_body=standing_board_a, year=2025,
                    due_date=datetime.date(2025, 12, 31))
    result = selectors.work_item_on_time_rates(clerk_a, year=2025, as_of=datetime.date(2025, 12, 20))
    assert len(result) == 1
    row = result[0]
    assert (row["due"], row["on_time"], row["rate"]) == (273, 248, 90.8)
    assert row["body_id"] == standing_board_a.pk and row["overdue"] == 10


def test_rates_are_one_query_each(clerk_a, council_a, django_assert_num_queries):
    for _n in range(3):
        WorkItemFactory(council=council_a)
        RecommendationFactory(activity__council=council_a)
    clerk_a.council_roles.count()  # load nothing lazily inside the measured block
    selectors.recommendation_rates(clerk_a)  # fills the user's scope cache
    with django_assert_num_queries(1):
        selectors.work_item_on_time_rates(clerk_a, year=2026)
    with django_assert_num_queries(1):
        selectors.recommendation_rates(clerk_a)


def test_recommendation_implementation_rate_per_body_and_council(clerk_a, council_a, committee_a, standing_board_a):
    as_of = datetime.date(2026, 12, 31)
    for status in ["implemented"] * 3 + ["in_progress"]:
        RecommendationFactory(activity__council=council_a, activity__body=committee_a, status=status,
                              due_date=datetime.date(2026, 6, 30))
    RecommendationFactory(activity__council=council_a, activity__body=standing_board_a,
                          due_date=datetime.date(2027, 6, 30))  # not yet due: not counted
    by_body = {r["body_id"]: r for r in selectors.recommendation_rates(clerk_a, as_of=as_of)}
    assert (by_body[committee_a.pk]["due"], by_body[committee_a.pk]["rate"]) == (4, 75.0)
    assert by_body[standing_board_a.pk]["rate"] is None
    by_council = selectors.recommendation_rates(clerk_a, as_of=as_of, by_body=False)
    assert [(r["council_id"], r["implemented"], r["due"], r["rate"]) for r in by_council] == [
        (council_a.pk, 3, 4, 75.0)]


# ---------------------------------------------------------------------------------------------------------
# Trainings and briefings


def test_bulk_attendance_is_an_upsert(clerk_a, council_a, term):
    training = TrainingFactory(council=council_a)
    d1, d2, d3 = (DeputyFactory(council=council_a, term=term) for _ in range(3))
    assert services.mark_attendance(training=training, present=[d1, d2], absent=[d3], actor=clerk_a) == 3
    services.mark_attendance(training=training, present=[d3], actor=clerk_a)
    marks = dict(TrainingAttendance.objects.filter(training=training).values_list("deputy_id", "attended"))
    assert marks == {d1.pk: True, d2.pk: True, d3.pk: True}
    with pytest.raises(ValidationError):
        services.mark_attendance(training=training, present=[d1], absent=[d1], actor=clerk_a)


def test_training_dates_and_foreign_deputies(clerk_a, council_a, council_b, term):
    with pytest.raises(ValidationError):
        services.create_training(council=council_a, title="Lớp", start_date=datetime.date(2026, 6, 2),
                                 end_date=datetime.date(2026, 6, 1), actor=clerk_a)
    training = services.create_training(council=council_a, title="Lớp", start_date=datetime.date(2026, 6, 2),
                                        actor=clerk_a)
    with pytest.raises(ValidationError):
        services.mark_attendance(training=training, present=[DeputyFactory(council=council_b, term=term)],
                                 actor=clerk_a)


def test_briefing_with_lower_councils_only(clerk_a, council_a, council_a1, council_b):
    briefing = services.create_briefing(council=council_a, topic="Giao ban quý II", date=datetime.date(2026, 6, 20),
                                        participating_councils=[council_a1], actor=clerk_a)
    assert list(briefing.participating_councils.all()) == [council_a1]
    with pytest.raises(ValidationError):
        services.update_briefing(briefing=briefing, participating_councils=[council_b], actor=clerk_a)
    with pytest.raises(ValidationError):
        services.create_briefing(council=council_a, topic="x", date=datetime.date(2026, 6, 20),
                                 participating_councils=[CouncilFactory()], actor=clerk_a)


def test_writes_ask_compliance_to_reevaluate(clerk_a, council_a, standing_board_a, monkeypatch,
                                             django_capture_on_commit_callbacks):
    calls = []
    monkeypatch.setattr(compliance_services, "request_reevaluation", lambda *, council_id: calls.append(council_id))
    with django_capture_on_commit_callbacks(execute=True):
        services.create_work_item(council=council_a, actor=clerk_a, **_five(standing_board_a))
    assert calls == [council_a.pk]
