"""Số hoạt động theo loại: oversight missions, voter meetings, sessions and briefings held by the subject."""

from __future__ import annotations

from collections import defaultdict

from django.db.models.functions import Left
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from councils.choices import BodyKind, SessionKind
from councils.models import Session
from oversight.choices import ActivityKind, ActivityStatus
from oversight.models import Briefing, OversightActivity
from voters.choices import MeetingKind
from voters.models import VoterMeeting

from ..choices import Comparison, Metric, SubjectType
from .base import (
    Context,
    EvidenceRow,
    Measure,
    MeasuredRule,
    MetricSpec,
    Param,
    Periods,
    Subject,
    SubjectKey,
    collect,
    window,
)

COUNTED = ("oversight_kinds", "voter_meeting_kinds", "session_kinds", "briefing")


def measure(rule: MeasuredRule, ctx: Context, subjects: list[Subject], periods: Periods) -> dict:
    params = rule.params
    kind = rule.subject_type
    start, end = window(periods)
    end = min(end, ctx.as_of)
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)

    def add(subject_id, model, pk, label, day):
        collect(measures, periods, (kind, subject_id), EvidenceRow(model, pk, True, label, day), in_period_date=day)

    if params.get("oversight_kinds"):
        qs = OversightActivity.objects.filter(
            ctx.council_q("council"), kind__in=params["oversight_kinds"],
            status__in=[ActivityStatus.IN_PROGRESS, ActivityStatus.CONCLUDED],
            actual_start__gte=start, actual_start__lte=end,
        )
        if kind == SubjectType.COUNCIL and params.get("body_kinds"):
            qs = qs.filter(body__kind__in=params["body_kinds"])
        owner = {SubjectType.COUNCIL: "council_id", SubjectType.DEPUTY: "deputy_id"}.get(kind, "body_id")
        for subject_id, pk, title, day in qs.order_by().values_list(owner, "id", Left("title", 200), "actual_start"):
            add(subject_id, OversightActivity, pk, title, day)
    if params.get("voter_meeting_kinds"):
        qs = VoterMeeting.objects.filter(ctx.council_q("council"), kind__in=params["voter_meeting_kinds"],
                                         date__gte=start, date__lte=end)
        if kind == SubjectType.COUNCIL and params.get("body_kinds"):
            qs = qs.filter(body__kind__in=params["body_kinds"])
        owner = {SubjectType.COUNCIL: "council_id", SubjectType.DEPUTY: "deputies_present"}.get(kind, "body_id")
        for subject_id, pk, place, topic, day in qs.order_by().values_list(owner, "id", "place", "topic", "date"):
            add(subject_id, VoterMeeting, pk, _("TXCT %(topic)s tại %(place)s") % {"topic": topic, "place": place}, day)
    if params.get("session_kinds"):
        qs = Session.objects.filter(ctx.council_q("council"), kind__in=params["session_kinds"],
                                    start_date__gte=start, start_date__lte=end)
        for council_id, pk, number, day in qs.order_by().values_list("council_id", "id", "number", "start_date"):
            add(council_id, Session, pk, _("Kỳ họp thứ %(number)s") % {"number": number}, day)
    if params.get("briefing") and kind in (SubjectType.COUNCIL, SubjectType.STANDING_BOARD):
        # Briefings are held by the standing board on behalf of its council.
        board_of = {s.council_id: s.id for s in subjects} if kind == SubjectType.STANDING_BOARD else None
        qs = Briefing.objects.filter(ctx.council_q("council"), date__gte=start, date__lte=end)
        for council_id, pk, topic, day in qs.order_by().values_list("council_id", "id", Left("topic", 200), "date"):
            subject_id = council_id if board_of is None else board_of.get(council_id)
            if subject_id is not None:
                add(subject_id, Briefing, pk, topic, day)
    return measures


def check_params(params: dict, subject_type: str) -> list[str]:
    errors = []
    if not any(params.get(key) for key in COUNTED):
        errors.append(_("Phải chọn ít nhất một loại hoạt động để đếm."))
    if params.get("session_kinds") and subject_type != SubjectType.COUNCIL:
        errors.append(_("Kỳ họp chỉ được đếm cho đối tượng là HĐND."))
    return errors


SPEC = MetricSpec(
    code=Metric.ACTIVITY_COUNT,
    comparison=Comparison.COUNT_AT_LEAST,
    measure=measure,
    params={
        "oversight_kinds": Param.coded(list, ActivityKind, label=_lazy("Đếm hoạt động giám sát loại")),
        "voter_meeting_kinds": Param.coded(list, MeetingKind, label=_lazy("Đếm cuộc tiếp xúc cử tri loại")),
        "session_kinds": Param.coded(list, SessionKind, label=_lazy("Đếm kỳ họp loại"),
                                    help_text=_lazy("Chỉ dùng khi đối tượng là HĐND.")),
        "briefing": Param(bool, label=_lazy("Đếm các buổi giao ban")),
        "body_kinds": Param.coded(list, BodyKind, label=_lazy("Chỉ hoạt động do cơ quan loại"),
                                 help_text=_lazy("Với đối tượng là HĐND: chỉ đếm hoạt động của các cơ quan này.")),
    },
    subjects=frozenset(SubjectType.values),
    check_params=check_params,
)
