"""Tỷ lệ kiến nghị được trả lời đúng hạn: of the forwardings due in the period, those answered by their due date."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.db.models.functions import Left

from voters.models import Forwarding

from ..choices import Comparison, Metric, SubjectType
from .base import (
    Context,
    EvidenceRow,
    Measure,
    MeasuredRule,
    MetricSpec,
    Periods,
    SubjectKey,
    collect,
    window,
)


def measure(rule: MeasuredRule, ctx: Context, subjects, periods: Periods) -> dict:
    start, end = window(periods)
    qs = Forwarding.objects.filter(ctx.council_q("petition__council"), due_date__gte=start, due_date__lte=end).filter(
        Q(due_date__lte=ctx.as_of) | Q(answered_on__lte=ctx.as_of)
    )
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    rows = qs.order_by().values_list("petition__council_id", "id", "petition__code", Left("petition__content", 120),
                          "agency__name", "due_date", "answered_on")
    for council_id, pk, code, content, agency, due, answered in rows:
        counted = answered is not None and answered <= min(due, ctx.as_of)
        label = f"{code or content} → {agency}"
        collect(measures, periods, (SubjectType.COUNCIL, council_id),
                EvidenceRow(Forwarding, pk, counted, label, due), in_period_date=due)
    return measures


SPEC = MetricSpec(code=Metric.FORWARDINGS_ANSWERED_ON_TIME, comparison=Comparison.SHARE_AT_LEAST, measure=measure)
