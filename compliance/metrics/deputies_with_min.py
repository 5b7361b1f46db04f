"""Tỷ lệ đại biểu đạt số lần tối thiểu: the council's deputies who received citizens, or attended trainings,
at least ``min_count`` times in the period."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from councils.models import Deputy
from oversight.models import TrainingAttendance
from voters.models import CitizenReception

from ..choices import Comparison, Metric, SubjectType
from .base import Context, EvidenceRow, Measure, MeasuredRule, MetricSpec, Param, Periods, SubjectKey, window


def measure(rule: MeasuredRule, ctx: Context, subjects, periods: Periods) -> dict:
    params = rule.params
    minimum = params.get("min_count", 1)
    start, end = window(periods)
    end = min(end, ctx.as_of)
    if params["source"] == "citizen_reception":
        qs = CitizenReception.objects.filter(ctx.council_q("council"), date__gte=start, date__lte=end)
        if params.get("scheduled_only"):
            qs = qs.filter(scheduled=True)
        per_deputy = qs.order_by().values("deputy_id").annotate(n=Count("id")).values_list("deputy_id", "n")
        unit = _("buổi tiếp công dân")
    else:
        qs = TrainingAttendance.objects.filter(ctx.council_q("training__council"), attended=True,
                                               training__start_date__gte=start, training__start_date__lte=end)
        per_deputy = qs.order_by().values("deputy_id").annotate(n=Count("id")).values_list("deputy_id", "n")
        unit = _("lớp tập huấn")
    counts = dict(per_deputy)
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    for council_id, pk, name in ctx.shared(("deputies",), lambda: serving_deputies(ctx)):
        key = (SubjectType.COUNCIL, council_id)
        if key in periods:
            n = counts.get(pk, 0)
            measures[key].evidence.append(EvidenceRow(Deputy, pk, n >= minimum, f"{name}: {n} {unit}"))
    return measures


def serving_deputies(ctx: Context) -> list[tuple[int, int, str]]:
    """(council, id, name) of the deputies serving on the as-of date in the context's councils."""
    return list(
        Deputy.objects.filter(ctx.council_q("council"), term__start_date__lte=ctx.as_of, term__end_date__gte=ctx.as_of)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=ctx.as_of))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=ctx.as_of))
        .order_by()
        .values_list("council_id", "id", "full_name")
    )


SPEC = MetricSpec(
    code=Metric.DEPUTIES_WITH_MIN,
    comparison=Comparison.SHARE_AT_LEAST,
    measure=measure,
    params={
        "source": Param.coded(str, (("citizen_reception", _lazy("Tiếp công dân")), ("training", _lazy("Tập huấn"))),
                             label=_lazy("Đếm theo")),
        "min_count": Param(int, label=_lazy("Số lần tối thiểu của mỗi đại biểu"), help_text=_lazy("Để trống: 1 lần.")),
        "scheduled_only": Param(bool, label=_lazy("Chỉ tính buổi tiếp công dân theo lịch")),
    },
    required=("source",),
    # The denominator is the council's deputies, not records that fell due.
    empty_reason=_lazy("HĐND chưa có đại biểu trong nhiệm kỳ."),
)
