"""Handovers: a retired district's open items go to its successor, answered and done ones stay; a line on each
moved item; all or nothing; a second run moves nothing; who may do it; the pages."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.urls import reverse

from councils import handovers
from councils.audit import record_audit
from councils.choices import BodyKind, HandoverEvent, Role
from councils.history import history_lines
from councils.models import AuditEntry, Handover
from councils.tests.factories import (
    AgencyFactory,
    BodyFactory,
    CouncilFactory,
    LevelFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from oversight.choices import ActivityStatus, FollowUpStatus, WorkItemStatus
from oversight.models import OversightActivity, Recommendation, WorkItem
from oversight.tests.factories import ActivityFactory, RecommendationFactory, WorkItemFactory
from voters.choices import AnswerOutcome, ForwardingStatus, PetitionStatus
from voters.models import Forwarding, Petition
from voters.tests.factories import ForwardingFactory, PetitionFactory

pytestmark = pytest.mark.django_db

D = datetime.date
ON = D(2026, 7, 1)


@pytest.fixture
def district(council_a):
    return CouncilFactory(code="00100", area_name="Quận Ba Đình", name="HĐND quận Ba Đình",
                          level=LevelFactory(code="district"), parent=council_a, valid_to=D(2025, 6, 30))


@pytest.fixture
def successor(council_a1, term):
    BodyFactory(council=council_a1, term=term, kind=BodyKind.STANDING_BOARD, name="Thường trực HĐND phường")
    return council_a1


@pytest.fixture
def scenario(district, term):
    """3 open petitions (one forwarded to two agencies, waiting), 1 answered; an activity concluded with one
    recommendation still being carried out and one done; 2 work items under way, 1 done."""
    received = PetitionFactory(council=district, status=PetitionStatus.RECEIVED, code="KN-2025-0001")
    classified = PetitionFactory(council=district, status=PetitionStatus.CLASSIFIED, code="KN-2025-0002")
    forwarded = PetitionFactory(council=district, status=PetitionStatus.FORWARDED, code="KN-2025-0003")
    waiting = [ForwardingFactory(petition=forwarded, agency=AgencyFactory()) for _ in range(2)]
    answered = PetitionFactory(council=district, status=PetitionStatus.ANSWERED, code="KN-2025-0004")
    ForwardingFactory(petition=answered, status=ForwardingStatus.ANSWERED, answer="Đã sửa",
                      answered_on=D(2025, 6, 1), outcome=AnswerOutcome.RESOLVED)
    activity = ActivityFactory(council=district, status=ActivityStatus.CONCLUDED,
                               body__term=term, body__kind=BodyKind.DEPUTY_GROUP)
    open_recommendation = RecommendationFactory(activity=activity, status=FollowUpStatus.IN_PROGRESS)
    RecommendationFactory(activity=activity, status=FollowUpStatus.IMPLEMENTED, completed_on=D(2025, 6, 1))
    ActivityFactory(council=district, status=ActivityStatus.CONCLUDED)  # nothing left to follow: stays
    body = BodyFactory(council=district, term=term, kind=BodyKind.STANDING_BOARD, name="Thường trực HĐND quận")
    work = [WorkItemFactory(council=district, responsible_body=body, status=status)
            for status in (WorkItemStatus.NOT_STARTED, WorkItemStatus.IN_PROGRESS)]
    WorkItemFactory(council=district, responsible_body=body, status=WorkItemStatus.DONE, done_on=D(2025, 6, 20))
    return {"petitions": [received, classified, forwarded], "answered": answered, "forwardings": waiting,
            "activity": activity, "recommendation": open_recommendation, "work": work}


EXPECTED = {"petitions": 3, "forwardings": 2, "activities": 1, "recommendations": 1, "commitments": 0,
            "work_items": 2}


def _moved_lines(obj):
    return AuditEntry.objects.filter(object_id=obj.pk, content_type__model=obj._meta.model_name,
                                     action=HandoverEvent.HANDED_OVER)


def test_a_handover_moves_exactly_the_open_items(admin_a, district, successor, scenario):
    assert handovers.preview(user=admin_a, from_council=district, to_council=successor, on_date=ON) == EXPECTED

    handover = handovers.hand_over(user=admin_a, from_council=district, to_council=successor, on_date=ON,
                                   note="Biên bản bàn giao số 12")

    assert {code: part["count"] for code, part in handover.report.items()} == EXPECTED
    assert handover.moved_total == 9 and handover.by == admin_a
    assert sorted(pk for pk, _label in handover.report["petitions"]["items"]) == sorted(
        p.pk for p in scenario["petitions"])
    assert set(Petition.objects.filter(council=successor).values_list("pk", flat=True)) == {
        p.pk for p in scenario["petitions"]}
    # The answered petition, the done work item and the activity with nothing left stay with the district.
    assert Petition.objects.get(pk=scenario["answered"].pk).council == district
    # A forwarding keeps its petition's council (Forwarding.council, read by the counts and the metrics).
    assert {f.council_id for f in Forwarding.objects.filter(petition__in=scenario["petitions"])} == {successor.pk}
    assert not Forwarding.objects.exclude(council=F("petition__council")).exists()
    assert WorkItem.objects.filter(council=district).get().status == WorkItemStatus.DONE
    assert OversightActivity.objects.filter(council=district).count() == 1
    # The same rows: numbers kept, the activity's and the work items' bodies now the successor's.
    assert Petition.objects.get(pk=scenario["petitions"][0].pk).code == "KN-2025-0001"
    board = successor.bodies.get(kind=BodyKind.STANDING_BOARD)
    assert OversightActivity.objects.get(pk=scenario["activity"].pk).body == board
    assert {item.responsible_body for item in WorkItem.objects.filter(council=successor)} == {board}
    assert Recommendation.objects.get(pk=scenario["recommendation"].pk).activity.council == successor


def test_each_moved_item_gets_a_history_line_naming_the_handover(admin_a, clerk_a, district, successor, scenario):
    petition = scenario["petitions"][0]
    record_audit(target=petition, action="update", actor=clerk_a, changes={"content": ["cũ", "mới"]})
    handover = handovers.hand_over(user=admin_a, from_council=district, to_council=successor, on_date=ON)
    moved = [*scenario["petitions"], *scenario["forwardings"], scenario["activity"], scenario["recommendation"],
             *scenario["work"]]
    for obj in moved:
        line = _moved_lines(obj).get()
        assert f"bàn giao #{handover.pk}" in line.note and "HĐND quận Ba Đình" in line.note
        assert line.changes["council"] == ["HĐND quận Ba Đình", "HĐND phường Ba Đình"]
        assert line.actor == admin_a
    assert not _moved_lines(scenario["answered"]).exists()
    # The earlier history is kept, and the record's page tells the move as a sentence, newest first.
    lines = history_lines(Petition.objects.get(pk=petition.pk))
    assert "chuyển giao kiến nghị" in lines[0].sentence and f"bàn giao #{handover.pk}" in lines[0].note
    assert any("sửa" in line.sentence for line in lines[1:])


def test_a_second_handover_moves_nothing(admin_a, district, successor, scenario):
    handovers.hand_over(user=admin_a, from_council=district, to_council=successor, on_date=ON)
    lines = AuditEntry.objects.count()
    again = handovers.hand_over(user=admin_a, from_council=district, to_council=successor, on_date=ON)
    assert again.moved_total == 0 and all(part["count"] == 0 for part in again.report.values())
    assert set(again.report) == set(EXPECTED)
    # Only the second handover's own line: no item was touched.
    assert AuditEntry.objects.count() == lines + 1
    assert _moved_lines(scenario["petitions"][0]).count() == 1


def test_a_failure_half_way_leaves_everything_where_it_was(admin_a, district, successor, scenario, monkeypatch):
    calls = []

    def fail_on_the_second_petition(**kwargs):
        calls.append(kwargs["target"])
        if len(calls) == 2:
            raise RuntimeError("mất kết nối")
        handovers.record_moved(**kwargs)

    monkeypatch.setattr("voters.services.handover.record_moved", fail_on_the_second_petition)
    with pytest.raises(RuntimeError):
        handovers.hand_over(user=admin_a, from_council=district, to_council=successor, on_date=ON)
    assert calls  # it did get half-way
    assert not Handover.objects.exists()
    assert Petition.objects.filter(council=district).count() == 4
    assert WorkItem.objects.filter(council=district).count() == 3
    assert OversightActivity.objects.filter(council=district).count() == 2
    assert not AuditEntry.objects.filter(action=HandoverEvent.HANDED_OVER).exists()


def test_a_successor_without_a_body_to_take_the_work_is_refused_whole(admin_a, district, council_a1, scenario):
    with pytest.raises(ValidationError) as refused:
        handovers.hand_over(user=admin_a, from_council=district, to_council=council_a1, on_date=ON)
    assert "chưa có Thường trực HĐND" in refused.value.message_dict["to_council"][0]
    assert Petition.objects.filter(council=district).count() == 4 and not Handover.objects.exists()


def test_a_petition_number_the_successor_already_uses_gets_the_district_code(admin_a, district, successor,
                                                                            scenario):
    PetitionFactory(council=successor, code="KN-2025-0002")
    handovers.hand_over(user=admin_a, from_council=district, to_council=successor, on_date=ON)
    moved = Petition.objects.get(pk=scenario["petitions"][1].pk)
    assert moved.code == "KN-2025-0002/00100"
    assert _moved_lines(moved).get().changes["code"] == ["KN-2025-0002", "KN-2025-0002/00100"]


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"retired": None}, "from_council", "chưa kết thúc hoạt động"),
    ({"on_date": D(2025, 6, 29)}, "on_date", "không được trước ngày"),
    ({"on_date": D(2099, 1, 1)}, "on_date", "không được sau hôm nay"),
    ({"to": "district"}, "to_council", "phải khác"),
    ({"to": "retired"}, "to_council", "không hoạt động"),
])
def test_bad_choices_are_refused_in_vietnamese_and_nothing_moves(admin_a, district, successor, scenario,
                                                                  council_a, change, field, message):
    if "retired" in change:
        district.valid_to = None
        district.save()
    to = {"district": district, "retired": CouncilFactory(parent=council_a, valid_to=D(2025, 6, 30))}.get(
        change.get("to"), successor)
    with pytest.raises(ValidationError) as refused:
        handovers.hand_over(user=admin_a, from_council=district, to_council=to, on_date=change.get("on_date", ON))
    assert message in refused.value.message_dict[field][0]
    assert Petition.objects.filter(council=district).count() == 4 and not Handover.objects.exists()


@pytest.mark.parametrize(("persona", "allowed"), [
    ("superuser", True), ("admin_a", True), ("admin_b", False), ("clerk_a", False), ("clerk_a1", False),
    ("deputy_a", False), ("viewer_a", False), ("clerk_b", False),
])
def test_only_an_administrator_above_both_councils_may_hand_over(request, district, successor, scenario, council_b,
                                                                 persona, allowed):
    if persona == "superuser":
        user = UserFactory(username="root", is_superuser=True, is_staff=True)
    elif persona == "admin_b":
        user = UserFactory(username="admin_b")
        RoleAssignmentFactory(user=user, council=council_b, role=Role.ADMINISTRATOR)
    else:
        user = request.getfixturevalue(persona)
    if allowed:
        assert handovers.hand_over(user=user, from_council=district, to_council=successor,
                                   on_date=ON).moved_total == 9
    else:
        with pytest.raises(PermissionDenied):
            handovers.hand_over(user=user, from_council=district, to_council=successor, on_date=ON)
        assert not Handover.objects.exists()


def test_an_administrator_of_the_district_alone_may_not_give_its_items_to_a_council_outside(district, successor,
                                                                                          scenario):
    user = UserFactory(username="admin_district")
    RoleAssignmentFactory(user=user, council=district, role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        handovers.hand_over(user=user, from_council=district, to_council=successor, on_date=ON)


# --- the pages ---------------------------------------------------------------------------------------------

def _form(to, **extra):
    return {"to_council": to.pk, "on_date": ON.strftime("%d/%m/%Y"), "note": "Biên bản số 12", **extra}


def test_the_page_previews_then_hands_over_and_shows_the_report(client, admin_a, district, successor, scenario):
    client.force_login(admin_a)
    url = reverse("council_handover", args=[district.pk])
    page = client.get(url).content.decode()
    assert "data-searchable" in page and f'value="{successor.pk}"' in page
    assert f'value="{district.pk}"' not in page.split('name="to_council"')[1].split("</select>")[0]

    preview = client.post(url, _form(successor))
    assert preview.status_code == 200 and not Handover.objects.exists()
    assert {row["code"]: row["count"] for row in preview.context["preview"]} == EXPECTED
    # Confirming posts back what the preview holds in hidden fields.
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', preview.content.decode()))
    assert hidden["to_council"] == str(successor.pk) and hidden["on_date"] == "01/07/2026"
    done = client.post(url, {**hidden, "confirm": "1"})
    handover = Handover.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("handover_detail", args=[handover.pk])
    report = client.get(done["Location"]).content.decode()
    assert reverse("voters:petition_detail", args=[scenario["petitions"][0].pk]) in report
    assert reverse("oversight:workitem_detail", args=[scenario["work"][1].pk]) in report
    assert "data-print" in report and "Biên bản số 12" in report
    assert reverse("handover_detail", args=[handover.pk]) in client.get(
        reverse("council_detail", args=[district.pk])).content.decode()


def test_a_bad_date_on_the_page_is_a_field_message_and_nothing_moves(client, admin_a, district, successor, scenario):
    client.force_login(admin_a)
    response = client.post(reverse("council_handover", args=[district.pk]),
                           _form(successor, on_date="29/06/2025", confirm="1"))
    assert response.status_code == 400
    assert "không được trước ngày" in str(response.context["form"].errors["on_date"])
    assert not Handover.objects.exists()


def test_the_pages_are_scoped(client, clerk_b, clerk_a, admin_a, district, successor, scenario):
    handover = handovers.hand_over(user=admin_a, from_council=district, to_council=successor, on_date=ON)
    client.force_login(clerk_b)
    assert client.get(reverse("council_handover", args=[district.pk])).status_code == 404
    assert client.get(reverse("handover_detail", args=[handover.pk])).status_code == 404
    client.force_login(clerk_a)
    assert client.get(reverse("council_handover", args=[district.pk])).status_code == 403
    assert client.post(reverse("council_handover", args=[district.pk]),
                       _form(successor, confirm="1")).status_code == 403
    # A reader of the province sees the report.
    assert client.get(reverse("handover_detail", args=[handover.pk])).status_code == 200
