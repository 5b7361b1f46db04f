"""Tỷ lệ kiến nghị giám sát đến hạn đã thực hiện: of the oversight recommendations due by now in the period,
those implemented (or partly, if the rule counts them)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models.functions import Left
from django.utils.translation import gettext_lazy as _lazy

from oversight.choices import FollowUpStatus
from oversight.models import Recommendation

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
    done = [FollowUpStatus.IMPLEMENTED]
    if rule.params.get("count_partly"):
        done.append(FollowUpStatus.PARTLY_IMPLEMENTED)
    start, end = window(periods)
    qs = Recommendation.objects.filter(ctx.council_q("activity__council"), due_date__gte=start,
                                       due_date__lte=min(end, ctx.as_of))
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    for council_id, pk, content, due, status in qs.order_by().values_list(
        "activity__council_id", "id", Left("content", 200), "due_date", "status"
    ):
        collect(measures, periods, (SubjectType.COUNCIL, council_id),
                EvidenceRow(Recommendation, pk, status in done, content, due), in_period_date=due)
    return measures


SPEC = MetricSpec(
    code=Metric.RECOMMENDATIONS_IMPLEMENTED,
    comparison=Comparison.SHARE_AT_LEAST,
    measure=measure,
    params={"count_partly": Param(bool, label=_lazy("Tính cả kiến nghị thực hiện một phần"))},
)
