"""Events derived from the history: each reaches exactly the right people and nobody who cannot open the
record; a rolled-back write tells nobody. Lines are written with record_audit directly, as the services that
write them (some on other branches) do."""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction

from compliance.choices import ResultStatus, SubjectType
from compliance.models import EvaluationRun, Result
from compliance.tests.builders import rule
from councils.audit import record_audit
from notifications import services
from notifications.choices import NotificationKind
from notifications.models import Notification
from oversight import services as oversight_services
from oversight.tests.factories import ActivityFactory, WorkItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block and its commit hooks, as a real commit would."""

    def run(write):
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                write()

    return run


def told(kind=None):
    rows = Notification.objects.all() if kind is None else Notification.objects.filter(kind=kind)
    return sorted(rows.values_list("recipient__username", flat=True))


def test_a_forwarding_reaches_its_agency_staff_only(committed, forwarding, clerk_a, agency_staff, other_agency_staff,
                                                     clerk_b):
    committed(lambda: record_audit(target=forwarding, action="create", actor=clerk_a))
    assert told() == ["sogtvt"]
    notification = Notification.objects.get()
    assert notification.kind == NotificationKind.FORWARDING_RECEIVED
    assert "chuyển kiến nghị KN-01 tới Sở Giao thông vận tải, hạn trả lời 29/04/2026" in notification.title
    # The link opens the forwarding's own page, the one agency staff may open.
    assert notification.url == f"/cu-tri/chuyen/{forwarding.pk}/"


def test_an_answer_reaches_the_secretariat_and_a_return_the_agency(committed, forwarding, clerk_a, clerk_b,
                                                                    agency_staff, viewer_a):
    second_clerk = _clerk(forwarding.petition.council, "clerk_a_2")
    committed(lambda: record_audit(target=forwarding, action="answer", actor=agency_staff))
    assert told(NotificationKind.ANSWER_RECEIVED) == ["clerk_a", second_clerk.username]
    committed(lambda: record_audit(target=forwarding, action="return_answer", actor=clerk_a, note="Chưa đủ căn cứ"))
    returned = Notification.objects.get(kind=NotificationKind.ANSWER_RETURNED)
    assert returned.recipient == agency_staff and returned.body == "Chưa đủ căn cứ"


def _clerk(council, username):
    from councils.choices import Role
    from councils.tests.factories import RoleAssignmentFactory, UserFactory

    user = UserFactory(username=username)
    RoleAssignmentFactory(user=user, council=council, role=Role.SECRETARIAT)
    return user


def test_voter_feedback_not_resolved_reaches_the_secretariat(committed, forwarding, clerk_a, clerk_b, agency_staff):
    petition = forwarding.petition
    committed(lambda: record_audit(target=petition, action="create"))  # a line of a model with other handlers
    committed(lambda: record_audit(target=petition, action="voter_feedback", changes={"resolved": True}))
    assert told() == []
    committed(lambda: record_audit(target=petition, action="voter_feedback", changes={"resolved": False},
                                   note="Đường vẫn hỏng"))
    assert told(NotificationKind.FEEDBACK_NOT_RESOLVED) == ["clerk_a"]


def test_assignment_of_a_work_item_and_follow_up(committed, council_a, clerk_a, deputy_a, deputy_a_record, viewer_a,
                                                 standing_board_a, agency_a):
    made = {}
    committed(lambda: made.setdefault("item", oversight_services.create_work_item(
        council=council_a, actor=clerk_a, title="Chuẩn bị kỳ họp", lead="Phó Chủ tịch",
        responsible_body=standing_board_a, due_date=datetime.date(2026, 6, 30), deliverable="Báo cáo",
        assignee_deputies=[deputy_a_record])))
    item = made["item"]
    assert told(NotificationKind.ASSIGNED) == ["deputy_a"]
    assert Notification.objects.get().title == "Bạn được giao: Công việc: Chuẩn bị kỳ họp"
    committed(lambda: oversight_services.update_work_item(item=item, actor=clerk_a, title="Chuẩn bị kỳ họp thứ 5"))
    committed(lambda: oversight_services.update_work_item(item=item, actor=clerk_a,
                                                          assignee_deputies=[deputy_a_record]))
    assert told() == ["deputy_a"]  # an edit tells only assignees not told before

    activity = ActivityFactory(council=council_a, status="concluded")
    committed(lambda: made.setdefault("recommendation", oversight_services.create_recommendation(
        activity=activity, agency=agency_a, content="Sửa đường", due_date=datetime.date(2026, 9, 30), actor=clerk_a,
        followers=[deputy_a_record])))
    assert told(NotificationKind.ASSIGNED) == ["deputy_a", "deputy_a"]
    assert Notification.objects.filter(content_type__model="recommendation").get().title == (
        "Bạn được giao theo dõi: Kiến nghị giám sát: Sửa đường")


def test_nobody_is_told_of_a_record_they_cannot_open(committed, council_a, clerk_a, clerk_b, deputy_a):
    item = WorkItemFactory(council=council_a)
    item.assignee_users.set([clerk_b, deputy_a])  # clerk_b of province B cannot open A's work item
    committed(lambda: record_audit(target=item, action="create", actor=clerk_a))
    assert told() == ["deputy_a"]


def test_the_actor_is_not_told_of_their_own_act(committed, council_a, clerk_a):
    item = WorkItemFactory(council=council_a)
    item.assignee_users.set([clerk_a])
    committed(lambda: record_audit(target=item, action="create", actor=clerk_a))
    assert told() == []


def test_a_rolled_back_write_tells_nobody(django_capture_on_commit_callbacks, forwarding, clerk_a, agency_staff):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            record_audit(target=forwarding, action="create", actor=clerk_a)
            raise RuntimeError("the service failed after writing its line")
    assert callbacks == []
    assert Notification.objects.count() == 0


def _result(the_rule, council, status):
    run = EvaluationRun.objects.create(as_of=datetime.date(2026, 9, 15), council=council)
    Result.objects.filter(rule=the_rule).delete()
    return Result.objects.create(
        run=run, rule=the_rule, council=council, subject_type=SubjectType.COUNCIL, subject_id=council.pk,
        subject_name=council.name, as_of=run.as_of, period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31), period_label="Năm 2026", target=Decimal(2), status=status)


def test_a_compliance_result_that_falls_tells_the_party_and_the_standing_board(
        council_a, viewer_a, board_member_a, clerk_a, deputy_a):
    the_rule = rule("GS-HDND-2")
    _result(the_rule, council_a, ResultStatus.ON_TRACK)
    assert services.watch_compliance() == 0  # first seen: nothing to compare with
    _result(the_rule, council_a, ResultStatus.ON_TRACK)
    assert services.watch_compliance() == 0
    _result(the_rule, council_a, ResultStatus.AT_RISK)
    assert services.watch_compliance() == 2
    assert told(NotificationKind.COMPLIANCE_FELL) == ["thuongtruc_a", "viewer_a"]
    assert "Chỉ tiêu GS-HDND-2 của HĐND thành phố Hà Nội chuyển sang “Có nguy cơ không đạt”" in (
        Notification.objects.first().title)
    _result(the_rule, council_a, ResultStatus.MISSED)
    assert services.watch_compliance() == 0  # at risk → missed is no new fall
