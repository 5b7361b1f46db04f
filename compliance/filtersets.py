"""One FilterSet per compliance resource, shared by the API, the dashboard pages and the exports."""

from __future__ import annotations

import datetime

import django_filters as filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.filtersets import BaseFilterSet, CouncilScopedFilterSet
from utilities.filters import ChoicesFilter
from voters.filtersets import ForwardingFilterSet

from .answer_figures import FIGURE_LABELS, figure_conditions
from .choices import Metric, Obligation, PeriodKind, ResultStatus, RunStatus, SubjectType
from .models import EvaluationRun, Result, Rule, RuleSet


class RuleFilterSet(BaseFilterSet):
    ruleset = filters.ModelChoiceFilter(label=_("bộ chỉ tiêu"), queryset=RuleSet.objects.all())
    ruleset_code = filters.CharFilter(label=_("mã bộ chỉ tiêu"), field_name="ruleset__code")
    subject_type = filters.ChoiceFilter(label=_("đối tượng"), choices=SubjectType.choices)
    metric = filters.ChoiceFilter(label=_("cách đo"), choices=Metric.choices)
    period = filters.ChoiceFilter(label=_("kỳ"), choices=PeriodKind.choices)
    obligation = filters.ChoiceFilter(label=_("mức độ"), choices=Obligation.choices)
    valid_on = filters.DateFilter(label=_("có hiệu lực ngày"), method="filter_valid_on")

    class Meta:
        model = Rule
        fields = {"code": ["exact"], "is_active": ["exact"]}

    def filter_valid_on(self, queryset, name, value: datetime.date):
        # exclude() keeps the rows whose bound is empty (open-ended validity).
        return queryset.exclude(valid_from__gt=value).exclude(valid_to__lt=value)


class ResultFilterSet(CouncilScopedFilterSet):
    rule = filters.ModelChoiceFilter(label=_("chỉ tiêu"), queryset=Rule.objects.all())
    rule_code = filters.CharFilter(label=_("mã chỉ tiêu"), field_name="rule__code")
    ruleset = filters.CharFilter(label=_("mã bộ chỉ tiêu"), field_name="rule__ruleset__code")
    subject_type = filters.ChoiceFilter(label=_("loại đối tượng"), choices=SubjectType.choices)
    status = ChoicesFilter(label=_("đánh giá"), choices=ResultStatus.choices)
    period_start = filters.DateFilter(label=_("kỳ bắt đầu ngày"))
    period_contains = filters.DateFilter(label=_("kỳ chứa ngày"), method="filter_period_contains")
    obligation = filters.ChoiceFilter(label=_("mức độ"), field_name="rule__obligation", choices=Obligation.choices)

    class Meta:
        model = Result
        fields = ["council", "subtree_of", "rule", "subject_type", "status", "period_start"]

    def filter_period_contains(self, queryset, name, value: datetime.date):
        return queryset.filter(period_start__lte=value, period_end__gte=value)


class EvaluationRunFilterSet(CouncilScopedFilterSet):
    status = filters.ChoiceFilter(label=_("trạng thái"), choices=RunStatus.choices)
    as_of = filters.DateFilter(label=_("tính đến ngày"))
    full = filters.BooleanFilter(label=_("tính cho mọi HĐND"), field_name="council", lookup_expr="isnull")

    class Meta:
        model = EvaluationRun
        fields = ["status", "as_of", "council"]


class ScorecardForwardingFilterSet(ForwardingFilterSet):
    """The drill-down of the agency scorecard: a council's subtree, an agency, a period of receipt and a figure."""

    forwarded_after = filters.DateFilter(label=_("chuyển từ ngày"), field_name="forwarded_on", lookup_expr="gte")
    forwarded_before = filters.DateFilter(label=_("chuyển đến ngày"), field_name="forwarded_on", lookup_expr="lte")
    figure = filters.ChoiceFilter(label=_("số liệu"), choices=FIGURE_LABELS, method="filter_figure")

    class Meta(ForwardingFilterSet.Meta):
        fields = [*ForwardingFilterSet.Meta.fields, "subtree_of", "forwarded_after", "forwarded_before", "figure"]

    def filter_figure(self, queryset, name, value):
        # Judged today, like the scorecard's table (the rows come annotated by ``annotate_figures``).
        return queryset.filter(figure_conditions(timezone.localdate())[value])
