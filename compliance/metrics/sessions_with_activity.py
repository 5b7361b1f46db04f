"""Tỷ lệ kỳ họp có hoạt động: of the sessions opened by now in the period, those during which an activity of the
given kinds (by default a questioning session) was held."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from councils.choices import SessionKind
from councils.models import Session
from oversight.choices import ActivityKind, ActivityStatus
from oversight.models import OversightActivity

from ..choices import Comparison, Metric, SubjectType
from .base import (
    Context,
    EvidenceRow,
    Measure,
    MeasuredRule,
    MetricSpec,
    Param,
    Periods,
    SubjectKey,
    collect,
    window,
)


def measure(rule: MeasuredRule, ctx: Context, subjects, periods: Periods) -> dict:
    kinds = rule.params.get("activity_kinds") or [ActivityKind.QUESTIONING_SESSION]
    session_kinds = rule.params.get("session_kinds") or [SessionKind.REGULAR]
    start, end = window(periods)
    held = OversightActivity.objects.filter(session=OuterRef("pk"), kind__in=kinds).exclude(
        status=ActivityStatus.CANCELLED)
    qs = Session.objects.filter(ctx.council_q("council"), kind__in=session_kinds, start_date__gte=start,
                                start_date__lte=min(end, ctx.as_of)).annotate(held=Exists(held))
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    for council_id, pk, number, day, has in qs.order_by().values_list("council_id", "id", "number", "start_date", "held"):
        collect(measures, periods, (SubjectType.COUNCIL, council_id),
                EvidenceRow(Session, pk, has, _("Kỳ họp thứ %(number)s") % {"number": number}, day),
                in_period_date=day)
    return measures


SPEC = MetricSpec(
    code=Metric.SESSIONS_WITH_ACTIVITY,
    comparison=Comparison.SHARE_AT_LEAST,
    measure=measure,
    params={
        "session_kinds": Param.coded(list, SessionKind, label=_lazy("Chỉ kỳ họp loại")),
        "activity_kinds": Param.coded(list, ActivityKind, label=_lazy("Có hoạt động loại")),
    },
)
