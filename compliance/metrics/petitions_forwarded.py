"""Tỷ lệ kiến nghị, đơn thư được chuyển: of the petitions that had to be forwarded by now, those that were
(within their deadline if the rule says so)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models.functions import Left
from django.utils.translation import gettext_lazy as _lazy

from voters.choices import PetitionKind, PetitionStatus
from voters.models import Petition

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
    params = rule.params
    within_deadline = params.get("within_deadline", False)
    deadline_days = params.get("deadline_days", 10)
    start, end = window(periods)
    qs = Petition.objects.filter(ctx.council_q("council"), received_on__gte=start,
                                 received_on__lte=min(end, ctx.as_of)).exclude(status=PetitionStatus.MERGED)
    if params.get("kinds"):
        qs = qs.filter(kind__in=params["kinds"])
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    rows = qs.order_by().values_list("council_id", "id", "code", Left("content", 150), "received_on", "forward_due", "forwarded_on")
    for council_id, pk, code, content, received, due, forwarded in rows:
        deadline = due or received + datetime.timedelta(days=deadline_days)
        forwarded = forwarded if forwarded and forwarded <= ctx.as_of else None
        # Only petitions that had to be forwarded by now, or were, are judged.
        if forwarded is None and deadline >= ctx.as_of:
            continue
        counted = forwarded is not None and (not within_deadline or forwarded <= deadline)
        label = f"{code} — {content}" if code else content
        collect(measures, periods, (SubjectType.COUNCIL, council_id),
                EvidenceRow(Petition, pk, counted, label, received), in_period_date=received)
    return measures


SPEC = MetricSpec(
    code=Metric.PETITIONS_FORWARDED,
    comparison=Comparison.SHARE_AT_LEAST,
    measure=measure,
    params={
        "kinds": Param.coded(list, PetitionKind, label=_lazy("Chỉ kiến nghị, đơn thư loại"),
                            help_text=_lazy("Để trống để tính mọi loại.")),
        "within_deadline": Param(bool, label=_lazy("Chỉ tính chuyển đúng hạn")),
        "deadline_days": Param(int, label=_lazy("Hạn chuyển (số ngày)")),
    },
)
