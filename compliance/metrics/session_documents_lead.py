"""Tỷ lệ kỳ họp gửi tài liệu đủ số ngày trước khai mạc: of the sessions opened by now in the period, those whose
documents were all sent at least ``min_days`` before the opening day."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from councils.choices import SessionKind
from councils.models import Session

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
    min_days = rule.params["min_days"]
    start, end = window(periods)
    qs = Session.objects.filter(ctx.council_q("council"), start_date__gte=start, start_date__lte=min(end, ctx.as_of))
    if rule.params.get("session_kinds"):
        qs = qs.filter(kind__in=rule.params["session_kinds"])
    qs = qs.annotate(
        docs=Count("documents"),
        unsent=Count("documents", filter=Q(documents__sent_at__isnull=True)),
        last_sent=Max("documents__sent_at"),
    )
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    for council_id, pk, number, day, docs, unsent, last_sent in qs.order_by().values_list(
        "council_id", "id", "number", "start_date", "docs", "unsent", "last_sent"
    ):
        lead = (day - timezone.localtime(last_sent).date()).days if docs and not unsent else None
        counted = lead is not None and lead >= min_days
        if lead is None:
            label = _("Kỳ họp thứ %(number)s: tài liệu chưa gửi đủ") % {"number": number}
        else:
            label = _("Kỳ họp thứ %(number)s: gửi trước %(days)s ngày") % {"number": number, "days": lead}
        collect(measures, periods, (SubjectType.COUNCIL, council_id),
                EvidenceRow(Session, pk, counted, label, day), in_period_date=day)
    return measures


SPEC = MetricSpec(
    code=Metric.SESSION_DOCUMENTS_LEAD,
    comparison=Comparison.SHARE_AT_LEAST,
    measure=measure,
    params={
        "min_days": Param(int, label=_lazy("Số ngày tối thiểu gửi tài liệu trước khai mạc")),
        "session_kinds": Param.coded(list, SessionKind, label=_lazy("Chỉ kỳ họp loại"),
                                    help_text=_lazy("Để trống để tính mọi kỳ họp.")),
    },
    required=("min_days",),
)
