"""Tỷ lệ nội dung chương trình công tác hoàn thành đúng hạn: of the work items due by now in the period, those
done by their due date, per council or per responsible body."""

from __future__ import annotations

from collections import defaultdict

from django.db.models.functions import Left
from django.utils.translation import gettext_lazy as _lazy

from oversight.choices import WorkItemOrigin, WorkItemStatus
from oversight.models import WorkItem

from ..choices import BODY_SUBJECT_TYPES, Comparison, Metric, SubjectType
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
    qs = WorkItem.objects.filter(ctx.council_q("council"), due_date__gte=start,
                                 due_date__lte=min(end, ctx.as_of)).exclude(status=WorkItemStatus.CANCELLED)
    if rule.params.get("origins"):
        qs = qs.filter(origin__in=rule.params["origins"])
    owner = "council_id" if rule.subject_type == SubjectType.COUNCIL else "responsible_body_id"
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    for subject_id, pk, title, due, status, done_on in qs.order_by().values_list(
        owner, "id", Left("title", 200), "due_date", "status", "done_on"
    ):
        counted = status == WorkItemStatus.DONE and done_on is not None and done_on <= due
        collect(measures, periods, (rule.subject_type, subject_id),
                EvidenceRow(WorkItem, pk, counted, title, due), in_period_date=due)
    return measures


SPEC = MetricSpec(
    code=Metric.WORK_ITEMS_ON_TIME,
    comparison=Comparison.SHARE_AT_LEAST,
    measure=measure,
    params={"origins": Param.coded(list, WorkItemOrigin, label=_lazy("Chỉ nội dung có nguồn"),
                                  help_text=_lazy("Để trống để tính mọi nội dung."))},
    subjects=frozenset({SubjectType.COUNCIL, *BODY_SUBJECT_TYPES}),
)
