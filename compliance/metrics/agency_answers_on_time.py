"""Tỷ lệ trả lời đúng hạn của cơ quan (bảng theo dõi cơ quan): of the forwardings agencies received in the
period and that are answered or overdue, those answered by their due date; optionally only agencies of some
kinds (UBND, sở, ngành...). The same rows as the agency scorecard's "answered on time" figure."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import BooleanField, ExpressionWrapper
from django.db.models.functions import Left
from django.utils.translation import gettext_lazy as _lazy

from councils.choices import AgencyKind
from voters.models import Forwarding

from ..answer_figures import figure_conditions, received_in
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
    start, end = window(periods)
    conditions = figure_conditions(ctx.as_of)
    qs = received_in(Forwarding.objects.filter(ctx.council_q("petition__council")), start, min(end, ctx.as_of))
    if rule.params.get("agency_kinds"):
        qs = qs.filter(agency__kind__in=rule.params["agency_kinds"])
    rows = (
        qs.filter(conditions["due"])
        .annotate(is_on_time=ExpressionWrapper(conditions["on_time"], output_field=BooleanField()))
        .order_by()
        .values_list("petition__council_id", "id", "petition__code", Left("petition__content", 120),
                     "agency__name", "forwarded_on", "is_on_time")
    )
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    for council_id, pk, code, content, agency, forwarded_on, on_time in rows:
        collect(measures, periods, (SubjectType.COUNCIL, council_id),
                EvidenceRow(Forwarding, pk, bool(on_time), f"{code or content} → {agency}", forwarded_on),
                in_period_date=forwarded_on)
    return measures


SPEC = MetricSpec(
    code=Metric.AGENCY_ANSWERS_ON_TIME,
    comparison=Comparison.SHARE_AT_LEAST,
    measure=measure,
    params={"agency_kinds": Param.coded(list, AgencyKind, label=_lazy("Chỉ cơ quan loại"),
                                       help_text=_lazy("Để trống để tính mọi cơ quan."))},
)
