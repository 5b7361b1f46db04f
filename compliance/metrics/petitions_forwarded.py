"""Tỷ lệ kiến nghị, đơn thư được chuyển: of the petitions that had to be forwarded by now, those that were
(within their deadline if the rule says so)."""

from __future__ import annotations

import datetime

from django.db.models import BooleanField, Case, DateField, ExpressionWrapper, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Concat, Left
from django.utils.translation import gettext_lazy as _lazy

from voters.choices import PetitionKind, PetitionStatus
from voters.models import Petition

from ..choices import Comparison, Metric
from .base import Context, MeasuredRule, MetricSpec, Param
from .records import measured_in_sql


def records(rule: MeasuredRule, ctx: Context, start: datetime.date, end: datetime.date) -> QuerySet:
    """The petitions received in the span that had to be forwarded by now, or were; counted if forwarded
    (within their deadline if the rule says so: their own, or the rule's days after receipt)."""
    params = rule.params
    qs = Petition.objects.filter(ctx.council_q("council"), received_on__gte=start,
                                 received_on__lte=min(end, ctx.as_of)).exclude(status=PetitionStatus.MERGED)
    if params.get("kinds"):
        qs = qs.filter(kind__in=params["kinds"])
    after_receipt = ExpressionWrapper(F("received_on") + datetime.timedelta(days=params.get("deadline_days", 10)),
                                      output_field=DateField())
    forwarded = Q(forwarded_on__isnull=False, forwarded_on__lte=ctx.as_of)
    counted = forwarded & Q(forwarded_on__lte=F("rec_deadline")) if params.get("within_deadline") else forwarded
    return (
        qs.alias(rec_deadline=Coalesce("forward_due", after_receipt))
        .filter(forwarded | Q(rec_deadline__lt=ctx.as_of))
        .annotate(rec_council=F("council_id"), rec_id=F("pk"),
                  rec_counted=ExpressionWrapper(counted, output_field=BooleanField()), rec_day=F("received_on"))
    )


def label():
    """A petition's evidence label: "<code> — <content's start>", or the content's start alone."""
    content = Left("content", 150)
    return Case(When(code="", then=content), default=Concat(F("code"), Value(" — "), content))


SPEC = MetricSpec(
    code=Metric.PETITIONS_FORWARDED,
    comparison=Comparison.SHARE_AT_LEAST,
    measure=measured_in_sql(records, label),
    params={
        "kinds": Param.coded(list, PetitionKind, label=_lazy("Chỉ kiến nghị, đơn thư loại"),
                            help_text=_lazy("Để trống để tính mọi loại.")),
        "within_deadline": Param(bool, label=_lazy("Chỉ tính chuyển đúng hạn")),
        "deadline_days": Param(int, label=_lazy("Hạn chuyển (số ngày)")),
    },
)
