"""Tỷ lệ kiến nghị được trả lời đúng hạn: of the forwardings due in the period, those answered by their due date."""

from __future__ import annotations

import datetime

from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet

from voters.models import Forwarding

from ..choices import Comparison, Metric
from .base import Context, MeasuredRule, MetricSpec
from .records import forwarding_label, measured_in_sql


def records(rule: MeasuredRule, ctx: Context, start: datetime.date, end: datetime.date) -> QuerySet:
    """The forwardings due in the span, judged once due or answered; counted if answered by their due date."""
    answered_on_time = Q(answered_on__isnull=False, answered_on__lte=F("due_date")) & Q(answered_on__lte=ctx.as_of)
    return (
        Forwarding.objects.filter(ctx.council_q("council"), due_date__gte=start, due_date__lte=end)
        .filter(Q(due_date__lte=ctx.as_of) | Q(answered_on__lte=ctx.as_of))
        .annotate(rec_council=F("council_id"), rec_id=F("pk"),
                  rec_counted=ExpressionWrapper(answered_on_time, output_field=BooleanField()),
                  rec_day=F("due_date"))
    )


SPEC = MetricSpec(code=Metric.FORWARDINGS_ANSWERED_ON_TIME, comparison=Comparison.SHARE_AT_LEAST,
                  measure=measured_in_sql(records, forwarding_label))
