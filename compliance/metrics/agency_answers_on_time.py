"""Tỷ lệ trả lời đúng hạn của cơ quan (bảng theo dõi cơ quan): of the forwardings agencies received in the
period and that are answered or overdue, those answered by their due date; optionally only agencies of some
kinds (UBND, sở, ngành...). The same rows as the agency scorecard's "answered on time" figure."""

from __future__ import annotations

import datetime

from django.db.models import BooleanField, ExpressionWrapper, F, QuerySet
from django.utils.translation import gettext_lazy as _lazy

from councils.choices import AgencyKind
from voters.models import Forwarding

from ..answer_figures import figure_conditions, received_in
from ..choices import Comparison, Metric
from .base import Context, MeasuredRule, MetricSpec, Param
from .records import forwarding_label, measured_in_sql


def records(rule: MeasuredRule, ctx: Context, start: datetime.date, end: datetime.date) -> QuerySet:
    """The forwardings received in the span that are answered or overdue; counted if answered on time."""
    conditions = figure_conditions(ctx.as_of)
    qs = received_in(Forwarding.objects.filter(ctx.council_q("council")), start, min(end, ctx.as_of))
    if rule.params.get("agency_kinds"):
        qs = qs.filter(agency__kind__in=rule.params["agency_kinds"])
    return qs.filter(conditions["due"]).annotate(
        rec_council=F("council_id"), rec_id=F("pk"),
        rec_counted=ExpressionWrapper(conditions["on_time"], output_field=BooleanField()), rec_day=F("forwarded_on"))


SPEC = MetricSpec(
    code=Metric.AGENCY_ANSWERS_ON_TIME,
    comparison=Comparison.SHARE_AT_LEAST,
    measure=measured_in_sql(records, forwarding_label),
    params={"agency_kinds": Param.coded(list, AgencyKind, label=_lazy("Chỉ cơ quan loại"),
                                       help_text=_lazy("Để trống để tính mọi cơ quan."))},
)
